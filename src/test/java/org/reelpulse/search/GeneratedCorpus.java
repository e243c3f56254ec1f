package org.reelpulse.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A realistic analysed corpus for the search benchmark, generated deterministically (fixed seed)
 * and streamed in post id order, so millions of posts never sit on the heap at once.
 * <ul>
 * <li>Text: a walk over the demo posts of the post's language (the next word follows some
 * occurrence of the current one in the demo, so real phrases recur), with jumps to a Zipfian draw
 * over the language's vocabulary (the demo's words by frequency, then a long tail of rare made-up
 * words) and restarts in a demo post of the post's topic. Lengths follow the demo's per source.</li>
 * <li>Time: August to November 2024, busier in the afternoon (UTC), with a burst of posts on the
 * Lionsgate–Runway deal from its announcement (2024-09-18 13:00 UTC) and a smaller one on
 * Blumhouse–Meta (2024-10-17); posts come roughly in publication order, as collection does.
 * Away from the bursts the deal's names are replaced by other companies, so "lionsgate" is an
 * event-sized word (a few percent of posts), not one in every post.</li>
 * <li>Authors: Zipfian over {@link #AUTHORS} handles (news outlets and unions from small sets);
 * engagement heavy-tailed and larger for prolific authors; unknown for news and union posts.</li>
 * <li>Analysis: sentiment label and score (more negative in the deal's burst, a share of non-English
 * posts unscored, a few recent ones still pending), and labels as the labour lens would give them:
 * entities, themes and crafts from words in the text, the group from the source and author, a
 * stance mostly on posts about a deal.</li>
 * </ul>
 */
public final class GeneratedCorpus {

    static final Instant START = Instant.parse("2024-08-01T00:00:00Z");
    static final Instant END = Instant.parse("2024-12-01T00:00:00Z");
    static final Instant ANNOUNCED = Instant.parse("2024-09-18T13:00:00Z");
    static final Instant BLUMHOUSE = Instant.parse("2024-10-17T15:00:00Z");
    static final int AUTHORS = 200_000;

    /** One generated post with its analysis. */
    public record Analysed(Post post, Sentiment sentiment, Labels labels) {
    }

    private enum Topic {
        LIONSGATE, BLUMHOUSE, BACKGROUND
    }

    private static final String[] SOURCES = {"bluesky", "mastodon", "reddit", "hackernews", "news", "union"};
    private static final double[] SOURCE_SHARE = {0.38, 0.21, 0.21, 0.08, 0.10, 0.02};
    private static final String[] LANGS = {"en", "es", "fr", "de"};
    private static final String[] INSTANCES = {"mastodon.social", "vfx.example.social", "mstdn.film", "sfba.social",
            "union.place", "framapiaf.org", "mastodon.world", "chaos.social"};
    private static final String[] UNIONS = {"sagaftra", "wgawest", "wgaeast", "iatse", "animationguild",
            "dgadirectors", "vfxunion", "equityuk", "writersguildgb", "snuts-fr", "verdi-film", "sindicato-actores"};
    private static final String[] REPLACEMENTS = {"Netflix", "Disney", "OpenAI", "Sora", "A24", "Pika", "Luma",
            "Midjourney", "Stability", "Paramount", "Warner", "Universal", "Sony", "Amazon", "Google", "Adobe",
            "Firefly", "Kling", "Veo", "Synthesia"};
    private static final String[] HASHTAGS = {"#AI", "#NoAIArt", "#GenerativeAI", "#VFX", "#Hollywood", "#SAGAFTRA",
            "#WGA", "#IATSE", "#film", "#animation", "#filmmaking", "#AIart", "#copyright", "#actors", "#Sora",
            "#MachineLearning", "#movies", "#union", "#solidarity", "#artists"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fi",
            "go", "ha", "je", "ku", "la", "mo", "ni", "pe", "ro", "su", "ta", "vi", "ze"};

    /** Words of the text that earn a label, as the labour lens's rules would (lower-case, letters only). */
    private static final Map<String, String> ENTITY_WORDS = words(
            "Lionsgate: lionsgate; Runway: runway runwayml; Blumhouse: blumhouse; Meta: meta; "
                    + "SAG-AFTRA: sag sagaftra; Writers Guild of America: wga; IATSE: iatse; Netflix: netflix; "
                    + "Disney: disney; OpenAI: openai sora; A24: a24; Paramount: paramount; Sony Pictures: sony; "
                    + "Amazon MGM Studios: amazon; Google: google veo; Midjourney: midjourney; "
                    + "Stability AI: stability; Pika: pika; Luma AI: luma; Warner Bros. Discovery: warner; "
                    + "Universal Pictures: universal");
    private static final Map<String, String> THEME_WORDS = words(
            "job-displacement: jobs job replace replacing replaced layoffs unemployment careers emplois empleos "
                    + "arbeitsplätze; consent-likeness: consent likeness replica consentement consentimiento; "
                    + "pay-residuals: pay paid residuals wages salaire; credit-authorship: credit credits authorship; "
                    + "training-data-copyright: training trained copyright library scraped stolen theft droits; "
                    + "creative-quality: slop soulless quality creativity; cost-efficiency: cost costs savings "
                    + "millions cheaper budget; legal-risk: lawsuit legal court sue liability; "
                    + "union-action: union strike guild contract unions syndicat sindicato gewerkschaft");
    private static final Map<String, String> CRAFT_WORDS = words(
            "actors: actors actor performers acteurs actores; voice-actors: voice dubbing; stunt-performers: stunt "
                    + "stunts; writers: writers writer screenwriters; directors: directors director filmmakers; "
                    + "vfx-artists: vfx compositor compositors; animators: animators animation; editors: editors "
                    + "editing; cinematographers: cinematographers cinematography; composers-musicians: composers "
                    + "musicians music; concept-storyboard-artists: storyboard concept illustrators; crew: crew "
                    + "grips gaffers");
    private static final Set<String> LIONSGATE_WORDS = Set.of("lionsgate", "runway", "runwayml");

    private final int size;
    private final long seed;
    /** Per language: the demo's words in order, post by post, as ids into {@link Lang#words}. */
    private final Map<String, Lang> langs = new LinkedHashMap<>();
    private final Map<String, int[]> lengthsBySource = new HashMap<>();
    private final double[] timeCdf;
    private final double[] lionsgateDensity;
    private final double[] blumhouseDensity;
    private final double[] density;
    private final Zipf authors = new Zipf(AUTHORS, 0.9);
    private final Zipf outlets = new Zipf(300, 1.0);
    private final Zipf unions = new Zipf(UNIONS.length, 1.0);
    private final Zipf hashtags = new Zipf(HASHTAGS.length, 1.0);
    private final Zipf replacements = new Zipf(REPLACEMENTS.length, 0.6);

    private static final long MINUTE = 60_000;
    private static final int MINUTES = (int) Duration.between(START, END).toMinutes();

    public GeneratedCorpus(List<DemoPost> demo, int size, long seed) {
        this.size = size;
        this.seed = seed;
        for (DemoPost p : demo) {
            langs.computeIfAbsent(p.lang(), Lang::new).add(p);
            lengthsBySource.merge(p.source(), new int[] {p.text().split("\\s+").length},
                    (a, b) -> {
                        int[] c = Arrays.copyOf(a, a.length + 1);
                        c[a.length] = b[0];
                        return c;
                    });
        }
        langs.values().forEach(Lang::finish);
        // posts per minute: a daily rhythm, slow growth, and the two bursts
        density = new double[MINUTES];
        lionsgateDensity = new double[MINUTES];
        blumhouseDensity = new double[MINUTES];
        long announced = Duration.between(START, ANNOUNCED).toMinutes();
        long blumhouse = Duration.between(START, BLUMHOUSE).toMinutes();
        for (int m = 0; m < MINUTES; m++) {
            double hour = (m % 1440) / 60.0;
            double base = (1 + 0.45 * Math.cos((hour - 17) / 24 * 2 * Math.PI)) * (1 + 0.3 * m / MINUTES)
                    // everyone talks more about AI in film for a few days after the announcement
                    * (m < announced ? 1 : 1 + 1.2 * Math.exp(-(m - announced) / (3.0 * 1440)));
            lionsgateDensity[m] = m < announced ? 0 : 6.5 * Math.exp(-(m - announced) / 1440.0);
            blumhouseDensity[m] = m < blumhouse ? 0 : 2.5 * Math.exp(-(m - blumhouse) / 1440.0);
            density[m] = base + lionsgateDensity[m] + blumhouseDensity[m];
        }
        timeCdf = new double[MINUTES + 1];
        for (int m = 0; m < MINUTES; m++) {
            timeCdf[m + 1] = timeCdf[m] + density[m];
        }
    }

    /** A demo post: what the generator learns from. */
    public record DemoPost(String source, String lang, String file, String text) {
    }

    /** The demo corpus's posts, which the generator learns its words and lengths from. */
    public static List<DemoPost> demoPosts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DemoPost> posts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("data", "demo"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(line);
                    String lang = n.path("lang").asText(null);
                    posts.add(new DemoPost(n.path("source").asText(), lang == null ? "en" : lang,
                            f.getFileName().toString(), n.path("text").asText()));
                }
            }
        }
        return posts;
    }

    int size() {
        return size;
    }

    /** The languages the text is generated in, with the demo's words of each by frequency. */
    Map<String, List<String>> vocabulary() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        langs.forEach((l, lang) -> v.put(l, Arrays.asList(lang.ranked)));
        return v;
    }

    /** Generates every post in id order. */
    public void forEach(Consumer<Analysed> consumer) {
        Random random = new Random(seed);
        String[] recent = new String[2000];
        String[] recentIds = new String[recent.length];
        for (int i = 0; i < size; i++) {
            consumer.accept(next(i, random, recent, recentIds));
        }
    }

    private Analysed next(int i, Random random, String[] recent, String[] recentIds) {
        long id = i + 1L;
        // the i-th of n posts in publication order, a little out of order as collection is
        double target = (i + random.nextDouble()) / size * timeCdf[MINUTES];
        int found = Arrays.binarySearch(timeCdf, target);
        int minute = Math.max(0, Math.min(MINUTES - 1, found < 0 ? -found - 2 : found));
        long jitter = (long) ((random.nextDouble() - 0.5) * 40 * MINUTE);
        long at = Math.max(START.toEpochMilli(), Math.min(END.toEpochMilli() - 1,
                START.toEpochMilli() + minute * MINUTE + (long) (random.nextDouble() * MINUTE) + jitter));
        double u = random.nextDouble() * density[minute];
        Topic topic = u < lionsgateDensity[minute] ? Topic.LIONSGATE
                : u < lionsgateDensity[minute] + blumhouseDensity[minute] ? Topic.BLUMHOUSE
                : random.nextDouble() < 0.004 ? Topic.LIONSGATE
                : random.nextDouble() < 0.002 ? Topic.BLUMHOUSE : Topic.BACKGROUND;

        String source = SOURCES[pick(SOURCE_SHARE, random)];
        String lang = language(source, random);
        int authorRank;
        String handle;
        switch (source) {
            case "news" -> {
                authorRank = outlets.next(random);
                handle = "outlet" + authorRank + ".example";
            }
            case "union" -> {
                authorRank = unions.next(random);
                handle = UNIONS[authorRank - 1];
            }
            default -> {
                authorRank = authors.next(random);
                String name = name(authorRank);
                handle = switch (source) {
                    case "bluesky" -> name + ".bsky.social";
                    case "mastodon" -> name + "@" + INSTANCES[authorRank % INSTANCES.length];
                    default -> name;
                };
            }
        }
        String externalId = source + "-" + id;
        String text;
        String repostOf = null;
        int slot = i % recent.length;
        if (i > recent.length && (source.equals("bluesky") || source.equals("mastodon")) && random.nextDouble() < 0.07) {
            // a repost or a copy of a recent post
            int from = random.nextInt(recent.length);
            text = recent[from];
            repostOf = recentIds[from];
        } else {
            text = text(source, lang, topic, random);
        }
        recent[slot] = text;
        recentIds[slot] = externalId;

        boolean metricsKnown = !source.equals("news") && !source.equals("union");
        Metrics metrics = Metrics.UNKNOWN;
        if (metricsKnown) {
            // heavy-tailed (Pareto, alpha 1.3), larger for prolific authors
            double reach = 1 + 30.0 / Math.sqrt(authorRank);
            int likes = (int) Math.min(500_000, (Math.pow(1 - random.nextDouble(), -1 / 1.3) - 1) * 4 * reach);
            int reposts = (int) (likes * 0.25 * random.nextDouble());
            int replies = (int) (likes * 0.15 * random.nextDouble());
            int quotes = source.equals("bluesky") ? (int) (likes * 0.03 * random.nextDouble()) : 0;
            metrics = new Metrics(likes, reposts, replies, quotes);
        }
        String tag = random.nextDouble() < 0.03 ? null : random.nextDouble() < 0.05 ? lang + "-US" : lang;
        Instant published = Instant.ofEpochMilli(at);
        Post post = new Post(id, id, source, externalId, null, new Author(handle, null, null), text, tag, published,
                metrics, null, repostOf, published);
        return new Analysed(post, sentiment(lang, topic, at, i, random), labels(text, source, authorRank, topic, random));
    }

    private static String language(String source, Random random) {
        double u = random.nextDouble();
        return switch (source) {
            case "reddit", "hackernews" -> u < 0.95 ? "en" : LANGS[1 + random.nextInt(3)];
            case "news", "union" -> u < 0.8 ? "en" : LANGS[1 + random.nextInt(3)];
            default -> u < 0.68 ? "en" : u < 0.79 ? "es" : u < 0.90 ? "fr" : "de";
        };
    }

    private String text(String source, String lang, Topic topic, Random random) {
        Lang l = langs.getOrDefault(lang, langs.get("en"));
        int[] lengths = lengthsBySource.getOrDefault(source, lengthsBySource.get("bluesky"));
        int length = (int) Math.max(3, Math.min(400,
                lengths[random.nextInt(lengths.length)] * Math.exp(random.nextGaussian() * 0.35)));
        int[] starts = l.starts(topic);
        int at = starts[random.nextInt(starts.length)];
        StringBuilder text = new StringBuilder(length * 7);
        for (int k = 0; k < length; k++) {
            double u = random.nextDouble();
            String word;
            if (u < 0.10) {
                word = l.zipfWord(random);
            } else {
                if (u < 0.22 || at < 0) {
                    at = starts[random.nextInt(starts.length)];
                }
                word = l.surface[l.tokens[at]];
                at = l.follow(at, random);
            }
            if (k > 0) {
                text.append(' ');
            }
            text.append(substitute(word, topic, random));
        }
        if (random.nextDouble() < 0.18) {
            text.append(' ').append(topic == Topic.LIONSGATE && random.nextBoolean()
                    ? (random.nextBoolean() ? "#Lionsgate" : "#Runway")
                    : HASHTAGS[hashtags.next(random) - 1]);
        }
        return text.toString();
    }

    /**
     * The deals' names only in posts about that deal; elsewhere another company in their place,
     * also inside "Lionsgate/Runway", "#Runway" or "Lionsgate's", but not inside other words.
     */
    private String substitute(String word, Topic topic, Random random) {
        Matcher m = DEAL_NAMES.matcher(word);
        if (!m.find()) {
            return word;
        }
        StringBuilder out = new StringBuilder();
        do {
            boolean lionsgate = LIONSGATE_WORDS.contains(m.group(1).toLowerCase(Locale.ROOT));
            boolean keep = lionsgate ? topic == Topic.LIONSGATE : topic == Topic.BLUMHOUSE;
            m.appendReplacement(out, Matcher.quoteReplacement(keep ? m.group(1)
                    : REPLACEMENTS[replacements.next(random) - 1]));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern DEAL_NAMES = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(lionsgate|runwayml|runway|blumhouse|meta)(?=s?(?![\\p{L}\\p{N}]))");

    private static Sentiment sentiment(String lang, Topic topic, long at, int i, Random random) {
        if (i > 0 && random.nextDouble() < 0.002) {
            return null; // not analysed yet
        }
        Instant analysedAt = Instant.ofEpochMilli(at).plusSeconds(60);
        if (!lang.equals("en") && random.nextDouble() < 0.3) {
            return Sentiment.unscored(lang, "no model for this text", analysedAt);
        }
        double u = random.nextDouble();
        double neg = topic == Topic.BACKGROUND ? 0.35 : 0.55;
        double neu = topic == Topic.BACKGROUND ? 0.40 : 0.25;
        SentimentLabel label = u < neg ? SentimentLabel.NEGATIVE : u < neg + neu ? SentimentLabel.NEUTRAL
                : SentimentLabel.POSITIVE;
        double strength = Math.pow(random.nextDouble(), 0.7);
        double score = switch (label) {
            case NEGATIVE -> -0.2 - 0.8 * strength;
            case POSITIVE -> 0.2 + 0.8 * strength;
            default -> (random.nextDouble() - 0.5) * 0.4;
        };
        return new Sentiment(label, Math.round(score * 1000) / 1000.0, 0.5 + 0.49 * random.nextDouble(),
                "tweet-lr-3/" + lang, null, lang, List.of(), analysedAt, List.of());
    }

    private static Labels labels(String text, String source, int authorRank, Topic topic, Random random) {
        Set<String> entities = new LinkedHashSet<>();
        Set<String> themes = new LinkedHashSet<>();
        Set<String> crafts = new LinkedHashSet<>();
        for (String w : text.split("\\s+")) {
            String key = letters(w);
            String e = ENTITY_WORDS.get(key);
            if (e != null) {
                entities.add(e);
            }
            String t = THEME_WORDS.get(key);
            if (t != null) {
                themes.add(t);
            }
            String c = CRAFT_WORDS.get(key);
            if (c != null) {
                crafts.add(c);
            }
        }
        String group = switch (source) {
            case "news" -> "press";
            case "union" -> "union-guild";
            default -> {
                int h = Math.floorMod(authorRank * 0x9E3779B1, 1000);
                yield h < 700 ? "public" : h < 920 ? "working-creative" : h < 950 ? "press"
                        : h < 970 ? "studio-company" : h < 985 ? "ai-company" : h < 993 ? "union-guild"
                        : "public-body";
            }
        };
        double u = random.nextDouble();
        String stance = topic == Topic.BACKGROUND ? (u < 0.04 ? "opposes" : u < 0.06 ? "supports" : null)
                : u < 0.45 ? "opposes" : u < 0.57 ? "supports" : null;
        return new Labels(
                themes.stream().map(n -> label(LabelKind.THEME, n)).toList(),
                crafts.stream().map(n -> label(LabelKind.CRAFT, n)).toList(),
                label(LabelKind.GROUP, group),
                entities.stream().map(n -> label(LabelKind.ENTITY, n)).toList(),
                stance == null ? null : label(LabelKind.STANCE, stance));
    }

    private static Label label(LabelKind kind, String name) {
        return new Label(kind, name, name, "generated", "benchmark");
    }

    /** Lower-case letters and digits of a word: "Lionsgate's" is "lionsgate", "#VFX" is "vfx". */
    static String letters(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '’') {
                break; // a possessive or a contraction: the word before it
            }
        }
        return b.toString();
    }

    /** A made-up word, different for every rank: names, handles and the rare words of a big corpus. */
    static String name(int rank) {
        StringBuilder b = new StringBuilder();
        int r = rank + SYLLABLES.length;
        while (r > 0) {
            b.append(SYLLABLES[r % SYLLABLES.length]);
            r /= SYLLABLES.length;
        }
        return b.toString();
    }

    private static int pick(double[] shares, Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < shares.length; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static Map<String, String> words(String spec) {
        Map<String, String> m = new HashMap<>();
        for (String group : spec.split(";")) {
            String[] kv = group.split(":", 2);
            for (String w : kv[1].trim().split("\\s+")) {
                m.put(w, kv[0].trim());
            }
        }
        return m;
    }

    /** Draws ranks 1..n with probability proportional to 1 / rank^s. */
    static final class Zipf {
        private final double[] cdf;

        Zipf(int n, double s) {
            cdf = new double[n];
            double sum = 0;
            for (int r = 1; r <= n; r++) {
                sum += 1 / Math.pow(r, s);
                cdf[r - 1] = sum;
            }
            for (int r = 0; r < n; r++) {
                cdf[r] /= sum;
            }
        }

        int next(Random random) {
            int i = Arrays.binarySearch(cdf, random.nextDouble());
            return (i < 0 ? -i - 1 : i) + 1;
        }
    }

    /** The demo's text of one language as a walk can use it. */
    private static final class Lang {
        private static final int TAIL = 150_000;

        final String code;
        final List<String> surfaceList = new ArrayList<>();
        final Map<String, Integer> ids = new HashMap<>();
        final List<Integer> tokenList = new ArrayList<>();
        final Map<Topic, List<Integer>> startLists = new HashMap<>();
        String[] surface;
        int[] tokens;
        /** For each word id, the positions where it occurs. */
        int[][] occurrences;
        String[] ranked;
        Map<Topic, int[]> starts;
        Zipf zipf;

        Lang(String code) {
            this.code = code;
        }

        void add(DemoPost p) {
            Topic topic = p.file().startsWith("lionsgate") ? Topic.LIONSGATE
                    : p.file().startsWith("blumhouse") ? Topic.BLUMHOUSE : Topic.BACKGROUND;
            String[] words = p.text().strip().split("\\s+");
            for (int k = 0; k < words.length; k++) {
                if (words[k].isEmpty()) {
                    continue;
                }
                int position = tokenList.size();
                startLists.computeIfAbsent(topic, t -> new ArrayList<>()).add(position);
                startLists.computeIfAbsent(Topic.BACKGROUND, t -> new ArrayList<>());
                if (topic != Topic.BACKGROUND) {
                    startLists.get(Topic.BACKGROUND).add(position);
                }
                tokenList.add(ids.computeIfAbsent(words[k], w -> {
                    surfaceList.add(w);
                    return surfaceList.size() - 1;
                }));
            }
            tokenList.add(-1); // the end of a post
        }

        void finish() {
            surface = surfaceList.toArray(String[]::new);
            tokens = tokenList.stream().mapToInt(Integer::intValue).toArray();
            int[] counts = new int[surface.length];
            for (int t : tokens) {
                if (t >= 0) {
                    counts[t]++;
                }
            }
            occurrences = new int[surface.length][];
            for (int w = 0; w < surface.length; w++) {
                occurrences[w] = new int[counts[w]];
            }
            int[] filled = new int[surface.length];
            for (int p = 0; p < tokens.length; p++) {
                if (tokens[p] >= 0) {
                    occurrences[tokens[p]][filled[tokens[p]]++] = p;
                }
            }
            Integer[] order = new Integer[surface.length];
            for (int w = 0; w < order.length; w++) {
                order[w] = w;
            }
            Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a])
                    : surface[a].compareTo(surface[b]));
            ranked = Arrays.stream(order).map(w -> surface[w]).toArray(String[]::new);
            zipf = new Zipf(ranked.length + TAIL, 1.0);
            starts = new HashMap<>();
            startLists.forEach((t, l) -> starts.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
        }

        int[] starts(Topic topic) {
            int[] s = starts.get(topic);
            return s == null || s.length == 0 ? starts.get(Topic.BACKGROUND) : s;
        }

        /** The position after some occurrence of the word at {@code at}; -1 at the end of a post. */
        int follow(int at, Random random) {
            int[] occ = occurrences[tokens[at]];
            int next = occ[random.nextInt(occ.length)] + 1;
            return next < tokens.length && tokens[next] >= 0 ? next : -1;
        }

        String zipfWord(Random random) {
            int r = zipf.next(random) - 1;
            return r < ranked.length ? ranked[r] : name(1_000_000 + (r - ranked.length) * 7 + Math.floorMod(code.hashCode(), 7));
        }
    }
}
