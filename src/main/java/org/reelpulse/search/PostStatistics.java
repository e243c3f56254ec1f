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
import org.reelpulse.base.TimeWindow;
import org.springframework.stereotype.Component;

/**
 * The figures of a dashboard, counted from the index: everything about the posts a query matches
 * that can be read from doc values (time, sentiment, labels, author, engagement) in one pass, with no
 * stored field and no database read; plus the first posts of a period and the words that set a
 * period apart from a baseline.
 */
@Component
public class PostStatistics {

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
     * @param authors         distinct authors of the matches (0 unless the breakdown asks for authors)
     * @param buckets         matches per grid bucket, keyed by the bucket's start; empty buckets absent
     * @param byField         per keyword field asked for: each value's matches (several per post for
     *                        themes, crafts, entities and tags)
     * @param byFieldOverTime per field asked for over time: each value's matches per bucket
     * @param topAuthors      the authors whose matches drew the most engagement, most first (as many as asked)
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
     * What a summary breaks the matches down by: buckets of a grid (null: none), the values of keyword
     * fields (any field that can be counted as a facet, except author), the values of some of them per
     * bucket too, and the authors (distinct, and the top ones by engagement).
     */
    public record Breakdown(Grid grid, List<String> fields, List<String> fieldsOverTime, boolean authors,
            int topAuthors) {

        public Breakdown {
            fields = List.copyOf(fields);
            fieldsOverTime = List.copyOf(fieldsOverTime);
        }

        /** Only the totals. */
        public static Breakdown totals() {
            return new Breakdown(null, List.of(), List.of(), false, 0);
        }

        /** Also per bucket of this grid. */
        public Breakdown perBucket(Grid g) {
            return new Breakdown(g, fields, fieldsOverTime, authors, topAuthors);
        }

        /** Also per value of these fields. */
        public Breakdown byField(String... f) {
            List<String> all = new ArrayList<>(fields);
            for (String x : f) {
                if (!all.contains(x)) {
                    all.add(x);
                }
            }
            return new Breakdown(grid, all, fieldsOverTime, authors, topAuthors);
        }

        /** Also per value of these fields per bucket. */
        public Breakdown overTime(String... f) {
            Breakdown b = byField(f);
            List<String> all = new ArrayList<>(fieldsOverTime);
            all.addAll(List.of(f));
            return new Breakdown(grid, b.fields, all, authors, topAuthors);
        }

        /** Also the distinct authors, and the {@code top} authors by engagement. */
        public Breakdown authors(int top) {
            return new Breakdown(grid, fields, fieldsOverTime, true, top);
        }
    }

    /**
     * Counts the matches of {@code q} in the window in one pass, as {@code breakdown} says. With a grid
     * the window must have both ends.
     */
    public Summary summarize(String q, TimeWindow window, Breakdown breakdown) {
        for (String f : breakdown.fields()) {
            if (!FacetCounting.countable().contains(f) || IndexFields.AUTHOR.equals(f)) {
                throw new IllegalArgumentException("'" + f + "' cannot be summarised; fields are "
                        + String.join(", ", FacetCounting.countable()) + " except author.");
            }
        }
        if (breakdown.grid() != null && (window.from() == null || window.to() == null)) {
            throw new IllegalArgumentException("Buckets need a window with both ends");
        }
        if (breakdown.grid() == null && !breakdown.fieldsOverTime().isEmpty()) {
            throw new IllegalArgumentException("Fields over time need a grid");
        }
        Query query = searcher.parse(q, window);
        ValueIds.Field authors = breakdown.authors() ? searcher.valueIds().field(IndexFields.AUTHOR) : null;
        return index.read(s -> s.search(query, new SummaryCollectors(window, breakdown, authors)));
    }

    /**
     * The matches of {@code q} in each window, in one pass over the span of them all (for many short
     * windows, such as the hours after each statement): each window counted exactly.
     */
    public List<Tally> tallies(String q, List<TimeWindow> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        Instant from = windows.stream().map(TimeWindow::from).min(Instant::compareTo).orElseThrow();
        Instant to = windows.stream().map(TimeWindow::to).max(Instant::compareTo).orElseThrow();
        Query query = searcher.parse(q, new TimeWindow(from, to));
        long[] keys = index.read(s -> s.search(query, new TimedSlotCollectors()));
        // each key is time × 8 + sentiment slot, so one sort orders them by time
        java.util.Arrays.sort(keys);
        List<Tally> tallies = new ArrayList<>();
        for (TimeWindow w : windows) {
            long[] row = new long[WIDTH];
            int start = lowerBound(keys, w.from().toEpochMilli() * 8);
            int end = lowerBound(keys, w.to().toEpochMilli() * 8);
            for (int i = start; i < end; i++) {
                add(row, (int) (keys[i] & 7), false);
            }
            tallies.add(Tally.of(row));
        }
        return tallies;
    }

    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * For each value of a keyword field, how many matches of {@code q} in the window carry it: one
     * count per value, each led by the value's own postings, so a few rare values cost little however
     * many posts {@code q} matches.
     */
    public Map<String, Long> countEach(String q, TimeWindow window, String field, Collection<String> values) {
        if (!FacetCounting.countable().contains(field)) {
            throw new IllegalArgumentException("'" + field + "' is not a keyword field");
        }
        Query query = searcher.parse(q, window);
        return index.read(s -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String v : values) {
                counts.put(v, (long) s.count(new org.apache.lucene.search.BooleanQuery.Builder()
                        .add(query, org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(field, v)),
                                org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .build()));
            }
            return counts;
        });
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
     * @param periodRead      of those, how many were read (all of them up to the sample size)
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
     * by document counts. Each side is read in full up to {@code sample} posts, beyond that as a random
     * sample (always the same for the same index): reading texts is what costs here.
     */
    public Contrast contrast(String q, TimeWindow window, String baselineQ, TimeWindow baselineWindow, int size,
            int sample) {
        SignificantTerms.checkSize(size);
        Query period = searcher.parse(q, window);
        Query baseline = searcher.parse(baselineQ, baselineWindow);
        return index.read(s -> {
            Sampled in = s.search(period, new SampleCollectors(sample));
            Sampled out = s.search(baseline, new SampleCollectors(sample));
            List<ContrastTerm> terms = SignificantTerms.contrast(s, index.analyzer(), in.docs(), out.docs(), size)
                    .stream().map(t -> new ContrastTerm(t.term(), t.inResults(), t.inBaseline(), t.score())).toList();
            return new Contrast(in.matches(), in.docs().length, out.matches(), out.docs().length, terms);
        });
    }

    /** The number of matches and a uniform sample of them. */
    private record Sampled(long matches, ScoreDoc[] docs) {
    }

    /**
     * A uniform sample of every match, seeded so that the same index gives the same sample. Each slice
     * of segments keeps a reservoir of its own; the reservoirs are merged by drawing each place of the
     * sample from a slice with a probability proportional to the matches it has left, so that a small
     * slice is not over-represented when the index is searched in slices side by side.
     */
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
            List<SampleCollector> slices = new ArrayList<>(collectors);
            // a fixed order, so that the merge draws the same sample whichever slice finished first
            slices.sort(Comparator.comparingInt(SampleCollector::firstDoc));
            Random random = new Random(20240918L);
            long matches = 0;
            long[] left = new long[slices.size()];
            List<List<Integer>> pools = new ArrayList<>();
            for (int i = 0; i < slices.size(); i++) {
                SampleCollector c = slices.get(i);
                matches += c.seen;
                left[i] = c.seen;
                List<Integer> pool = new ArrayList<>();
                for (int k = 0; k < Math.min(c.seen, size); k++) {
                    pool.add(c.reservoir[k]);
                }
                Collections.shuffle(pool, random);
                pools.add(pool);
            }
            List<Integer> docs = new ArrayList<>();
            long remaining = matches;
            while (docs.size() < size && remaining > 0) {
                long x = (long) (random.nextDouble() * remaining);
                int i = 0;
                while (x >= left[i]) {
                    x -= left[i++];
                }
                docs.add(pools.get(i).remove(pools.get(i).size() - 1));
                left[i]--;
                remaining--;
            }
            return new Sampled(matches, docs.stream().sorted().map(d -> new ScoreDoc(d, 0)).toArray(ScoreDoc[]::new));
        }
    }

    /**
     * A reservoir of {@code size} matches, uniform over every match it sees. The skips between
     * replacements are drawn (the "Algorithm L" of reservoir sampling), so a large set costs a few hundred
     * random numbers rather than one per match.
     */
    private static final class SampleCollector extends SimpleCollector {
        private final int[] reservoir;
        private final Random random = new Random(20240918L);
        private long seen;
        private int docBase;
        private int firstDoc = Integer.MAX_VALUE;
        private double w;
        private long next;

        SampleCollector(int size) {
            this.reservoir = new int[size];
            this.w = Math.exp(Math.log(uniform()) / size);
            this.next = size + skip();
        }

        private double uniform() {
            double u;
            do {
                u = random.nextDouble();
            } while (u == 0);
            return u;
        }

        /** How many matches go by before the next one that enters the reservoir. */
        private long skip() {
            return (long) Math.floor(Math.log(uniform()) / Math.log1p(-w));
        }

        int firstDoc() {
            return firstDoc;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            docBase = context.docBase;
            firstDoc = Math.min(firstDoc, docBase);
        }

        @Override
        public void collect(int doc) {
            if (seen < reservoir.length) {
                reservoir[(int) seen] = docBase + doc;
            } else if (seen == next) {
                reservoir[random.nextInt(reservoir.length)] = docBase + doc;
                w *= Math.exp(Math.log(uniform()) / reservoir.length);
                next += 1 + skip();
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
        add(row, 0, slot, withTheme);
    }

    /** Adds one post to the tally that starts at {@code at} in a flat array of tallies. */
    private static void add(long[] rows, int at, int slot, boolean withTheme) {
        rows[at]++;
        rows[at + 1 + slot]++;
        if (withTheme) {
            rows[at + 6]++;
        }
    }

    /** Adds {@code from} into {@code into}, which may be longer (authors met in more segments). */
    private static void merge(long[] into, long[] from) {
        for (int i = 0; i < from.length; i++) {
            into[i] += from[i];
        }
    }

    /** The sentiment slot of each ordinal of a segment's sentiment doc values. */
    private static int[] slots(SortedDocValues sentiment) throws IOException {
        int[] slotOfOrd = new int[sentiment.getValueCount()];
        for (int ord = 0; ord < slotOfOrd.length; ord++) {
            int slot = LABELS.indexOf(sentiment.lookupOrd(ord).utf8ToString());
            slotOfOrd[ord] = slot < 0 ? PENDING : slot;
        }
        return slotOfOrd;
    }

    /** Collects time × 8 + sentiment slot of every match. */
    private static final class TimedSlotCollectors implements CollectorManager<TimedSlotCollector, long[]> {
        @Override
        public TimedSlotCollector newCollector() {
            return new TimedSlotCollector();
        }

        @Override
        public long[] reduce(Collection<TimedSlotCollector> collectors) {
            int n = collectors.stream().mapToInt(c -> c.size).sum();
            long[] all = new long[n];
            int at = 0;
            for (TimedSlotCollector c : collectors) {
                System.arraycopy(c.keys, 0, all, at, c.size);
                at += c.size;
            }
            return all;
        }
    }

    private static final class TimedSlotCollector extends SimpleCollector {
        private long[] keys = new long[1024];
        private int size;
        private NumericDocValues published;
        private SortedDocValues sentiment;
        private int[] slotOfOrd;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            published = DocValues.getNumeric(context.reader(), IndexFields.PUBLISHED);
            sentiment = DocValues.getSorted(context.reader(), IndexFields.SENTIMENT);
            slotOfOrd = slots(sentiment);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!published.advanceExact(doc)) {
                return;
            }
            int slot = sentiment.advanceExact(doc) ? slotOfOrd[sentiment.ordValue()] : PENDING;
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = published.longValue() * 8 + slot;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    private static final class SummaryCollectors implements CollectorManager<SummaryCollector, Summary> {
        private final Breakdown breakdown;
        private final ValueIds.Field authors;
        private final long firstBucket;
        private final int buckets;

        SummaryCollectors(TimeWindow window, Breakdown breakdown, ValueIds.Field authors) {
            this.breakdown = breakdown;
            this.authors = authors;
            Grid grid = breakdown.grid();
            this.firstBucket = grid == null ? 0 : grid.index(window.from().toEpochMilli());
            this.buckets = grid == null ? 0
                    : Math.toIntExact(grid.index(window.to().toEpochMilli() - 1) - firstBucket + 1);
        }

        @Override
        public SummaryCollector newCollector() {
            return new SummaryCollector(breakdown, authors, firstBucket, buckets);
        }

        @Override
        public Summary reduce(Collection<SummaryCollector> collectors) throws IOException {
            List<String> fields = breakdown.fields();
            long[] total = new long[WIDTH];
            long[] perBucket = new long[buckets * WIDTH];
            List<Map<String, long[]>> byField = new ArrayList<>();
            List<Map<String, long[]>> overTime = new ArrayList<>();
            fields.forEach(f -> {
                byField.add(new HashMap<>());
                overTime.add(new HashMap<>());
            });
            int authorCount = collectors.stream().mapToInt(c -> c.authorPosts.length).max().orElse(0);
            long[] authorPosts = new long[authorCount];
            long[] authorEngagement = new long[authorCount];
            String[] authorGroup = new String[authorCount];
            for (SummaryCollector c : collectors) {
                c.flush();
                merge(total, c.total);
                merge(perBucket, c.buckets);
                for (int i = 0; i < fields.size(); i++) {
                    Map<String, long[]> into = byField.get(i);
                    c.byField.get(i).forEach((value, v) -> merge(into.computeIfAbsent(value, x -> new long[WIDTH]), v));
                    Map<String, long[]> intoTime = overTime.get(i);
                    c.overTime.get(i).forEach((value, v) -> merge(intoTime.computeIfAbsent(value,
                            x -> new long[buckets * WIDTH]), v));
                }
                if (authors != null) {
                    merge(authorPosts, c.authorPosts);
                    merge(authorEngagement, c.authorEngagement);
                    for (int a = 0; a < c.authorGroup.length; a++) {
                        if (authorGroup[a] == null && c.authorGroup[a] >= 0) {
                            authorGroup[a] = c.groupNames.get(c.authorGroup[a]);
                        }
                    }
                }
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
                if (breakdown.fieldsOverTime().contains(fields.get(i))) {
                    Map<String, NavigableMap<Instant, Tally>> series = new LinkedHashMap<>();
                    for (String value : values.keySet()) {
                        series.put(value, byStart(overTime.get(i).get(value)));
                    }
                    fieldSeries.put(fields.get(i), series);
                }
            }
            long distinct = 0;
            // the top authors: a small heap, weakest on top, instead of sorting every author
            Comparator<Integer> stronger = Comparator.<Integer>comparingLong(a -> authorEngagement[a])
                    .thenComparingLong(a -> authorPosts[a]).thenComparing(Comparator.<Integer>reverseOrder());
            java.util.PriorityQueue<Integer> top = new java.util.PriorityQueue<>(Math.max(1, breakdown.topAuthors()),
                    stronger);
            for (int a = 0; a < authorCount; a++) {
                if (authorPosts[a] > 0) {
                    distinct++;
                    if (breakdown.topAuthors() > 0) {
                        if (top.size() < breakdown.topAuthors()) {
                            top.add(a);
                        } else if (stronger.compare(a, top.peek()) > 0) {
                            top.poll();
                            top.add(a);
                        }
                    }
                }
            }
            List<Integer> ranked = new ArrayList<>(top);
            ranked.sort(stronger.reversed());
            List<AuthorTotal> topAuthors = new ArrayList<>();
            for (int a : ranked) {
                topAuthors.add(new AuthorTotal(handle(a), authorGroup[a], authorPosts[a], authorEngagement[a]));
            }
            return new Summary(Tally.of(total), distinct, byStart(perBucket), fieldTallies, fieldSeries, topAuthors);
        }

        /** An author's handle by value id. */
        private String handle(int id) {
            return authors.values()[id];
        }

        private NavigableMap<Instant, Tally> byStart(long[] flat) {
            NavigableMap<Instant, Tally> m = new TreeMap<>();
            for (int b = 0; flat != null && b < buckets; b++) {
                if (flat[b * WIDTH] > 0) {
                    m.put(breakdown.grid().start(firstBucket + b),
                            Tally.of(java.util.Arrays.copyOfRange(flat, b * WIDTH, (b + 1) * WIDTH)));
                }
            }
            return Collections.unmodifiableNavigableMap(m);
        }
    }

    /**
     * Counts into arrays: per bucket, per doc-value ordinal of each field within a segment (turned into
     * values when the segment ends, so no string is made per post), and per author's global ordinal.
     */
    private static final class SummaryCollector extends SimpleCollector {
        private final Breakdown breakdown;
        private final ValueIds.Field authors;
        private final long firstBucket;
        private final int bucketCount;
        private final boolean[] overTimeField;

        final long[] total = new long[WIDTH];
        final long[] buckets;
        final List<Map<String, long[]>> byField = new ArrayList<>();
        final List<Map<String, long[]>> overTime = new ArrayList<>();
        /** By author value id; grown as segments bring new authors. */
        long[] authorPosts = new long[0];
        long[] authorEngagement = new long[0];
        int[] authorGroup = new int[0];
        final List<String> groupNames = new ArrayList<>();

        private NumericDocValues published;
        private SortedDocValues sentiment;
        private int[] slotOfOrd;
        private SortedSetDocValues themes;
        private SortedDocValues author;
        private int[] authorIds;
        private SortedDocValues group;
        private int[] groupIndex;
        private NumericDocValues engagement;
        private final SortedDocValues[] single;
        private final SortedSetDocValues[] multi;
        /** Per field: tallies per ordinal of this segment. */
        private final long[][][] perOrd;
        /** Per field over time: per ordinal of this segment, tallies per bucket. */
        private final long[][][] perOrdOverTime;
        private boolean open;

        SummaryCollector(Breakdown breakdown, ValueIds.Field authors, long firstBucket, int bucketCount) {
            this.breakdown = breakdown;
            this.authors = authors;
            this.firstBucket = firstBucket;
            this.bucketCount = bucketCount;
            this.buckets = new long[bucketCount * WIDTH];
            int n = breakdown.fields().size();
            this.overTimeField = new boolean[n];
            this.single = new SortedDocValues[n];
            this.multi = new SortedSetDocValues[n];
            this.perOrd = new long[n][][];
            this.perOrdOverTime = new long[n][][];
            for (int i = 0; i < n; i++) {
                overTimeField[i] = breakdown.fieldsOverTime().contains(breakdown.fields().get(i));
                byField.add(new HashMap<>());
                overTime.add(new HashMap<>());
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            open = true;
            var reader = context.reader();
            published = DocValues.getNumeric(reader, IndexFields.PUBLISHED);
            sentiment = DocValues.getSorted(reader, IndexFields.SENTIMENT);
            slotOfOrd = slots(sentiment);
            themes = DocValues.getSortedSet(reader, IndexFields.THEME);
            if (authors != null) {
                author = DocValues.getSorted(reader, IndexFields.AUTHOR);
                authorIds = authors.of(reader);
                int ids = authors.size();
                if (authorPosts.length < ids) {
                    int was = authorGroup.length;
                    authorPosts = java.util.Arrays.copyOf(authorPosts, ids);
                    authorEngagement = java.util.Arrays.copyOf(authorEngagement, ids);
                    authorGroup = java.util.Arrays.copyOf(authorGroup, ids);
                    java.util.Arrays.fill(authorGroup, was, ids, -1);
                }
                engagement = DocValues.getNumeric(reader, IndexFields.ENGAGEMENT);
                group = DocValues.getSorted(reader, IndexFields.GROUP);
                groupIndex = new int[group.getValueCount()];
                for (int ord = 0; ord < groupIndex.length; ord++) {
                    String name = group.lookupOrd(ord).utf8ToString();
                    int at = groupNames.indexOf(name);
                    if (at < 0) {
                        groupNames.add(name);
                        at = groupNames.size() - 1;
                    }
                    groupIndex[ord] = at;
                }
            }
            for (int i = 0; i < perOrd.length; i++) {
                String f = breakdown.fields().get(i);
                int ords;
                if (IndexFields.MULTI_VALUED.contains(f)) {
                    multi[i] = DocValues.getSortedSet(reader, f);
                    ords = Math.toIntExact(multi[i].getValueCount());
                } else {
                    single[i] = DocValues.getSorted(reader, f);
                    ords = single[i].getValueCount();
                }
                perOrd[i] = new long[ords][];
                perOrdOverTime[i] = overTimeField[i] ? new long[ords][] : null;
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!published.advanceExact(doc)) {
                return;
            }
            int slot = sentiment.advanceExact(doc) ? slotOfOrd[sentiment.ordValue()] : PENDING;
            boolean withTheme = themes.advanceExact(doc);
            add(total, 0, slot, withTheme);
            int bucket = -1;
            if (bucketCount > 0) {
                long b = breakdown.grid().index(published.longValue()) - firstBucket;
                if (b >= 0 && b < bucketCount) {
                    bucket = (int) b;
                    add(buckets, bucket * WIDTH, slot, withTheme);
                }
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
            if (authorIds != null && author.advanceExact(doc)) {
                int a = authorIds[author.ordValue()];
                authorPosts[a]++;
                if (engagement.advanceExact(doc)) {
                    authorEngagement[a] += engagement.longValue();
                }
                if (authorGroup[a] < 0 && group.advanceExact(doc)) {
                    authorGroup[a] = groupIndex[group.ordValue()];
                }
            }
        }

        private void count(int field, int ord, int bucket, int slot, boolean withTheme) {
            long[][] rows = perOrd[field];
            if (rows[ord] == null) {
                rows[ord] = new long[WIDTH];
            }
            add(rows[ord], 0, slot, withTheme);
            if (bucket >= 0 && perOrdOverTime[field] != null) {
                long[][] series = perOrdOverTime[field];
                if (series[ord] == null) {
                    series[ord] = new long[bucketCount * WIDTH];
                }
                add(series[ord], bucket * WIDTH, slot, withTheme);
            }
        }

        /** Turns the current segment's ordinal counts into value counts. */
        void flush() throws IOException {
            if (!open) {
                return;
            }
            for (int i = 0; i < perOrd.length; i++) {
                for (int ord = 0; ord < perOrd[i].length; ord++) {
                    if (perOrd[i][ord] != null) {
                        String value = value(i, ord);
                        merge(byField.get(i).computeIfAbsent(value, x -> new long[WIDTH]), perOrd[i][ord]);
                        if (perOrdOverTime[i] != null && perOrdOverTime[i][ord] != null) {
                            merge(overTime.get(i).computeIfAbsent(value, x -> new long[bucketCount * WIDTH]),
                                    perOrdOverTime[i][ord]);
                        }
                    }
                }
                perOrd[i] = null;
                perOrdOverTime[i] = null;
                single[i] = null;
                multi[i] = null;
            }
            open = false;
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
