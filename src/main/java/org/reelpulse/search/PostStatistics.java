package org.reelpulse.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.springframework.stereotype.Component;

/**
 * The figures of a dashboard, counted from the index: everything about the posts a query matches
 * that can be read from doc values (time, sentiment, labels, author, engagement) in one pass, with no
 * stored field and no database read; plus the first posts of a period and the words that set a
 * period apart from a baseline.
 */
@Component
public class PostStatistics {

    /** How many posts of a period, and of its baseline, are read to find the words that set it apart. */
    public static final int TERM_SAMPLE = 2_000;

    /** The order of the sentiment slots of a {@link Tally}, as indexed. */
    private static final List<String> LABELS = List.of("negative", "neutral", "positive", "unscored",
            IndexFields.PENDING);
    private static final int PENDING = LABELS.indexOf(IndexFields.PENDING);
    /** A tally while counting: posts, the five sentiment slots, posts with a theme. */
    private static final int WIDTH = 7;

    private final PostIndex index;
    private final PostSearcher searcher;

    PostStatistics(PostIndex index, PostSearcher searcher) {
        this.index = index;
        this.searcher = searcher;
    }

    /**
     * Posts by sentiment label, and how many raise a labour concern (carry at least one theme).
     * {@code pending} posts are not analysed yet.
     */
    public record Tally(long posts, long negative, long neutral, long positive, long unscored, long pending,
            long withTheme) {

        public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0);

        /** Posts that took a side: positive + negative. */
        public long sided() {
            return positive + negative;
        }

        /** (positive − negative) / (positive + negative) in [-1, 1]; null when no post took a side. */
        public Double net() {
            return sided() == 0 ? null : (double) (positive - negative) / sided();
        }

        public Tally plus(Tally o) {
            return new Tally(posts + o.posts, negative + o.negative, neutral + o.neutral, positive + o.positive,
                    unscored + o.unscored, pending + o.pending, withTheme + o.withTheme);
        }

        static Tally of(long[] t) {
            return new Tally(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
        }
    }

    /**
     * Time cut into buckets of one length from an origin: bucket {@code k} is
     * {@code [origin + k·length, origin + (k+1)·length)}. UTC days, hours and weeks from a Monday
     * are all such grids.
     */
    public record Grid(Instant origin, Duration length) {

        public Grid {
            if (length.isZero() || length.isNegative()) {
                throw new IllegalArgumentException("A bucket must last: " + length);
            }
        }

        /** The start of the bucket that holds {@code t}. */
        public Instant bucketOf(Instant t) {
            return start(index(t.toEpochMilli()));
        }

        long index(long epochMillis) {
            return Math.floorDiv(epochMillis - origin.toEpochMilli(), length.toMillis());
        }

        Instant start(long index) {
            return origin.plusMillis(index * length.toMillis());
        }
    }

    /** An author's posts and the engagement they drew (likes + reposts + replies + quotes), with their group. */
    public record AuthorTotal(String author, String group, long posts, long engagement) {
    }

    /**
     * What a query matches in a window.
     *
     * @param total           every match
     * @param authors         distinct authors of the matches
     * @param buckets         matches per grid bucket, keyed by the bucket's start; empty buckets absent
     * @param byField         per keyword field asked for: each value's matches (several per post for
     *                        themes, crafts, entities and tags)
     * @param byFieldOverTime per field asked for over time: each value's matches per bucket
     * @param topAuthors      the authors whose matches drew the most engagement, most first
     */
    public record Summary(Tally total, long authors, NavigableMap<Instant, Tally> buckets,
            Map<String, Map<String, Tally>> byField, Map<String, Map<String, NavigableMap<Instant, Tally>>> byFieldOverTime,
            List<AuthorTotal> topAuthors) {

        /** The matches with this value of a field asked for; {@link Tally#EMPTY} when none. */
        public Tally of(String field, String value) {
            return byField.getOrDefault(field, Map.of()).getOrDefault(value, Tally.EMPTY);
        }
    }

    /**
     * Counts the matches of {@code q} in the window in one pass: in total, per bucket of {@code grid}
     * (null: no buckets), per value of each of {@code fields} (any keyword field that can be counted as
     * a facet), per value and bucket of {@code fieldsOverTime} (a subset of {@code fields}), their
     * distinct authors and the {@code topAuthors} authors by engagement.
     */
    public Summary summarize(String q, TimeWindow window, Grid grid, List<String> fields, List<String> fieldsOverTime,
            int topAuthors) {
        for (String f : fields) {
            if (!FacetCounting.countable().contains(f) || IndexFields.AUTHOR.equals(f)) {
                throw new UserInputException("'" + f + "' cannot be summarised; fields are "
                        + String.join(", ", FacetCounting.countable()) + " except author.");
            }
        }
        if (!fields.containsAll(fieldsOverTime) || (grid == null && !fieldsOverTime.isEmpty())) {
            throw new IllegalArgumentException("Fields over time need a grid and must be among the fields");
        }
        Query query = searcher.parse(q, window);
        return index.read(s -> s.search(query, new SummaryCollectors(grid, fields, fieldsOverTime, topAuthors)));
    }

    /** A post id and when it was published. */
    public record Dated(long postId, Instant publishedAt) {
    }

    /** The first {@code n} matches in time order (oldest first, or newest first), ties broken by post id. */
    public List<Dated> inTimeOrder(String q, TimeWindow window, int n, boolean newestFirst) {
        Query query = searcher.parse(q, window);
        Sort sort = new Sort(new SortField(IndexFields.PUBLISHED, SortField.Type.LONG, newestFirst),
                new SortField(IndexFields.ID, SortField.Type.LONG, newestFirst));
        return index.read(s -> {
            TopFieldDocs top = s.search(query, Math.max(1, n), sort);
            List<Dated> dated = new ArrayList<>();
            for (ScoreDoc d : top.scoreDocs) {
                Object[] values = ((FieldDoc) d).fields;
                dated.add(new Dated((Long) values[1], Instant.ofEpochMilli((Long) values[0])));
            }
            return dated;
        });
    }

    /**
     * The ids of the {@code n} matches with the most engagement, in the order of
     * {@code /api/search?sort=engagement} (ties: newest first, then by post id), without highlighting.
     */
    public List<Long> topByEngagement(String q, TimeWindow window, int n) {
        Query query = searcher.parse(q, window);
        return index.read(s -> {
            TopFieldDocs top = s.search(query, Math.max(1, n), PostSearcher.sort(PostSearcher.SortOrder.ENGAGEMENT));
            List<Long> ids = new ArrayList<>();
            for (ScoreDoc d : top.scoreDocs) {
                Object[] values = ((FieldDoc) d).fields;
                ids.add((Long) values[values.length - 1]);
            }
            return ids;
        });
    }

    /** A word or two-word phrase, in how many posts of the period and of the baseline read it occurs, and its score. */
    public record ContrastTerm(String term, long inPeriod, long inBaseline, double score) {
    }

    /**
     * The words and phrases that set a period apart from a baseline.
     *
     * @param periodPosts     matches in the period
     * @param periodRead      of those, how many were read (all of them up to {@link #TERM_SAMPLE})
     * @param baselinePosts   matches in the baseline
     * @param baselineRead    of those, how many were read
     */
    public record Contrast(long periodPosts, int periodRead, long baselinePosts, int baselineRead,
            List<ContrastTerm> terms) {
    }

    /**
     * The words and two-word phrases most over-represented in the matches of {@code q} in
     * {@code window} against those of {@code baselineQ} in {@code baselineWindow}, scored
     * (share in the period − share in the baseline) × (share in the period / share in the baseline)
     * by document counts. Each side is read in full up to {@link #TERM_SAMPLE} posts, beyond that as
     * a random sample (always the same for the same index).
     */
    public Contrast contrast(String q, TimeWindow window, String baselineQ, TimeWindow baselineWindow, int size) {
        SignificantTerms.checkSize(size);
        Query period = searcher.parse(q, window);
        Query baseline = searcher.parse(baselineQ, baselineWindow);
        return index.read(s -> {
            Sampled in = s.search(period, new SampleCollectors(TERM_SAMPLE));
            Sampled out = s.search(baseline, new SampleCollectors(TERM_SAMPLE));
            List<ContrastTerm> terms = SignificantTerms.contrast(s, index.analyzer(), in.docs(), out.docs(), size)
                    .stream().map(t -> new ContrastTerm(t.term(), t.inResults(), t.inBaseline(), t.score())).toList();
            return new Contrast(in.matches(), in.docs().length, out.matches(), out.docs().length, terms);
        });
    }

    /** The number of matches and a uniform sample of them. */
    private record Sampled(long matches, ScoreDoc[] docs) {
    }

    /** Reservoir sampling over every match, seeded so the same index gives the same sample. */
    private static final class SampleCollectors implements CollectorManager<SampleCollector, Sampled> {
        private final int size;

        SampleCollectors(int size) {
            this.size = size;
        }

        @Override
        public SampleCollector newCollector() {
            return new SampleCollector(size);
        }

        @Override
        public Sampled reduce(Collection<SampleCollector> collectors) {
            long matches = 0;
            List<Integer> docs = new ArrayList<>();
            for (SampleCollector c : collectors) {
                matches += c.seen;
                for (int i = 0; i < Math.min(c.seen, size); i++) {
                    docs.add(c.reservoir[i]);
                }
            }
            if (docs.size() > size) {
                Collections.shuffle(docs, new Random(docs.size()));
                docs = docs.subList(0, size);
            }
            return new Sampled(matches, docs.stream().sorted().map(d -> new ScoreDoc(d, 0)).toArray(ScoreDoc[]::new));
        }
    }

    private static final class SampleCollector extends SimpleCollector {
        private final int[] reservoir;
        private final Random random = new Random(20240918L);
        private long seen;
        private int docBase;

        SampleCollector(int size) {
            this.reservoir = new int[size];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            docBase = context.docBase;
        }

        @Override
        public void collect(int doc) {
            if (seen < reservoir.length) {
                reservoir[(int) seen] = docBase + doc;
            } else {
                long slot = (long) (random.nextDouble() * (seen + 1));
                if (slot < reservoir.length) {
                    reservoir[(int) slot] = docBase + doc;
                }
            }
            seen++;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** Adds one post to a tally row. */
    private static void add(long[] row, int slot, boolean withTheme) {
        row[0]++;
        row[1 + slot]++;
        if (withTheme) {
            row[6]++;
        }
    }

    private static void merge(long[] into, long[] from) {
        for (int i = 0; i < WIDTH; i++) {
            into[i] += from[i];
        }
    }

    private static final class SummaryCollectors implements CollectorManager<SummaryCollector, Summary> {
        private final Grid grid;
        private final List<String> fields;
        private final List<String> fieldsOverTime;
        private final int topAuthors;

        SummaryCollectors(Grid grid, List<String> fields, List<String> fieldsOverTime, int topAuthors) {
            this.grid = grid;
            this.fields = List.copyOf(fields);
            this.fieldsOverTime = List.copyOf(fieldsOverTime);
            this.topAuthors = topAuthors;
        }

        @Override
        public SummaryCollector newCollector() {
            return new SummaryCollector(grid, fields, fieldsOverTime);
        }

        @Override
        public Summary reduce(Collection<SummaryCollector> collectors) throws IOException {
            long[] total = new long[WIDTH];
            Map<Long, long[]> buckets = new HashMap<>();
            List<Map<String, long[]>> byField = new ArrayList<>();
            List<Map<String, Map<Long, long[]>>> overTime = new ArrayList<>();
            fields.forEach(f -> {
                byField.add(new HashMap<>());
                overTime.add(new HashMap<>());
            });
            Map<BytesRef, long[]> authors = new HashMap<>();
            Map<BytesRef, String> groups = new HashMap<>();
            for (SummaryCollector c : collectors) {
                c.flush();
                merge(total, c.total);
                c.buckets.forEach((k, v) -> merge(buckets.computeIfAbsent(k, x -> new long[WIDTH]), v));
                for (int i = 0; i < fields.size(); i++) {
                    Map<String, long[]> into = byField.get(i);
                    c.byField.get(i).forEach((value, v) -> merge(into.computeIfAbsent(value, x -> new long[WIDTH]), v));
                    Map<String, Map<Long, long[]>> intoTime = overTime.get(i);
                    c.overTime.get(i).forEach((value, perBucket) -> perBucket.forEach((k, v) -> merge(
                            intoTime.computeIfAbsent(value, x -> new HashMap<>()).computeIfAbsent(k, x -> new long[WIDTH]),
                            v)));
                }
                c.authors.forEach((a, v) -> {
                    long[] t = authors.computeIfAbsent(a, x -> new long[2]);
                    t[0] += v[0];
                    t[1] += v[1];
                });
                c.groups.forEach(groups::putIfAbsent);
            }
            Map<String, Map<String, Tally>> fieldTallies = new LinkedHashMap<>();
            Map<String, Map<String, NavigableMap<Instant, Tally>>> fieldSeries = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Map<String, Tally> values = new LinkedHashMap<>();
                byField.get(i).entrySet().stream()
                        .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                                .thenComparing(Map.Entry::getKey))
                        .forEach(e -> values.put(e.getKey(), Tally.of(e.getValue())));
                fieldTallies.put(fields.get(i), values);
                if (fieldsOverTime.contains(fields.get(i))) {
                    Map<String, NavigableMap<Instant, Tally>> series = new LinkedHashMap<>();
                    for (String value : values.keySet()) {
                        series.put(value, byStart(overTime.get(i).getOrDefault(value, Map.of())));
                    }
                    fieldSeries.put(fields.get(i), series);
                }
            }
            List<AuthorTotal> top = authors.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<BytesRef, long[]>>comparingLong(e -> -e.getValue()[1])
                            .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                    .limit(topAuthors)
                    .map(e -> new AuthorTotal(e.getKey().utf8ToString(), groups.get(e.getKey()), e.getValue()[0],
                            e.getValue()[1]))
                    .toList();
            return new Summary(Tally.of(total), authors.size(), byStart(buckets), fieldTallies, fieldSeries, top);
        }

        private NavigableMap<Instant, Tally> byStart(Map<Long, long[]> buckets) {
            NavigableMap<Instant, Tally> m = new TreeMap<>();
            buckets.forEach((k, v) -> m.put(grid.start(k), Tally.of(v)));
            return Collections.unmodifiableNavigableMap(m);
        }
    }

    /**
     * Counts by doc-value ordinal within a segment and turns ordinals into values when the segment
     * ends, so no string is made per post.
     */
    private static final class SummaryCollector extends SimpleCollector {
        private final Grid grid;
        private final List<String> fields;
        private final boolean[] overTimeField;

        final long[] total = new long[WIDTH];
        final Map<Long, long[]> buckets = new HashMap<>();
        final List<Map<String, long[]>> byField = new ArrayList<>();
        final List<Map<String, Map<Long, long[]>>> overTime = new ArrayList<>();
        /** Per author: posts and engagement. */
        final Map<BytesRef, long[]> authors = new HashMap<>();
        final Map<BytesRef, String> groups = new HashMap<>();

        private NumericDocValues published;
        private SortedDocValues sentiment;
        private int[] slotOfOrd;
        private SortedSetDocValues themes;
        private SortedDocValues author;
        private SortedDocValues group;
        private NumericDocValues engagement;
        private final SortedDocValues[] single;
        private final SortedSetDocValues[] multi;
        /** Per field: tallies per ordinal of this segment. */
        private final long[][][] perOrd;
        /** Per field over time: bucket → tallies per ordinal of this segment. */
        private final List<Map<Long, long[][]>> perOrdOverTime = new ArrayList<>();
        private long[] authorPosts;
        private long[] authorEngagement;
        private int[] authorGroup;

        SummaryCollector(Grid grid, List<String> fields, List<String> fieldsOverTime) {
            this.grid = grid;
            this.fields = fields;
            this.overTimeField = new boolean[fields.size()];
            this.single = new SortedDocValues[fields.size()];
            this.multi = new SortedSetDocValues[fields.size()];
            this.perOrd = new long[fields.size()][][];
            for (int i = 0; i < fields.size(); i++) {
                overTimeField[i] = fieldsOverTime.contains(fields.get(i));
                byField.add(new HashMap<>());
                overTime.add(new HashMap<>());
                perOrdOverTime.add(new HashMap<>());
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            var reader = context.reader();
            published = DocValues.getNumeric(reader, IndexFields.PUBLISHED);
            sentiment = DocValues.getSorted(reader, IndexFields.SENTIMENT);
            slotOfOrd = new int[sentiment.getValueCount()];
            for (int ord = 0; ord < slotOfOrd.length; ord++) {
                int slot = LABELS.indexOf(sentiment.lookupOrd(ord).utf8ToString());
                slotOfOrd[ord] = slot < 0 ? PENDING : slot;
            }
            themes = DocValues.getSortedSet(reader, IndexFields.THEME);
            author = DocValues.getSorted(reader, IndexFields.AUTHOR);
            group = DocValues.getSorted(reader, IndexFields.GROUP);
            engagement = DocValues.getNumeric(reader, IndexFields.ENGAGEMENT);
            authorPosts = new long[author.getValueCount()];
            authorEngagement = new long[author.getValueCount()];
            authorGroup = new int[author.getValueCount()];
            java.util.Arrays.fill(authorGroup, -1);
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                int ords;
                if (IndexFields.MULTI_VALUED.contains(f)) {
                    multi[i] = DocValues.getSortedSet(reader, f);
                    ords = (int) multi[i].getValueCount();
                } else {
                    single[i] = DocValues.getSorted(reader, f);
                    ords = single[i].getValueCount();
                }
                perOrd[i] = new long[ords][];
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!published.advanceExact(doc)) {
                return;
            }
            int slot = sentiment.advanceExact(doc) ? slotOfOrd[sentiment.ordValue()] : PENDING;
            boolean withTheme = themes.advanceExact(doc) && themes.docValueCount() > 0;
            add(total, slot, withTheme);
            long bucket = 0;
            if (grid != null) {
                bucket = grid.index(published.longValue());
                add(buckets.computeIfAbsent(bucket, k -> new long[WIDTH]), slot, withTheme);
            }
            for (int i = 0; i < perOrd.length; i++) {
                if (multi[i] != null) {
                    if (multi[i].advanceExact(doc)) {
                        for (int k = 0; k < multi[i].docValueCount(); k++) {
                            count(i, (int) multi[i].nextOrd(), bucket, slot, withTheme);
                        }
                    }
                } else if (single[i].advanceExact(doc)) {
                    count(i, single[i].ordValue(), bucket, slot, withTheme);
                }
            }
            if (author.advanceExact(doc)) {
                int a = author.ordValue();
                authorPosts[a]++;
                authorEngagement[a] += engagement.advanceExact(doc) ? engagement.longValue() : 0;
                if (group.advanceExact(doc)) {
                    authorGroup[a] = group.ordValue();
                }
            }
        }

        private void count(int field, int ord, long bucket, int slot, boolean withTheme) {
            long[][] rows = perOrd[field];
            if (rows[ord] == null) {
                rows[ord] = new long[WIDTH];
            }
            add(rows[ord], slot, withTheme);
            if (overTimeField[field]) {
                long[][] inBucket = perOrdOverTime.get(field).computeIfAbsent(bucket, k -> new long[rows.length][]);
                if (inBucket[ord] == null) {
                    inBucket[ord] = new long[WIDTH];
                }
                add(inBucket[ord], slot, withTheme);
            }
        }

        /** Turns the current segment's ordinal counts into value counts. */
        void flush() throws IOException {
            if (author == null) {
                return;
            }
            for (int i = 0; i < perOrd.length; i++) {
                for (int ord = 0; ord < perOrd[i].length; ord++) {
                    if (perOrd[i][ord] != null) {
                        merge(byField.get(i).computeIfAbsent(value(i, ord), x -> new long[WIDTH]), perOrd[i][ord]);
                    }
                }
                for (var e : perOrdOverTime.get(i).entrySet()) {
                    for (int ord = 0; ord < e.getValue().length; ord++) {
                        if (e.getValue()[ord] != null) {
                            merge(overTime.get(i).computeIfAbsent(value(i, ord), x -> new HashMap<>())
                                    .computeIfAbsent(e.getKey(), x -> new long[WIDTH]), e.getValue()[ord]);
                        }
                    }
                }
                perOrdOverTime.get(i).clear();
                perOrd[i] = null;
                single[i] = null;
                multi[i] = null;
            }
            for (int a = 0; a < authorPosts.length; a++) {
                if (authorPosts[a] > 0) {
                    BytesRef handle = BytesRef.deepCopyOf(author.lookupOrd(a));
                    long[] t = authors.computeIfAbsent(handle, x -> new long[2]);
                    t[0] += authorPosts[a];
                    t[1] += authorEngagement[a];
                    if (authorGroup[a] >= 0) {
                        groups.putIfAbsent(handle, group.lookupOrd(authorGroup[a]).utf8ToString());
                    }
                }
            }
            author = null;
        }

        private String value(int field, int ord) throws IOException {
            return (multi[field] != null ? multi[field].lookupOrd(ord) : single[field].lookupOrd(ord)).utf8ToString();
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
