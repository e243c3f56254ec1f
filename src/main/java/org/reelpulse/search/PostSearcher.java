package org.reelpulse.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.reelpulse.query.QueryParsing;
import org.reelpulse.base.TimeWindow;
import org.springframework.stereotype.Component;

/** Reads the index: ranked pages with highlights, counts over time, and every match for exports. */
@Component
public class PostSearcher {

    /** How results are ordered. */
    public enum SortOrder {
        RELEVANCE, RECENT, ENGAGEMENT
    }

    /**
     * A page of hits: the total number of matches, post ids with their highlighted text, and the
     * cursor of the next page (null on the last page).
     */
    public record SearchPage(long total, List<Hit> hits, String next) {
    }

    /** One hit: the post id and its text with the matching words marked. */
    public record Hit(long postId, String highlight) {
    }

    /** Counts for one time bucket. {@code meanScore} is null when no post in it was scored. */
    public record Bucket(Instant start, long total, long negative, long neutral, long positive, long unscored,
            long pending, Double meanScore) {
    }

    private final PostIndex index;
    private final QueryParsing.Events events;
    /** Ids of the counted fields' values, shared by every count on this index. */
    private final ValueIds valueIds = new ValueIds();

    /** The value ids shared by every count of this index (facets, top authors, the dashboard's summaries). */
    ValueIds valueIds() {
        return valueIds;
    }

    PostSearcher(PostIndex index) {
        this(index, QueryParsing.Events.NONE);
    }

    /** {@code event:<slug>} in a query stands for that tracked event's query. */
    @org.springframework.beans.factory.annotation.Autowired
    PostSearcher(PostIndex index, org.reelpulse.event.EventRepository events) {
        this(index, slug -> events.findAll().stream().filter(e -> e.slug().equals(slug))
                .map(org.reelpulse.event.TrackedEvent::effectiveQuery).findFirst().orElse(null));
    }

    PostSearcher(PostIndex index, QueryParsing.Events events) {
        this.index = index;
        this.events = events;
    }

    /** The query for {@code q} in the window, with {@code event:} resolved. */
    Query parse(String q, TimeWindow window) {
        return inWindow(parseText(q), window);
    }

    /** The query for {@code q} alone, with {@code event:} resolved: what highlights are made of. */
    private Query parseText(String q) {
        return QueryParsing.parse(q, TimeWindow.ALL, index.analyzer(), events);
    }

    /**
     * {@code query} restricted to the window. Lucene reads the window from the points when it leads
     * (every post, or a broad query), and checks it on each candidate's doc value when a narrow
     * query leads, rather than first gathering every post of the window from the points.
     */
    static Query inWindow(Query query, TimeWindow window) {
        if (window.from() == null && window.to() == null) {
            return query;
        }
        long from = window.from() == null ? Long.MIN_VALUE : window.from().toEpochMilli();
        long to = window.to() == null ? Long.MAX_VALUE : window.to().toEpochMilli() - 1;
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new IndexOrDocValuesQuery(LongPoint.newRangeQuery(IndexFields.PUBLISHED, from, to),
                        NumericDocValuesField.newSlowRangeQuery(IndexFields.PUBLISHED, from, to)),
                        BooleanClause.Occur.FILTER)
                .build();
    }

    /** The hits of a page, ordered as asked; {@code highlight} marks matches with {@code <mark>}. */
    public SearchPage search(String q, TimeWindow window, SortOrder order, int offset, int size) {
        return search(q, window, order, offset, size, null);
    }

    /**
     * A page of hits. With {@code after} (the {@link SearchPage#next()} of the page before), the page
     * starts right after that page's last hit, however deep, without collecting the hits before it;
     * the post id breaks ties, so no hit is skipped or repeated while the index stays the same.
     */
    public SearchPage search(String q, TimeWindow window, SortOrder order, int offset, int size, String after) {
        Query text = parseText(q);
        Query query = inWindow(text, window);
        Sort sort = sort(order);
        Object[] afterValues = after == null ? null : SearchCursor.decode(after, order);
        return index.read(searcher -> {
            // the post id makes every sort position unique; the highest doc keeps the last hit itself out
            FieldDoc from = afterValues == null ? null
                    : new FieldDoc(Math.max(0, searcher.getIndexReader().maxDoc() - 1), Float.NaN, afterValues);
            int n = from == null ? offset + size : size;
            TopDocs top;
            long total;
            if (order == SortOrder.RELEVANCE) {
                // the best hits skip what cannot score high enough, and a count is a cheap second pass;
                // no scores on the hits: the cursor keeps the sort values, and relevance is one of them
                top = searcher.searchAfter(from, query, Math.max(1, n), sort, false);
                total = searcher.count(query);
            } else {
                // sorted by a field, the hits and their exact number cost one pass together
                top = searcher.search(query, new TopFieldCollectorManager(sort, Math.max(1, n), from, Integer.MAX_VALUE));
                total = top.totalHits.value;
            }
            int start = from == null ? offset : 0;
            ScoreDoc[] page = start >= top.scoreDocs.length ? new ScoreDoc[0]
                    : Arrays.copyOfRange(top.scoreDocs, start, Math.min(top.scoreDocs.length, n));
            if (page.length == 0) {
                return new SearchPage(total, List.of(), null);
            }
            String[] highlights = highlight(searcher, text, page);
            long[] ids = postIds(searcher, page);
            List<Hit> hits = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                hits.add(new Hit(ids[i], highlights[i]));
            }
            String next = page.length == size ? SearchCursor.encode((FieldDoc) page[page.length - 1], order) : null;
            return new SearchPage(total, hits, next);
        });
    }

    /** The order of each sort, ending with the post id so that every hit has its own place. */
    static Sort sort(SortOrder order) {
        SortField id = new SortField(IndexFields.ID, SortField.Type.LONG, true);
        return switch (order) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, id);
            case RECENT -> new Sort(new SortField(IndexFields.PUBLISHED, SortField.Type.LONG, true), id);
            case ENGAGEMENT -> new Sort(new SortField(IndexFields.ENGAGEMENT, SortField.Type.LONG, true),
                    new SortField(IndexFields.PUBLISHED, SortField.Type.LONG, true), id);
        };
    }

    /** The marked text of each hit; {@code query} without the window (see {@link Highlights#of}). */
    private String[] highlight(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        return Highlights.of(searcher, index.analyzer(), query, page);
    }

    /** The post ids of hits, in the hits' order, from doc values (no stored document to decompress). */
    private static long[] postIds(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        long[] ids = new long[hits.length];
        NumericDocValues[] values = new NumericDocValues[1];
        inDocOrder(searcher, hits, leaf -> values[0] = DocValues.getNumeric(leaf.reader(), IndexFields.ID),
                (i, doc) -> {
                    if (!values[0].advanceExact(doc)) {
                        throw new IOException("Index document without a post id");
                    }
                    ids[i] = values[0].longValue();
                });
        return ids;
    }

    /** Visits hits in doc order, segment by segment, as doc values only move forward. */
    private static void inDocOrder(IndexSearcher searcher, ScoreDoc[] hits, SegmentStart segment, HitVisit visit)
            throws IOException {
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leaf = -1;
        for (int i : order) {
            int l = org.apache.lucene.index.ReaderUtil.subIndex(hits[i].doc, leaves);
            if (l != leaf) {
                leaf = l;
                segment.start(leaves.get(l));
            }
            visit.hit(i, hits[i].doc - leaves.get(l).docBase);
        }
    }

    @FunctionalInterface
    private interface SegmentStart {
        void start(LeafReaderContext leaf) throws IOException;
    }

    @FunctionalInterface
    private interface HitVisit {
        /** The {@code index}-th hit, {@code doc} within its segment. */
        void hit(int index, int doc) throws IOException;
    }

    /** Counts per UTC day (or hour or week) of the matching posts, by sentiment, with empty buckets filled. */
    public List<Bucket> timeline(String q, TimeWindow window, ChronoUnit interval) {
        Query query = parse(q, window);
        Map<Long, BucketCounts> counts = index.read(searcher -> searcher.search(query,
                new TimelineCollectors(interval)));
        List<Bucket> buckets = new ArrayList<>();
        if (counts.isEmpty() && (window.from() == null || window.to() == null)) {
            return buckets;
        }
        TreeMap<Long, BucketCounts> sorted = new TreeMap<>(counts);
        long first = window.from() != null ? bucketStart(window.from().toEpochMilli(), interval) : sorted.firstKey();
        long last = window.to() != null ? bucketStart(window.to().toEpochMilli() - 1, interval) : sorted.lastKey();
        for (long t = first; t <= last; t = next(t, interval)) {
            BucketCounts c = sorted.getOrDefault(t, new BucketCounts());
            buckets.add(new Bucket(Instant.ofEpochMilli(t), c.total, c.byLabel[0], c.byLabel[1], c.byLabel[2],
                    c.byLabel[3], c.byLabel[4], c.scored == 0 ? null : c.scoreSum / c.scored));
        }
        return buckets;
    }

    static long bucketStart(long epochMillis, ChronoUnit interval) {
        var t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        if (interval == ChronoUnit.WEEKS) {
            t = t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1L);
        } else {
            t = t.truncatedTo(interval);
        }
        return t.toInstant().toEpochMilli();
    }

    private static long next(long start, ChronoUnit interval) {
        return Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).plus(1, interval).toInstant().toEpochMilli();
    }

    /** Calls {@code consumer} with the id of every matching post, oldest first; no cap. */
    public long forEachMatch(String q, TimeWindow window, LongConsumer consumer) {
        Query query = parse(q, window);
        long[][] pairs = index.read(searcher -> searcher.search(query, new MatchCollectors()));
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] p : pairs) {
            consumer.accept(p[1]);
        }
        return pairs.length;
    }

    /** How many posts match and how many distinct authors wrote them. */
    public record Reach(long posts, long authors) {
    }

    /** Matching posts and the distinct values of a field among them. */
    private record Distinct(long posts, long values) {
    }

    /** Counts the matching posts and their distinct authors. */
    public Reach reach(String q, TimeWindow window) {
        Query query = parse(q, window);
        long[] d = index.read(searcher -> searcher.search(query, new FacetCounting.Distinct(valueIds, IndexFields.AUTHOR)));
        return new Reach(d[0], d[1]);
    }

    /** A value of a facet and how many matching posts carry it. */
    public record FacetValue(String value, long count) {
    }

    /**
     * How many matching posts carry each value of the given keyword fields, most first, at most
     * {@code top} values per field. An unknown field is refused with the list of those that can be
     * counted.
     */
    public Map<String, List<FacetValue>> facets(String q, TimeWindow window, List<String> fields, int top) {
        for (String f : fields) {
            if (!FacetCounting.countable().contains(f)) {
                throw new org.reelpulse.base.UserInputException("'" + f + "' cannot be counted; facets are "
                        + String.join(", ", FacetCounting.countable()) + ".");
            }
        }
        Query query = parse(q, window);
        return index.read(searcher -> searcher.search(query, new FacetCounting(valueIds, fields, top)));
    }

    /** An author of matching posts: how many of them they wrote and the engagement those drew. */
    public record AuthorEngagement(String author, long posts, long engagement) {
    }

    /**
     * The authors whose matching posts drew the most engagement (likes, reposts, replies and quotes
     * summed), at most {@code top}; ties go to the author with more posts, then by handle.
     */
    public List<AuthorEngagement> topAuthors(String q, TimeWindow window, int top) {
        Query query = parse(q, window);
        return index.read(searcher -> searcher.search(query, new TopAuthors(valueIds, top)));
    }

    /** A term over-represented in the matches: how many matches and how many posts in all contain it. */
    public record SignificantTerm(String term, long inResults, long inCorpus, double score) {
    }

    /**
     * The words and two-word phrases most over-represented in the matching posts against the whole
     * index; reads the best-ranked {@link SignificantTerms#SAMPLE} matches at most.
     */
    public List<SignificantTerm> significantTerms(String q, TimeWindow window, int size) {
        SignificantTerms.checkSize(size);
        Query query = parse(q, window);
        return index.read(searcher -> SignificantTerms.find(searcher, index.analyzer(),
                searcher.search(query, SignificantTerms.SAMPLE).scoreDocs, size).stream()
                .map(t -> new SignificantTerm(t.term(), t.inResults(), t.inCorpus(), t.score())).toList());
    }

    /**
     * The number of matching posts when reposts, boosts and copies of the same text count once (see
     * {@link PostDocuments#duplicateKey}).
     */
    public long countCollapsed(String q, TimeWindow window) {
        Query query = parse(q, window);
        return index.read(searcher -> searcher.search(query, new DistinctCollectors(IndexFields.DUPLICATE)).values());
    }

    /**
     * A page of hits with reposts and copies collapsed into their best-ranked post: the hits from
     * {@code offset} of that collapsed list. Reads the ranking in order and skips what it has
     * seen, at most {@link #COLLAPSE_SCAN} hits deep.
     */
    public SearchPage searchCollapsed(String q, TimeWindow window, SortOrder order, int offset, int size) {
        Query text = parseText(q);
        Query query = inWindow(text, window);
        Sort sort = sort(order);
        return index.read(searcher -> {
            long total = searcher.count(query);
            java.util.Set<org.apache.lucene.util.BytesRef> seen = new java.util.HashSet<>();
            List<ScoreDoc> kept = new ArrayList<>();
            int skipped = 0;
            FieldDoc after = null;
            int scanned = 0;
            while (kept.size() < size && scanned < COLLAPSE_SCAN) {
                TopDocs top = after == null ? searcher.search(query, 500, sort, true)
                        : searcher.searchAfter(after, query, 500, sort, true);
                if (top.scoreDocs.length == 0) {
                    break;
                }
                org.apache.lucene.util.BytesRef[] keys = duplicateKeys(searcher, top.scoreDocs);
                for (int k = 0; k < top.scoreDocs.length; k++) {
                    ScoreDoc d = top.scoreDocs[k];
                    scanned++;
                    if (seen.add(keys[k])) {
                        if (skipped < offset) {
                            skipped++;
                        } else if (kept.size() < size) {
                            kept.add(d);
                        }
                    }
                }
                after = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
            }
            ScoreDoc[] page = kept.toArray(ScoreDoc[]::new);
            if (page.length == 0) {
                return new SearchPage(total, List.of(), null);
            }
            String[] highlights = highlight(searcher, text, page);
            long[] ids = postIds(searcher, page);
            List<Hit> hits = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                hits.add(new Hit(ids[i], highlights[i]));
            }
            return new SearchPage(total, hits, null);
        });
    }

    /** How deep into the ranking a collapsed page looks for distinct posts. */
    public static final int COLLAPSE_SCAN = 20_000;

    /**
     * The duplicate keys of a batch of hits, in the hits' order: read in doc order, one doc-values
     * iterator per segment, as doc values only move forward.
     */
    private static org.apache.lucene.util.BytesRef[] duplicateKeys(IndexSearcher searcher, ScoreDoc[] hits)
            throws IOException {
        org.apache.lucene.util.BytesRef[] keys = new org.apache.lucene.util.BytesRef[hits.length];
        SortedDocValues[] values = new SortedDocValues[1];
        inDocOrder(searcher, hits, leaf -> values[0] = DocValues.getSorted(leaf.reader(), IndexFields.DUPLICATE),
                (i, doc) -> keys[i] = values[0].advanceExact(doc)
                        ? org.apache.lucene.util.BytesRef.deepCopyOf(values[0].lookupOrd(values[0].ordValue()))
                        : new org.apache.lucene.util.BytesRef("doc:" + hits[i].doc));
        return keys;
    }

    /** The number of matching posts, without ranking or fetching them. */
    public long count(String q, TimeWindow window) {
        Query query = parse(q, window);
        return index.read(searcher -> searcher.count(query));
    }

    /** The counts of one time bucket while collecting. */
    private static final class BucketCounts {
        /** In the order of {@link #LABELS}. */
        static final List<String> LABELS = List.of("negative", "neutral", "positive", "unscored", IndexFields.PENDING);

        long total;
        final long[] byLabel = new long[LABELS.size()];
        long scored;
        double scoreSum;

        BucketCounts add(BucketCounts other) {
            total += other.total;
            for (int i = 0; i < byLabel.length; i++) {
                byLabel[i] += other.byLabel[i];
            }
            scored += other.scored;
            scoreSum += other.scoreSum;
            return this;
        }
    }

    /** Counts per bucket start, by sentiment label, with the sum of scores for the mean. */
    private static final class TimelineCollectors implements CollectorManager<TimelineCollector,
            Map<Long, BucketCounts>> {
        private final ChronoUnit interval;

        TimelineCollectors(ChronoUnit interval) {
            this.interval = interval;
        }

        @Override
        public TimelineCollector newCollector() {
            return new TimelineCollector(interval);
        }

        @Override
        public Map<Long, BucketCounts> reduce(Collection<TimelineCollector> collectors) {
            Map<Long, BucketCounts> merged = new HashMap<>();
            for (TimelineCollector c : collectors) {
                c.counts.forEach((k, v) -> merged.merge(k, v, BucketCounts::add));
            }
            return merged;
        }
    }

    private static final class TimelineCollector extends SimpleCollector {
        private static final int PENDING = BucketCounts.LABELS.indexOf(IndexFields.PENDING);

        private final ChronoUnit interval;
        private final Map<Long, BucketCounts> counts = new HashMap<>();
        /** The bucket of the last post seen, [start, end): posts come mostly in time order, so most fall in it. */
        private long currentStart = Long.MAX_VALUE;
        private long currentEnd = Long.MIN_VALUE;
        private BucketCounts current;
        private NumericDocValues published;
        private SortedDocValues sentiment;
        private NumericDocValues score;
        /** The label slot of each sentiment ordinal of the current segment, resolved once per segment. */
        private int[] slotOfOrd;

        TimelineCollector(ChronoUnit interval) {
            this.interval = interval;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            published = DocValues.getNumeric(context.reader(), IndexFields.PUBLISHED);
            sentiment = DocValues.getSorted(context.reader(), IndexFields.SENTIMENT);
            score = DocValues.getNumeric(context.reader(), IndexFields.SCORE);
            slotOfOrd = new int[sentiment.getValueCount()];
            for (int ord = 0; ord < slotOfOrd.length; ord++) {
                int slot = BucketCounts.LABELS.indexOf(sentiment.lookupOrd(ord).utf8ToString());
                slotOfOrd[ord] = slot < 0 ? PENDING : slot;
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!published.advanceExact(doc)) {
                return;
            }
            long t = published.longValue();
            if (t < currentStart || t >= currentEnd) {
                currentStart = bucketStart(t, interval);
                currentEnd = next(currentStart, interval);
                current = counts.computeIfAbsent(currentStart, k -> new BucketCounts());
            }
            BucketCounts c = current;
            c.total++;
            c.byLabel[sentiment.advanceExact(doc) ? slotOfOrd[sentiment.ordValue()] : PENDING]++;
            if (score.advanceExact(doc)) {
                c.scored++;
                c.scoreSum += Double.longBitsToDouble(score.longValue());
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** Counts the matching posts and the distinct values of one single-valued keyword field among them. */
    private static final class DistinctCollectors implements CollectorManager<DistinctCollector, Distinct> {
        private final String field;

        DistinctCollectors(String field) {
            this.field = field;
        }

        @Override
        public DistinctCollector newCollector() {
            return new DistinctCollector(field);
        }

        @Override
        public Distinct reduce(Collection<DistinctCollector> collectors) throws IOException {
            java.util.Set<org.apache.lucene.util.BytesRef> values = new java.util.HashSet<>();
            long posts = 0;
            for (DistinctCollector c : collectors) {
                posts += c.posts;
                for (var segment : c.segments) {
                    org.apache.lucene.util.FixedBitSet ords = segment.getValue();
                    for (int o = ords.nextSetBit(0); o != DocIdSetIterator.NO_MORE_DOCS;
                            o = o + 1 < ords.length() ? ords.nextSetBit(o + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                        values.add(org.apache.lucene.util.BytesRef.deepCopyOf(segment.getKey().lookupOrd(o)));
                    }
                }
            }
            return new Distinct(posts, values.size());
        }
    }

    private static final class DistinctCollector extends SimpleCollector {
        private final String field;
        private final List<Map.Entry<SortedDocValues, org.apache.lucene.util.FixedBitSet>> segments = new ArrayList<>();
        private SortedDocValues values;
        private org.apache.lucene.util.FixedBitSet seen;
        private long posts;

        DistinctCollector(String field) {
            this.field = field;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getSorted(context.reader(), field);
            seen = new org.apache.lucene.util.FixedBitSet(Math.max(1, values.getValueCount()));
            // a fresh instance to resolve ordinals later, independent of this iteration
            segments.add(Map.entry(DocValues.getSorted(context.reader(), field), seen));
        }

        @Override
        public void collect(int doc) throws IOException {
            posts++;
            if (values.advanceExact(doc)) {
                seen.set(values.ordValue());
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** Collects [published, post id] of every match. */
    private static final class MatchCollectors implements CollectorManager<MatchCollector, long[][]> {
        @Override
        public MatchCollector newCollector() {
            return new MatchCollector();
        }

        @Override
        public long[][] reduce(Collection<MatchCollector> collectors) {
            return collectors.stream().flatMap(c -> c.pairs.stream()).toArray(long[][]::new);
        }
    }

    private static final class MatchCollector extends SimpleCollector {
        private final List<long[]> pairs = new ArrayList<>();
        private NumericDocValues published;
        private NumericDocValues ids;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            published = DocValues.getNumeric(context.reader(), IndexFields.PUBLISHED);
            ids = DocValues.getNumeric(context.reader(), IndexFields.ID);
        }

        @Override
        public void collect(int doc) throws IOException {
            long t = published.advanceExact(doc) ? published.longValue() : 0;
            if (!ids.advanceExact(doc)) {
                throw new UncheckedIOException(new IOException("Index document without a post id"));
            }
            pairs.add(new long[] {t, ids.longValue()});
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
