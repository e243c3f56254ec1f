package org.reelpulse.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.query.QueryAnalyzers;
import org.reelpulse.query.QueryParsing;
import org.reelpulse.search.PlainLucene.And;
import org.reelpulse.search.PlainLucene.AndNot;
import org.reelpulse.search.PlainLucene.Keyword;
import org.reelpulse.search.PlainLucene.Or;
import org.reelpulse.search.PlainLucene.Phrase;
import org.reelpulse.search.PlainLucene.Prefix;
import org.reelpulse.search.PlainLucene.Spec;
import org.reelpulse.search.PlainLucene.Tag;
import org.reelpulse.search.PlainLucene.Word;


/**
 * The search benchmark of the search issue: generates a realistic analysed corpus (see
 * {@link GeneratedCorpus}), indexes it through {@link PostIndex} as the application does (its batch
 * size and commit interval), then times the dashboard's and the analysts' queries of each kind
 * through ReelPulse ({@link PostSearcher}, {@link Comparison}) and the same work written in plain
 * Lucene ({@link PlainLucene}) on the same index reader, interleaved query by query. A warm-up pass
 * runs every query once on both sides first and checks that both give the same answers.
 * <p>
 * A benchmark, not a test: {@code docs/benchmarks/search.sh <posts> [queries per kind] [index dir]}
 * (arguments {@code <posts> <queries per kind> <index dir> [reuse]}; with {@code reuse} an index of
 * the same size left by an earlier run is searched again instead of being rebuilt).
 */
public final class SearchBenchmark {

    private static final long DAY = PlainLucene.DAY;
    private static final long START = GeneratedCorpus.START.toEpochMilli();
    private static final long END = GeneratedCorpus.END.toEpochMilli();
    private static final int DAYS = (int) ((END - START) / DAY);
    private static final long ANNOUNCED_DAY = Math.floorDiv(GeneratedCorpus.ANNOUNCED.toEpochMilli(), DAY) * DAY;
    private static final List<String> FACETS = List.of("source", "lang", "sentiment", "theme", "craft", "group",
            "author", "entity", "tag");
    private static final int TOP_VALUES = 10;
    /** What the benchmark's results go to, so no work can be optimised away. */
    private static volatile Object sink;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args[0]);
        int perKind = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = args.length > 2 ? Path.of(args[2])
                : Path.of(System.getProperty("java.io.tmpdir"), "reelpulse-search-bench-" + posts);
        boolean reuse = args.length > 3 && args[3].equals("reuse");
        System.out.printf(Locale.ROOT, "%d posts, %d queries per kind, index in %s; %d cores, max heap %d MiB, %s %s%n",
                posts, perKind, dir, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("load average before: " + loadAverage());

        GeneratedCorpus corpus = new GeneratedCorpus(GeneratedCorpus.demoPosts(), posts, 42);
        if (!reuse || !indexed(dir, posts)) {
            index(corpus, dir);
        } else {
            System.out.println("reusing the index in " + dir);
        }
        System.out.printf(Locale.ROOT, "index size on disk: %.1f MiB%n", size(dir) / 1048576.0);

        try (PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create())) {
            PostSearcher reelpulse = new PostSearcher(index);
            Comparison comparison = new Comparison(reelpulse);
            IndexReader reader = index.read(s -> {
                s.getIndexReader().incRef();
                return s.getIndexReader();
            });
            try {
                System.out.printf(Locale.ROOT, "%d documents in %d segments%n", reader.numDocs(), reader.leaves().size());
                PlainLucene plain = new PlainLucene(reader);
                describe(reader, plain);
                // the first count maps each segment's values of the counted fields to ids, once per segment
                long t0 = System.nanoTime();
                sink = reelpulse.facets("", TimeWindow.ALL, FACETS, TOP_VALUES);
                System.out.printf(Locale.ROOT, "first count after opening the index (value ids of %d fields mapped "
                        + "in every segment): %.0f ms%n", FACETS.size(), (System.nanoTime() - t0) / 1e6);
                // -Dbench.kinds=<regex> runs only the kinds whose name matches (none: indexing only)
                String only = System.getProperty("bench.kinds", ".*");
                List<Kind> kinds = kinds(corpus, reader, plain, reelpulse, comparison, perKind, only);
                if (!kinds.isEmpty()) {
                    run(kinds, plain, posts);
                }
            } finally {
                reader.decRef();
            }
        }
    }

    // ---------------------------------------------------------------- indexing

    private static boolean indexed(Path dir, int posts) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create())) {
            return index.watermark() == posts && index.size() == posts;
        }
    }

    /**
     * Indexes the corpus as {@link PostIndexer} does, with the application's settings: documents built and
     * staged batch by batch, committed every {@code reelpulse.search.commit-every} posts.
     */
    private static void index(GeneratedCorpus corpus, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        // the application's own settings: posts read and indexed at a time, posts between two commits
        java.util.Properties settings = new java.util.Properties();
        try (var in = SearchBenchmark.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        }
        int batchSize = Integer.parseInt(settings.getProperty("reelpulse.search.batch-size"));
        int commitEvery = Integer.parseInt(settings.getProperty("reelpulse.search.commit-every"));
        long[] building = new long[1];
        long[] writing = new long[1];
        long[] committing = new long[1];
        long start = System.nanoTime();
        PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create());
        List<PostIndex.PostDocument> batch = new ArrayList<>(batchSize);
        long[] uncommitted = new long[1];
        // what PostIndexer.catchUp does with the posts it reads
        corpus.forEach(a -> {
            long t0 = System.nanoTime();
            batch.add(PostDocuments.of(a.post(), a.sentiment(), a.labels()));
            long t1 = System.nanoTime();
            building[0] += t1 - t0;
            boolean last = a.post().seq() == corpus.size();
            if (batch.size() == batchSize || last) {
                try {
                    index.stage(batch);
                    uncommitted[0] += batch.size();
                    if (uncommitted[0] >= commitEvery || last) {
                        long t2 = System.nanoTime();
                        index.commit(a.post().seq());
                        committing[0] += System.nanoTime() - t2;
                        uncommitted[0] = 0;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                batch.clear();
                writing[0] += System.nanoTime() - t1;
            }
            if (a.post().seq() % 250_000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d posts after %.0f s%n", a.post().seq(),
                        (System.nanoTime() - start) / 1e9);
            }
        });
        long generatedAndIndexed = System.nanoTime() - start;
        index.close(); // waits for the merges still running
        long closed = System.nanoTime() - start;
        double indexing = (building[0] + writing[0]) / 1e9;
        System.out.printf(Locale.ROOT, "indexing: %,d posts; documents built in %.1f s, added in %.1f s and "
                + "committed in %.1f s (batches of %d, a commit every %d): %.0f posts/s; generation %.1f s besides; "
                + "the last merges %.1f s after the last commit%n", corpus.size(), building[0] / 1e9,
                (writing[0] - committing[0]) / 1e9, committing[0] / 1e9, batchSize, commitEvery, corpus.size() / indexing,
                (generatedAndIndexed - building[0] - writing[0]) / 1e9, (closed - generatedAndIndexed) / 1e9);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** What the corpus is made of, read back from the index. */
    private static void describe(IndexReader reader, PlainLucene plain) throws IOException {
        long n = reader.numDocs();
        Map<String, List<Map.Entry<String, Long>>> f = plain.facets(plain.text(null),
                List.of("lang", "source", "sentiment", "group", "theme", "entity"), 12);
        StringBuilder b = new StringBuilder();
        f.forEach((field, values) -> b.append(String.format(Locale.ROOT, "  %s: %s%n", field, values.stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100.0 * e.getValue() / n))
                .collect(Collectors.joining(", ")))));
        long week = plain.count(plain.query(null, GeneratedCorpus.ANNOUNCED.toEpochMilli(),
                GeneratedCorpus.ANNOUNCED.toEpochMilli() + 7 * DAY));
        long deal = plain.count(plain.text(new Or(new Word("lionsgate"), new Word("runway"))));
        long[] reach = plain.reach(plain.text(null));
        long[] days = plain.timeline(plain.query(null, START, END), START, END).total().clone();
        Arrays.sort(days);
        System.out.printf(Locale.ROOT, "corpus: %,d posts, %,d authors, %.1f words a post on average; %.1f %% in the "
                + "week after the announcement (%.1f %% of the days), the busiest day %.1fx the median one; %.1f %% "
                + "match lionsgate OR runway%n%s", n, reach[1],
                (double) reader.getSumTotalTermFreq("text") / reader.getDocCount("text"), 100.0 * week / n,
                100.0 * 7 / DAYS, (double) days[days.length - 1] / days[days.length / 2], 100.0 * deal / n, b);
    }

    // ---------------------------------------------------------------- queries

    /** One query: its parts (none: every post; five for a comparison) and a window [from, to). */
    record Q(List<Spec> specs, long from, long to, long matches) {
        Spec spec() {
            return specs.isEmpty() ? null : specs.get(0);
        }

        String text() {
            return specs.isEmpty() ? "" : specs.get(0).text();
        }

        TimeWindow window() {
            return new TimeWindow(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
        }

        String key() {
            return specs.stream().map(Spec::text).collect(Collectors.joining(" | ")) + " @" + from + "-" + to;
        }
    }

    /** Work done on a query, returning what the answer is made of. */
    @FunctionalInterface
    interface Work {
        Object run(Q q) throws Exception;
    }

    /** A kind of query: its queries, how ReelPulse and plain Lucene answer them, and how to compare the answers. */
    record Kind(String name, List<Q> queries, Work reelpulse, Work plain, Function<Object, String> digestOf) {
    }

    private static final List<Spec> TOPICS = List.of(new Word("lionsgate"), new Word("runway"),
            new Or(new Word("lionsgate"), new Word("runway")), new Or(new Word("blumhouse"), new Word("meta")),
            new And(new Word("union"), new Word("jobs")), new Word("consent"), new Word("vfx"),
            new And(new Word("artists"), new Word("lionsgate")), new Keyword("entity", "sag-aftra"),
            new Keyword("theme", "job-displacement"), new Keyword("theme", "consent-likeness"),
            new Keyword("craft", "vfx-artists"), new Tag("#noaiart"), new Keyword("stance", "opposes"),
            new And(new Keyword("theme", "union-action"), new Word("runway")), new Keyword("entity", "lionsgate"),
            new Keyword("group", "union-guild"), new And(new Word("training"), new Word("data")), new Word("strike"),
            new And(new Word("ai"), new Word("jobs")));

    private static List<Kind> kinds(GeneratedCorpus corpus, IndexReader reader, PlainLucene plain,
            PostSearcher rp, Comparison comparison, int perKind, String only) throws IOException {
        long n = reader.numDocs();
        long max = n / 20; // event-sized: at most 5 % of all posts
        long min = Math.max(20, n / 1000); // and at least 0.1 %: a subject with a dashboard of its own
        List<String> band = terms(reader, Math.max(2, n / 1000), n / 25);
        List<String> common = terms(reader, n / 25, n * 2 / 5);
        System.out.printf(Locale.ROOT, "vocabulary: %d words in 0.1–4 %% of posts, %d in 4–40 %%%n", band.size(),
                common.size());
        Maker make = new Maker(plain, min, max);

        List<Kind> kinds = new ArrayList<>();
        add(kinds, only, "top 20 by relevance, highlighted",
                () -> make.queries(perKind, 1, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.search(q.text(), q.window(), PostSearcher.SortOrder.RELEVANCE, 0, 20),
                q -> plain.top(plain.query(q.spec(), q.from(), q.to()), plain.text(q.spec()), 20, false));
        add(kinds, only, "top 20 newest, highlighted",
                () -> make.queries(perKind, 2, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.search(q.text(), q.window(), PostSearcher.SortOrder.RECENT, 0, 20),
                q -> plain.top(plain.query(q.spec(), q.from(), q.to()), plain.text(q.spec()), 20, true));
        add(kinds, only, "timeline by sentiment (days)",
                () -> make.queries(perKind, 3, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.timeline(q.text(), q.window(), ChronoUnit.DAYS),
                q -> plain.timeline(plain.query(q.spec(), q.from(), q.to()), q.from(), q.to()));
        add(kinds, only, "facets (9 fields, top 10)",
                () -> make.queries(perKind, 4, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.facets(q.text(), q.window(), FACETS, TOP_VALUES),
                q -> plain.facets(plain.query(q.spec(), q.from(), q.to()), FACETS, TOP_VALUES));
        add(kinds, only, "top 10 authors by engagement",
                () -> make.queries(perKind, 5, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.topAuthors(q.text(), q.window(), TOP_VALUES),
                q -> plain.topAuthors(plain.query(q.spec(), q.from(), q.to()), TOP_VALUES));
        add(kinds, only, "distinct authors (reach)",
                () -> make.queries(perKind, 6, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> rp.reach(q.text(), q.window()),
                q -> plain.reach(plain.query(q.spec(), q.from(), q.to())));
        List<String> phrases = phrases(corpus);
        add(kinds, only, "phrase, top 20 by relevance, highlighted",
                () -> make.queries(perKind, 7, r -> List.of(new Phrase(phrases.get(r.nextInt(phrases.size())))),
                        SearchBenchmark::anyWindow),
                q -> rp.search(q.text(), q.window(), PostSearcher.SortOrder.RELEVANCE, 0, 20),
                q -> plain.top(plain.query(q.spec(), q.from(), q.to()), plain.text(q.spec()), 20, false));
        List<String> prefixes = band.stream().filter(w -> w.length() >= 6).toList();
        add(kinds, only, "prefix, top 20 by relevance, highlighted",
                () -> make.queries(perKind, 8, r -> {
                    String w = prefixes.get(r.nextInt(prefixes.size()));
                    return List.of(new Prefix(w.substring(0, 4 + r.nextInt(Math.min(3, w.length() - 4)))));
                }, SearchBenchmark::anyWindow),
                q -> rp.search(q.text(), q.window(), PostSearcher.SortOrder.RELEVANCE, 0, 20),
                q -> plain.top(plain.query(q.spec(), q.from(), q.to()), plain.text(q.spec()), 20, false));
        add(kinds, only, "five-query comparison",
                () -> make.queries(perKind, 9, r -> {
                    List<Spec> five = new ArrayList<>();
                    while (five.size() < 5) {
                        Spec s = eventSpec(r, band, common);
                        if (five.stream().noneMatch(f -> f.text().equals(s.text()))) {
                            five.add(s);
                        }
                    }
                    return five;
                }, SearchBenchmark::anyWindow),
                q -> comparison.compare(q.specs().stream().map(Spec::text).toList(), q.window(), ChronoUnit.DAYS),
                q -> compare(plain, q));
        add(kinds, only, "match-all timeline (days)", () -> make.matchAll(perKind, 10),
                q -> rp.timeline("", q.window(), ChronoUnit.DAYS),
                q -> plain.timeline(plain.query(null, q.from(), q.to()), q.from(), q.to()));
        add(kinds, only, "event dashboard: timeline, reach, facets, authors, top 20",
                () -> make.queries(perKind, 11, r -> List.of(eventSpec(r, band, common)), SearchBenchmark::anyWindow),
                q -> dashboard(rp, q), q -> dashboard(plain, q));
        add(kinds, only, "match-all dashboard: timeline, reach, facets, authors, top 20", () -> make.matchAll(perKind, 12),
                q -> dashboard(rp, q), q -> dashboard(plain, q));
        return kinds;
    }

    /** Adds a kind when its name matches {@code only}; only then are its queries made. */
    private static void add(List<Kind> kinds, String only, String name, QuerySource queries, Work reelpulse, Work plain)
            throws IOException {
        if (name.matches(only)) {
            kinds.add(new Kind(name, queries.make(), reelpulse, plain, SearchBenchmark::digest));
        }
    }

    /** Makes the queries of a kind. */
    @FunctionalInterface
    interface QuerySource {
        List<Q> make() throws IOException;
    }

    private static List<Object> dashboard(PostSearcher rp, Q q) {
        return List.of(rp.timeline(q.text(), q.window(), ChronoUnit.DAYS), rp.reach(q.text(), q.window()),
                rp.facets(q.text(), q.window(), FACETS, TOP_VALUES), rp.topAuthors(q.text(), q.window(), TOP_VALUES),
                rp.search(q.text(), q.window(), PostSearcher.SortOrder.RECENT, 0, 20));
    }

    private static List<Object> dashboard(PlainLucene plain, Q q) throws IOException {
        Query query = plain.query(q.spec(), q.from(), q.to());
        return List.of(plain.timeline(query, q.from(), q.to()), plain.reach(query),
                plain.facets(query, FACETS, TOP_VALUES), plain.topAuthors(query, TOP_VALUES),
                plain.top(query, plain.text(q.spec()), 20, true));
    }

    /** What {@link Comparison} does, by hand: a timeline per query and a count per pair. */
    private static List<Object> compare(PlainLucene plain, Q q) throws IOException {
        List<Object> out = new ArrayList<>();
        long[][] overlap = new long[q.specs().size()][q.specs().size()];
        for (int k = 0; k < overlap.length; k++) {
            PlainLucene.Timeline t = plain.timeline(plain.query(q.specs().get(k), q.from(), q.to()), q.from(), q.to());
            overlap[k][k] = Arrays.stream(t.total()).sum();
            out.add(t);
        }
        for (int a = 0; a < overlap.length; a++) {
            for (int b = a + 1; b < overlap.length; b++) {
                overlap[a][b] = overlap[b][a] = plain.count(plain.both(q.specs().get(a), q.specs().get(b), q.from(),
                        q.to()));
            }
        }
        out.add(overlap);
        return out;
    }

    /** A query a dashboard or an analyst would type about one subject. */
    private static Spec eventSpec(Random r, List<String> band, List<String> common) {
        double u = r.nextDouble();
        if (u < 0.35) {
            return new Word(pick(r, band));
        }
        if (u < 0.55) {
            return new Or(new Word(pick(r, band)), new Word(pick(r, band)));
        }
        if (u < 0.75) {
            return new And(new Word(pick(r, common)), new Word(pick(r, band)));
        }
        if (u < 0.90) {
            return TOPICS.get(r.nextInt(TOPICS.size()));
        }
        Word w = new Word(pick(r, band));
        return switch (r.nextInt(3)) {
            case 0 -> new And(w, new Keyword("source", pick(r, List.of("reddit", "bluesky", "mastodon", "news"))));
            case 1 -> new And(w, new Keyword("lang", pick(r, List.of("en", "fr", "es", "de"))));
            default -> new AndNot(w, new Keyword("sentiment", "neutral"));
        };
    }

    /** The whole corpus (a quarter), a window of two to eight weeks (a third of them around the deal), or a week. */
    private static long[] anyWindow(Random r) {
        double u = r.nextDouble();
        if (u < 0.25) {
            return new long[] {START, END};
        }
        if (u < 0.8) {
            int len = new int[] {14, 21, 28, 42, 56}[r.nextInt(5)];
            long from = r.nextInt(3) == 0 ? ANNOUNCED_DAY - (3 + r.nextInt(19)) * DAY
                    : START + r.nextInt(DAYS - len + 1) * DAY;
            return new long[] {from, Math.min(END, from + len * DAY)};
        }
        long from = START + r.nextInt(DAYS - 7 + 1) * DAY;
        return new long[] {from, from + 7 * DAY};
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** Words of the language-neutral text (letters only) found in between {@code min} and {@code max} posts. */
    private static List<String> terms(IndexReader reader, long min, long max) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, "text");
        List<String> found = new ArrayList<>();
        TermsEnum it = terms.iterator();
        for (BytesRef t = it.next(); t != null; t = it.next()) {
            int df = it.docFreq();
            String w = t.utf8ToString();
            if (df >= min && df <= max && w.matches("[a-z]{3,15}")) {
                found.add(w);
            }
        }
        return found;
    }

    /** Two- and three-word phrases that occur more than once in the demo posts. */
    private static List<String> phrases(GeneratedCorpus corpus) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (GeneratedCorpus.DemoPost p : GeneratedCorpus.demoPosts()) {
            List<String> words = Arrays.stream(p.text().split("\\s+")).map(GeneratedCorpus::letters)
                    .filter(w -> !w.isEmpty()).toList();
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).length() > 2 && words.get(i + 1).length() > 2) {
                    counts.merge(words.get(i) + " " + words.get(i + 1), 1, Integer::sum);
                }
                if (i + 2 < words.size()) {
                    counts.merge(words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Makes distinct queries whose number of matches is between {@code min} and {@code max}. */
    private static final class Maker {
        private final PlainLucene plain;
        private final long min;
        private final long max;

        Maker(PlainLucene plain, long min, long max) {
            this.plain = plain;
            this.min = min;
            this.max = max;
        }

        List<Q> queries(int n, long seed, Function<Random, List<Spec>> specs, Function<Random, long[]> windows)
                throws IOException {
            Random r = new Random(seed);
            Map<String, Q> made = new LinkedHashMap<>();
            for (int attempt = 0; made.size() < n; attempt++) {
                if (attempt > n * 500) {
                    throw new IllegalStateException("only " + made.size() + " queries of " + n + " found");
                }
                List<Spec> s = specs.apply(r);
                long[] w = windows.apply(r);
                long most = 0;
                boolean sized = true;
                for (Spec spec : s) {
                    long c = plain.count(plain.query(spec, w[0], w[1]));
                    most = Math.max(most, c);
                    sized &= c >= min && c <= max;
                }
                Q q = new Q(s, w[0], w[1], most);
                if (sized) {
                    made.putIfAbsent(q.key(), q);
                }
            }
            return new ArrayList<>(made.values());
        }

        /** Every post of a window: the whole corpus, or the last 7 to 90 days before some day. */
        List<Q> matchAll(int n, long seed) throws IOException {
            Random r = new Random(seed);
            Map<String, Q> made = new LinkedHashMap<>();
            made.put("all", new Q(List.of(), START, END, plain.count(plain.query(null, START, END))));
            while (made.size() < n) {
                int len = new int[] {7, 14, 30, 60, 90}[r.nextInt(5)];
                long from = START + r.nextInt(DAYS - len + 1) * DAY;
                Q q = new Q(List.of(), from, from + len * DAY, 0);
                if (!made.containsKey(q.key())) {
                    made.put(q.key(), new Q(List.of(), q.from(), q.to(), plain.count(plain.query(null, q.from(), q.to()))));
                }
            }
            return new ArrayList<>(made.values());
        }
    }

    // ---------------------------------------------------------------- running

    private static void run(List<Kind> kinds, PlainLucene plain, int posts) throws Exception {
        // the warm-up pass: every query once on both sides, checking they mean and answer the same
        org.apache.lucene.analysis.Analyzer analyzer = QueryAnalyzers.create();
        // -Dbench.dump=<file> writes every ReelPulse answer in full, to compare two versions of ReelPulse
        String dumpTo = System.getProperty("bench.dump");
        java.io.PrintWriter dump = dumpTo == null ? null
                : new java.io.PrintWriter(Files.newBufferedWriter(Path.of(dumpTo)));
        long start = System.nanoTime();
        for (Kind k : kinds) {
            int sameQuery = 0;
            int sameAnswer = 0;
            List<String> differences = new ArrayList<>();
            for (Q q : k.queries()) {
                boolean same = true;
                List<Spec> parts = q.specs().isEmpty() ? java.util.Collections.singletonList(null) : q.specs();
                for (Spec s : parts) {
                    // the text part; ReelPulse's window filter reads points or doc values, plain Lucene's points
                    Query parsed = QueryParsing.parse(s == null ? "" : s.text(), TimeWindow.ALL, analyzer);
                    Query built = plain.text(s);
                    if (!parsed.equals(built)) {
                        same = false;
                        if (differences.size() < 3) {
                            differences.add("query " + (s == null ? "*" : s.text()) + ": ReelPulse " + parsed
                                    + " / plain " + built);
                        }
                    }
                }
                sameQuery += same ? 1 : 0;
                Object answer = k.reelpulse().run(q);
                if (dump != null) {
                    dump.println(k.name() + " " + q.key() + "\n  " + full(answer));
                }
                String a = k.digestOf().apply(answer);
                String b = k.digestOf().apply(k.plain().run(q));
                if (a.equals(b)) {
                    sameAnswer++;
                } else if (differences.size() < 3) {
                    differences.add("answer to " + q.key() + ":\n    ReelPulse " + a + "\n    plain     " + b);
                }
            }
            System.out.printf(Locale.ROOT, "warm-up, %s: same Lucene query %d/%d, same answer %d/%d%n", k.name(),
                    sameQuery, k.queries().size(), sameAnswer, k.queries().size());
            differences.forEach(d -> System.out.println("  " + d));
        }
        if (dump != null) {
            dump.close();
        }
        System.out.printf(Locale.ROOT, "warm-up pass: %.0f s%n", (System.nanoTime() - start) / 1e9);

        System.out.println("load average before the timed pass: " + loadAverage());
        long gcBefore = gcMillis();
        start = System.nanoTime();
        List<String[]> rows = new ArrayList<>();
        for (Kind k : kinds) {
            int n = k.queries().size();
            long[] rp = new long[n];
            long[] pl = new long[n];
            for (int i = 0; i < n; i++) {
                Q q = k.queries().get(i);
                // alternate who goes first, so neither always finds the caches warmed by the other
                if (i % 2 == 0) {
                    rp[i] = time(k.reelpulse(), q);
                    pl[i] = time(k.plain(), q);
                } else {
                    pl[i] = time(k.plain(), q);
                    rp[i] = time(k.reelpulse(), q);
                }
            }
            long[] matches = k.queries().stream().mapToLong(Q::matches).sorted().toArray();
            rows.add(new String[] {k.name(), Integer.toString(n),
                    String.format(Locale.ROOT, "%.2f / %.2f %%", 100.0 * matches[matches.length / 2] / posts,
                            100.0 * matches[matches.length - 1] / posts),
                    ms(pct(rp, 50)), ms(pct(rp, 95)), ms(pct(rp, 99)), ms(mean(rp)),
                    ms(pct(pl, 50)), ms(pct(pl, 95)), ms(pct(pl, 99)), ms(mean(pl)),
                    String.format(Locale.ROOT, "%.2f", (double) pct(rp, 95) / pct(pl, 95))});
            System.out.printf(Locale.ROOT, "  %-62s ReelPulse p95 %s ms, plain p95 %s ms%n", k.name(),
                    ms(pct(rp, 95)), ms(pct(pl, 95)));
        }
        System.out.printf(Locale.ROOT, "timed pass: %.0f s, of which %.1f s in garbage collection%n",
                (System.nanoTime() - start) / 1e9, (gcMillis() - gcBefore) / 1e3);
        System.out.println("load average after: " + loadAverage());
        System.out.println();
        System.out.println("| kind | queries | matches: median / most | ReelPulse p50 | p95 | p99 | mean | plain Lucene p50 | p95 "
                + "| p99 | mean | p95 ReelPulse / plain |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println("(times in ms)");
    }

    private static long time(Work w, Q q) throws Exception {
        long t0 = System.nanoTime();
        Object result = w.run(q);
        long t = System.nanoTime() - t0;
        sink = result;
        return t;
    }

    private static long pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static long mean(long[] ns) {
        return (long) Arrays.stream(ns).average().orElse(0);
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, ns < 10_000_000 ? "%.2f" : "%.1f", ns / 1e6);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- comparing answers

    /** An answer of either side as text, so the two can be compared. */
    private static String digest(Object o) {
        if (o instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof PostSearcher.Bucket) {
            return list.stream().map(b -> {
                PostSearcher.Bucket x = (PostSearcher.Bucket) b;
                return bucket(x.total(), x.negative(), x.neutral(), x.positive(), x.unscored(), x.pending(),
                        x.meanScore());
            }).collect(Collectors.joining(" "));
        }
        if (o instanceof PlainLucene.Timeline t) {
            List<String> days = new ArrayList<>();
            for (int d = 0; d < t.total().length; d++) {
                days.add(bucket(t.total()[d], t.byLabel()[0][d], t.byLabel()[1][d], t.byLabel()[2][d],
                        t.byLabel()[3][d], t.byLabel()[4][d], t.scored()[d] == 0 ? null : t.scoreSum()[d] / t.scored()[d]));
            }
            return String.join(" ", days);
        }
        if (o instanceof PostSearcher.SearchPage p) {
            return "total " + p.total() + ", " + p.hits().size() + " hits, "
                    + p.hits().stream().filter(h -> h.highlight() != null).count() + " highlighted";
        }
        if (o instanceof PlainLucene.Page p) {
            return "total " + p.total() + ", " + p.ids().length + " hits, "
                    + Arrays.stream(p.highlights()).filter(h -> h != null).count() + " highlighted";
        }
        if (o instanceof PostSearcher.Reach r) {
            return r.posts() + " posts by " + r.authors();
        }
        if (o instanceof long[] r) {
            return r[0] + " posts by " + r[1];
        }
        if (o instanceof Map<?, ?> facets) {
            return facets.entrySet().stream().map(e -> e.getKey() + ": " + ((List<?>) e.getValue()).stream()
                    .map(v -> v instanceof PostSearcher.FacetValue f ? f.value() + "=" + f.count()
                            : ((Map.Entry<?, ?>) v).getKey() + "=" + ((Map.Entry<?, ?>) v).getValue())
                    .collect(Collectors.joining(","))).collect(Collectors.joining("; "));
        }
        if (o instanceof List<?> list && !list.isEmpty() && (list.get(0) instanceof PostSearcher.AuthorEngagement
                || list.get(0) instanceof PlainLucene.Author)) {
            return list.stream().map(a -> a instanceof PostSearcher.AuthorEngagement e
                    ? e.author() + "/" + e.posts() + "/" + e.engagement()
                    : ((PlainLucene.Author) a).handle() + "/" + ((PlainLucene.Author) a).posts() + "/"
                            + ((PlainLucene.Author) a).engagement()).collect(Collectors.joining(","));
        }
        if (o instanceof Comparison.Result c) {
            StringBuilder b = new StringBuilder();
            for (Comparison.Series s : c.series()) {
                b.append(s.points().stream().map(p -> Long.toString(p.total())).collect(Collectors.joining(",")))
                        .append(" / ");
            }
            return b.append(Arrays.deepToString(c.overlap())).toString();
        }
        if (o instanceof long[][] overlap) {
            return Arrays.deepToString(overlap);
        }
        if (o instanceof List<?> list) {
            if (!list.isEmpty() && list.get(0) instanceof PlainLucene.Timeline && list.get(list.size() - 1) instanceof long[][]) {
                StringBuilder b = new StringBuilder();
                for (Object t : list.subList(0, list.size() - 1)) {
                    b.append(Arrays.stream(((PlainLucene.Timeline) t).total()).mapToObj(Long::toString)
                            .collect(Collectors.joining(","))).append(" / ");
                }
                return b.append(Arrays.deepToString((long[][]) list.get(list.size() - 1))).toString();
            }
            return list.stream().map(SearchBenchmark::digest).collect(Collectors.joining(" || "));
        }
        return String.valueOf(o);
    }

    /** A ReelPulse answer with everything in it (records print their parts). */
    private static String full(Object o) {
        if (o instanceof Comparison.Result c) {
            return c.series() + " " + Arrays.deepToString(c.overlap());
        }
        if (o instanceof List<?> list) {
            return list.stream().map(SearchBenchmark::full).collect(Collectors.joining("\n  "));
        }
        return String.valueOf(o);
    }

    private static String bucket(long total, long negative, long neutral, long positive, long unscored, long pending,
            Double mean) {
        return total + ":" + negative + "/" + neutral + "/" + positive + "/" + unscored + "/" + pending + "/"
                + (mean == null ? "-" : String.format(Locale.ROOT, "%.9f", mean));
    }
}
