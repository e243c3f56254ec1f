package org.reelpulse.analyze;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelRules;
import org.reelpulse.analyze.labour.Labeller;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;
import org.reelpulse.query.NamedQueries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Measures the labour lens on hand-labelled posts ({@code data/eval/labour-*.ndjson}, each with a
 * {@code gold} object): precision and recall per theme, craft, stakeholder group and stance, with
 * the shipped rules, the demo's tracked deals and the full analysis (sentiment feeds the stance).
 * Run with {@code ./mvnw -Peval-labour}; prints a Markdown report.
 */
public final class LabourEvaluation {

    private LabourEvaluation() {
    }

    /** Arguments: the events file (the tracked deals), then one or more labelled NDJSON files. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: LabourEvaluation <events.json> <labelled.ndjson>...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<NamedQueries.Definition> deals = new ArrayList<>();
        for (JsonNode e : json.readTree(Path.of(args[0]).toFile())) {
            deals.add(new NamedQueries.Definition(e.get("slug").asText(), e.get("name").asText(),
                    Map.of(NamedQueries.FALLBACK_LANG, e.get("query").asText())));
        }
        LabelRules.Shipped shipped = LabelRules.shipped();
        LabelRules rules = shipped.with(shipped.themes(), shipped.crafts(), deals);
        PostAnalyzer analyzer = new PostAnalyzer(new CoreNlpSentiment(new AnalyzeProperties(true, 32, 2, 80,
                Duration.ofSeconds(1), "shift-reduce", true, "model")), new AnalyzeProperties(true, 32, 2, 80,
                Duration.ofSeconds(1), "shift-reduce", true, "model"), Clock.systemUTC());
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            out.append(evaluate(Path.of(args[i]), json, analyzer, rules));
        }
        System.out.println(out);
    }

    private static String evaluate(Path file, ObjectMapper json, PostAnalyzer analyzer, LabelRules rules)
            throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Labels>> predicted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Post p = toPost(i + 1, lines.get(i));
            predicted.add(pool.submit(() -> {
                Analysed a = analyzer.analyse(p);
                return Labeller.label(rules, p, a.sentiment(), a.recognised(), List.of());
            }));
        }
        Scores themes = new Scores();
        Scores crafts = new Scores();
        Scores groups = new Scores();
        Scores stances = new Scores();
        boolean showErrors = Boolean.getBoolean("eval.errors") && file.getFileName().toString().contains("dev");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode gold = lines.get(i).get("gold");
            Labels l = predicted.get(i).get();
            if (showErrors) {
                printErrors(lines.get(i), l);
            }
            themes.addSet(strings(gold.get("themes")), l.names(LabelKind.THEME));
            crafts.addSet(strings(gold.get("crafts")), l.names(LabelKind.CRAFT));
            groups.addOne(gold.get("group").asText(), l.group() == null ? "none" : l.group().name());
            stances.addOne(gold.get("stance").asText(), l.stance() == null ? "none" : l.stance().name());
        }
        pool.shutdown();
        return "## " + file.getFileName() + " (" + lines.size() + " posts)\n\n"
                + "### Themes\n\n" + themes.table() + "\n"
                + "### Crafts\n\n" + crafts.table() + "\n"
                + "### Stakeholder group\n\n" + groups.table() + "\n" + groups.confusion() + "\n"
                + "### Stance\n\n" + stances.table() + "\n" + stances.confusion() + "\n";
    }

    /** For tuning on the development set only ({@code -Deval.errors=true}): what the rules got wrong. */
    private static void printErrors(JsonNode line, Labels l) {
        JsonNode gold = line.get("gold");
        StringBuilder b = new StringBuilder();
        diff(b, "themes", strings(gold.get("themes")), l.names(LabelKind.THEME));
        diff(b, "crafts", strings(gold.get("crafts")), l.names(LabelKind.CRAFT));
        diff(b, "group", List.of(gold.get("group").asText()), l.names(LabelKind.GROUP));
        diff(b, "stance", List.of(gold.get("stance").asText()), l.names(LabelKind.STANCE));
        if (!b.isEmpty()) {
            JsonNode a = line.get("author");
            System.err.printf("%s [%s/%s] %s | %s | bio: %s%n%s  stance reason: %s; group rule: %s%n%n",
                    line.get("externalId").asText(), line.get("source").asText(), line.path("lang").asText(),
                    line.get("text").asText(), a.get("handle").asText(), a.path("bio").asText(""), b,
                    l.stance() == null ? "" : l.stance().reason(), l.group() == null ? "" : l.group().rule());
        }
    }

    private static void diff(StringBuilder b, String kind, List<String> gold, List<String> predicted) {
        List<String> missed = gold.stream().filter(g -> !predicted.contains(g)).toList();
        List<String> extra = predicted.stream().filter(p -> !gold.contains(p)).toList();
        if (!missed.isEmpty() || !extra.isEmpty()) {
            b.append("  ").append(kind).append(": missed ").append(missed).append(", extra ").append(extra)
                    .append('\n');
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> s = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> s.add(n.asText()));
        }
        return s;
    }

    static Post toPost(long id, JsonNode n) {
        JsonNode a = n.get("author");
        JsonNode m = n.path("metrics");
        Instant at = Instant.parse(n.get("publishedAt").asText());
        return new Post(id, id, n.get("source").asText(), n.get("externalId").asText(), n.path("url").asText(null),
                new Author(a.get("handle").asText(), a.path("name").asText(null), a.path("bio").asText(null)),
                n.get("text").asText(), n.path("lang").asText(null), at,
                new Metrics(m.path("likes").asInt(0), m.path("reposts").asInt(0), m.path("replies").asInt(0),
                        m.path("quotes").asInt(0)), null, null, at);
    }

    /** Per-label true and false positives and false negatives, and the confusions of single labels. */
    static final class Scores {
        private final Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
        private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        private int items;
        private int exact;

        /** A multi-label item: the gold set and the predicted set. */
        void addSet(List<String> gold, List<String> predicted) {
            items++;
            if (new TreeSet<>(gold).equals(new TreeSet<>(predicted))) {
                exact++;
            }
            for (String g : gold) {
                counts.computeIfAbsent(g, k -> new int[3])[predicted.contains(g) ? 0 : 2]++;
            }
            for (String p : predicted) {
                if (!gold.contains(p)) {
                    counts.computeIfAbsent(p, k -> new int[3])[1]++;
                }
            }
        }

        /** A single-label item. */
        void addOne(String gold, String predicted) {
            addSet(List.of(gold), List.of(predicted));
            confusion.computeIfAbsent(gold, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        }

        double precision(String label) {
            int[] c = counts.get(label);
            return c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
        }

        double recall(String label) {
            int[] c = counts.get(label);
            return c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
        }

        double f1(String label) {
            double p = precision(label);
            double r = recall(label);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Micro-averaged precision, recall and F1 over every label. */
        double[] micro() {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int[] c : counts.values()) {
                tp += c[0];
                fp += c[1];
                fn += c[2];
            }
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
        }

        double macroF1() {
            return counts.keySet().stream().filter(l -> counts.get(l)[0] + counts.get(l)[2] > 0)
                    .mapToDouble(this::f1).average().orElse(0);
        }

        String table() {
            StringBuilder b = new StringBuilder("| label | gold | predicted | precision | recall | F1 |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            counts.forEach((label, c) -> b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f |%n",
                    label, c[0] + c[2], c[0] + c[1], precision(label), recall(label), f1(label))));
            double[] micro = micro();
            b.append(String.format(Locale.ROOT, "| **micro-average** | | | %.2f | %.2f | %.2f |%n", micro[0], micro[1],
                    micro[2]));
            b.append(String.format(Locale.ROOT, "| **macro-F1** (labels in the gold set) | | | | | %.2f |%n",
                    macroF1()));
            b.append(String.format(Locale.ROOT, "%nExactly right: %d of %d posts (%.0f%%).%n", exact, items,
                    items == 0 ? 0 : 100.0 * exact / items));
            return b.toString();
        }

        String confusion() {
            TreeSet<String> labels = new TreeSet<>(confusion.keySet());
            confusion.values().forEach(m -> labels.addAll(m.keySet()));
            StringBuilder b = new StringBuilder("Confusion (rows: gold, columns: predicted)\n\n| gold \\\\ predicted |");
            labels.forEach(l -> b.append(' ').append(l).append(" |"));
            b.append("\n|---|").append("---:|".repeat(labels.size())).append('\n');
            for (String g : labels) {
                b.append("| ").append(g).append(" |");
                Map<String, Integer> row = confusion.getOrDefault(g, Map.of());
                labels.forEach(p -> b.append(' ').append(row.getOrDefault(p, 0)).append(" |"));
                b.append('\n');
            }
            return b.toString();
        }

        Map<String, int[]> counts() {
            return new LinkedHashMap<>(counts);
        }
    }
}
