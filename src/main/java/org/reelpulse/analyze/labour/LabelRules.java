package org.reelpulse.analyze.labour;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.reelpulse.query.NamedQueries;
import org.reelpulse.query.QueryAnalyzers;
import org.yaml.snakeyaml.Yaml;

/**
 * One consistent set of the rules the labour lens applies: themes, crafts, stakeholder groups,
 * entity names and the tracked deals (for stance). Its {@link #version()} changes whenever a rule
 * does, so stored posts labelled by other rules are labelled again.
 */
public final class LabelRules {

    /** Changes when the labelling code changes in a way that needs stored posts labelled again. */
    static final String CODE_VERSION = "labels-2";

    private final List<NamedQueries.Definition> themeDefinitions;
    private final List<NamedQueries.Definition> craftDefinitions;
    private final NamedQueries themes;
    private final NamedQueries crafts;
    private final Stakeholders stakeholders;
    private final EntityNames entities;
    private final NamedQueries deals;
    private final NamedQueries stanceCues;
    private final String version;

    LabelRules(List<NamedQueries.Definition> themes, List<NamedQueries.Definition> crafts,
            Stakeholders stakeholders, EntityNames entities, List<NamedQueries.Definition> deals,
            List<NamedQueries.Definition> stanceCues, Analyzer analyzer) {
        this.themeDefinitions = List.copyOf(themes);
        this.craftDefinitions = List.copyOf(crafts);
        this.themes = NamedQueries.of(themes, analyzer);
        this.crafts = NamedQueries.of(crafts, analyzer);
        this.stakeholders = stakeholders;
        this.entities = entities;
        this.deals = NamedQueries.of(deals, analyzer);
        this.stanceCues = NamedQueries.of(stanceCues, analyzer);
        this.version = CODE_VERSION + "-" + fingerprint(themes, crafts, stakeholders.asDefinitions(), entities.all(),
                new java.util.TreeSet<>(entities.ignored()),
                deals, stanceCues);
    }

    public NamedQueries themes() {
        return themes;
    }

    public NamedQueries crafts() {
        return crafts;
    }

    public Stakeholders stakeholders() {
        return stakeholders;
    }

    public EntityNames entities() {
        return entities;
    }

    public NamedQueries deals() {
        return deals;
    }

    /** Words that take a side on a deal: {@code opposes} and {@code supports}. */
    public NamedQueries stanceCues() {
        return stanceCues;
    }

    public List<NamedQueries.Definition> themeDefinitions() {
        return themeDefinitions;
    }

    public List<NamedQueries.Definition> craftDefinitions() {
        return craftDefinitions;
    }

    /** Identifies these rules; stored labels made by other rules are out of date. */
    public String version() {
        return version;
    }

    /**
     * The rules shipped in {@code themes.yml}, {@code crafts.yml}, {@code stakeholders.yml},
     * {@code entities.yml} and {@code stance.yml}.
     */
    public static Shipped shipped() {
        return new Shipped(definitions(read("themes.yml"), "themes"), definitions(read("crafts.yml"), "crafts"),
                groups(read("stakeholders.yml")), entities(read("entities.yml")), ignored(read("entities.yml")),
                definitions(read("stance.yml"), "cues"));
    }

    /** The rule files as shipped, before any edit by an ADMIN. */
    public record Shipped(List<NamedQueries.Definition> themes, List<NamedQueries.Definition> crafts,
            List<Stakeholders.Group> groups, List<EntityNames.Entity> entities, List<String> ignoredNames,
            List<NamedQueries.Definition> stanceCues) {

        /** These rules with the given themes and crafts and deals, ready to apply. */
        public LabelRules with(List<NamedQueries.Definition> themes, List<NamedQueries.Definition> crafts,
                List<NamedQueries.Definition> deals) {
            Analyzer analyzer = QueryAnalyzers.create();
            return new LabelRules(themes, crafts, new Stakeholders(groups, analyzer), new EntityNames(entities, ignoredNames), deals,
                    stanceCues, analyzer);
        }
    }

    private static Map<String, Object> read(String resource) {
        try (InputStream in = LabelRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<NamedQueries.Definition> definitions(Map<String, Object> root, String key) {
        List<NamedQueries.Definition> result = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) root.get(key)) {
            String name = String.valueOf(t.get("name")).toLowerCase(Locale.ROOT);
            result.add(new NamedQueries.Definition(name, String.valueOf(t.get("label")),
                    new LinkedHashMap<>((Map<String, String>) t.get("query"))));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Stakeholders.Group> groups(Map<String, Object> root) {
        List<Stakeholders.Group> result = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) root.get("groups")) {
            Map<String, List<String>> accounts = new LinkedHashMap<>();
            Map<String, Object> raw = (Map<String, Object>) g.getOrDefault("accounts", Map.of());
            raw.forEach((source, handles) -> accounts.put(source,
                    handles == null ? List.of() : ((List<Object>) handles).stream().map(String::valueOf).toList()));
            List<Object> sources = (List<Object>) g.getOrDefault("sources", List.of());
            List<Object> handles = (List<Object>) g.getOrDefault("handles", List.of());
            result.add(new Stakeholders.Group(String.valueOf(g.get("name")), String.valueOf(g.get("label")),
                    sources.stream().map(String::valueOf).toList(), accounts, (String) g.get("profile"),
                    handles.stream().map(String::valueOf).toList()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ignored(Map<String, Object> root) {
        return ((List<Object>) root.getOrDefault("ignore", List.of())).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<EntityNames.Entity> entities(Map<String, Object> root) {
        List<EntityNames.Entity> result = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) root.get("entities")) {
            List<Object> aliases = (List<Object>) e.getOrDefault("aliases", List.of());
            List<Object> exact = (List<Object>) e.getOrDefault("exact", List.of());
            result.add(new EntityNames.Entity(String.valueOf(e.get("name")), String.valueOf(e.get("type")),
                    aliases.stream().map(String::valueOf).toList(), exact.stream().map(String::valueOf).toList()));
        }
        return result;
    }

    private static String fingerprint(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
