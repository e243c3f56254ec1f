package org.reelpulse.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The dashboard's work written directly against Lucene, for the benchmark's baseline: queries built
 * by hand from {@link Spec}s, stock searches and highlighter, doc-values collectors. Nothing of
 * ReelPulse is used here (field names are spelled out, the analyzers are Lucene's own), so the
 * difference to the ReelPulse calls on the same reader is what ReelPulse's layers cost.
 */
final class PlainLucene {

    static final long DAY = 86_400_000L;
    static final String[] TEXT_FIELDS = {"text", "text_en", "text_fr", "text_de", "text_es"};
    static final Set<String> MULTI_VALUED = Set.of("theme", "craft", "entity", "tag");
    /** The sentiment labels in the order the timeline reports them; anything else counts as pending. */
    static final List<String> LABELS = List.of("negative", "neutral", "positive", "unscored", "pending");

    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final UnifiedHighlighter highlighter;

    PlainLucene(IndexReader reader) {
        this.searcher = new IndexSearcher(reader);
        Analyzer neutral = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
        this.analyzer = new PerFieldAnalyzerWrapper(neutral, Map.of("text_en", new EnglishAnalyzer(),
                "text_fr", new FrenchAnalyzer(), "text_de", new GermanAnalyzer(), "text_es", new SpanishAnalyzer()));
        this.highlighter = UnifiedHighlighter.builder(searcher, analyzer).build();
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /** A query of the benchmark: words, phrases, prefixes, keywords, tags, and one level of AND / OR / AND NOT. */
    sealed interface Spec {
        /** The same query in ReelPulse's query language. */
        String text();
    }

    record Word(String word) implements Spec {
        public String text() {
            return word;
        }
    }

    record Phrase(String words) implements Spec {
        public String text() {
            return "\"" + words + "\"";
        }
    }

    record Prefix(String prefix) implements Spec {
        public String text() {
            return prefix + "*";
        }
    }

    record Keyword(String field, String value) implements Spec {
        public String text() {
            return field + ":" + value;
        }
    }

    record Tag(String tag) implements Spec {
        public String text() {
            return tag;
        }
    }

    record And(Spec a, Spec b) implements Spec {
        public String text() {
            return a.text() + " AND " + b.text();
        }
    }

    record Or(Spec a, Spec b) implements Spec {
        public String text() {
            return a.text() + " OR " + b.text();
        }
    }

    record AndNot(Spec a, Spec b) implements Spec {
        public String text() {
            return a.text() + " AND NOT " + b.text();
        }
    }

    /** The query for {@code spec} (null: every post) restricted to [from, to) by a point range. */
    Query query(Spec spec, long from, long to) {
        return new BooleanQuery.Builder().add(text(spec), Occur.MUST)
                .add(LongPoint.newRangeQuery("published", from, to - 1), Occur.FILTER).build();
    }

    /** The query for {@code spec} alone (null: every post). */
    Query text(Spec spec) {
        return spec == null ? new MatchAllDocsQuery() : build(spec);
    }

    /** Both queries must match, each as one clause; restricted to [from, to). */
    Query both(Spec a, Spec b, long from, long to) {
        Query both = new BooleanQuery.Builder().add(build(a), Occur.MUST).add(build(b), Occur.MUST).build();
        return new BooleanQuery.Builder().add(both, Occur.MUST)
                .add(LongPoint.newRangeQuery("published", from, to - 1), Occur.FILTER).build();
    }

    private Query build(Spec spec) {
        if (spec instanceof Word w) {
            return everyTextField(w.word(), false);
        }
        if (spec instanceof Phrase p) {
            return everyTextField(p.words(), true);
        }
        if (spec instanceof Prefix p) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String f : TEXT_FIELDS) {
                b.add(new PrefixQuery(new Term(f, analyzer.normalize(f, p.prefix()))), Occur.SHOULD);
            }
            return b.build();
        }
        if (spec instanceof Keyword k) {
            return new TermQuery(new Term(k.field(), k.value().toLowerCase(Locale.ROOT)));
        }
        if (spec instanceof Tag t) {
            return new TermQuery(new Term("tag", t.tag().toLowerCase(Locale.ROOT)));
        }
        if (spec instanceof And a) {
            return new BooleanQuery.Builder().add(build(a.a()), Occur.MUST).add(build(a.b()), Occur.MUST).build();
        }
        if (spec instanceof Or o) {
            return new BooleanQuery.Builder().add(build(o.a()), Occur.SHOULD).add(build(o.b()), Occur.SHOULD).build();
        }
        AndNot n = (AndNot) spec;
        return new BooleanQuery.Builder().add(build(n.a()), Occur.MUST).add(build(n.b()), Occur.MUST_NOT).build();
    }

    /** A word or a phrase in any text field, each field's analyzer deciding its terms. */
    private Query everyTextField(String words, boolean phrase) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String f : TEXT_FIELDS) {
            List<BytesRef> terms = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            try (TokenStream ts = analyzer.tokenStream(f, words)) {
                TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                int position = -1;
                while (ts.incrementToken()) {
                    position += inc.getPositionIncrement();
                    terms.add(BytesRef.deepCopyOf(term.getBytesRef()));
                    positions.add(position);
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (terms.size() == 1) {
                b.add(new TermQuery(new Term(f, terms.get(0))), Occur.SHOULD);
            } else if (terms.size() > 1) {
                if (!phrase) {
                    throw new IllegalArgumentException("one word at a time: " + words);
                }
                PhraseQuery.Builder p = new PhraseQuery.Builder();
                for (int i = 0; i < terms.size(); i++) {
                    p.add(new Term(f, terms.get(i)), positions.get(i));
                }
                b.add(p.build(), Occur.SHOULD);
            }
        }
        return b.build();
    }

    long count(Query q) throws IOException {
        return searcher.count(q);
    }

    /** A page of the 20 best or newest hits: the total, the post ids and the marked text. */
    record Page(long total, long[] ids, String[] highlights) {
    }

    /** The best or newest {@code n} hits of {@code q}, highlighted with {@code words} (the query without its window). */
    Page top(Query q, Query words, int n, boolean recent) throws IOException {
        TopDocs top = recent ? searcher.search(q, n, new Sort(new SortField("published", SortField.Type.LONG, true)))
                : searcher.search(q, n);
        long total = searcher.count(q);
        String[] highlights = highlighter.highlight("text", words, top, 2);
        long[] ids = new long[top.scoreDocs.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (int i = 0; i < ids.length; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(top.scoreDocs[i].doc, leaves));
            NumericDocValues id = DocValues.getNumeric(leaf.reader(), "id");
            ids[i] = id.advanceExact(top.scoreDocs[i].doc - leaf.docBase) ? id.longValue() : -1;
        }
        return new Page(total, ids, highlights);
    }

    /** Posts per UTC day of [from, to) by sentiment label, and the score sum of each day. */
    record Timeline(long firstDay, long[] total, long[][] byLabel, long[] scored, double[] scoreSum) {
    }

    Timeline timeline(Query q, long from, long to) throws IOException {
        long firstDay = Math.floorDiv(from, DAY);
        int days = (int) (Math.floorDiv(to - 1, DAY) - firstDay + 1);
        Timeline t = new Timeline(firstDay, new long[days], new long[LABELS.size()][days], new long[days],
                new double[days]);
        searcher.search(q, one(new SimpleCollector() {
            NumericDocValues published;
            SortedDocValues sentiment;
            NumericDocValues score;
            int[] slot;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                published = DocValues.getNumeric(context.reader(), "published");
                sentiment = DocValues.getSorted(context.reader(), "sentiment");
                score = DocValues.getNumeric(context.reader(), "score");
                slot = new int[sentiment.getValueCount()];
                for (int ord = 0; ord < slot.length; ord++) {
                    int s = LABELS.indexOf(sentiment.lookupOrd(ord).utf8ToString());
                    slot[ord] = s < 0 ? LABELS.size() - 1 : s;
                }
            }

            @Override
            public void collect(int doc) throws IOException {
                if (!published.advanceExact(doc)) {
                    return;
                }
                int day = (int) (Math.floorDiv(published.longValue(), DAY) - firstDay);
                t.total[day]++;
                t.byLabel[sentiment.advanceExact(doc) ? slot[sentiment.ordValue()] : LABELS.size() - 1][day]++;
                if (score.advanceExact(doc)) {
                    t.scored[day]++;
                    t.scoreSum[day] += Double.longBitsToDouble(score.longValue());
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }));
        return t;
    }

    /** The {@code top} most frequent values of each field among the matches: count first, then the value. */
    Map<String, List<Map.Entry<String, Long>>> facets(Query q, List<String> fields, int top) throws IOException {
        List<Map<String, Long>> totals = new ArrayList<>();
        fields.forEach(f -> totals.add(new HashMap<>()));
        searcher.search(q, one(new SimpleCollector() {
            final SortedDocValues[] single = new SortedDocValues[fields.size()];
            final SortedSetDocValues[] multi = new SortedSetDocValues[fields.size()];
            final int[][] counts = new int[fields.size()][];

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                resolve();
                for (int i = 0; i < fields.size(); i++) {
                    if (MULTI_VALUED.contains(fields.get(i))) {
                        multi[i] = DocValues.getSortedSet(context.reader(), fields.get(i));
                        counts[i] = new int[(int) multi[i].getValueCount()];
                    } else {
                        single[i] = DocValues.getSorted(context.reader(), fields.get(i));
                        counts[i] = new int[single[i].getValueCount()];
                    }
                }
            }

            @Override
            public void collect(int doc) throws IOException {
                for (int i = 0; i < counts.length; i++) {
                    if (multi[i] != null) {
                        if (multi[i].advanceExact(doc)) {
                            for (int k = multi[i].docValueCount(); k > 0; k--) {
                                counts[i][(int) multi[i].nextOrd()]++;
                            }
                        }
                    } else if (single[i].advanceExact(doc)) {
                        counts[i][single[i].ordValue()]++;
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                resolve();
            }

            private void resolve() throws IOException {
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == null) {
                        continue;
                    }
                    for (int ord = 0; ord < counts[i].length; ord++) {
                        if (counts[i][ord] > 0) {
                            BytesRef v = multi[i] != null ? multi[i].lookupOrd(ord) : single[i].lookupOrd(ord);
                            totals.get(i).merge(v.utf8ToString(), (long) counts[i][ord], Long::sum);
                        }
                    }
                    counts[i] = null;
                    single[i] = null;
                    multi[i] = null;
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }));
        Map<String, List<Map.Entry<String, Long>>> result = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            result.put(fields.get(i), best(totals.get(i), top));
        }
        return result;
    }

    private static List<Map.Entry<String, Long>> best(Map<String, Long> counts, int top) {
        java.util.Comparator<Map.Entry<String, Long>> order = Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey());
        PriorityQueue<Map.Entry<String, Long>> queue = new PriorityQueue<>(order.reversed());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            queue.add(e);
            if (queue.size() > top) {
                queue.poll();
            }
        }
        List<Map.Entry<String, Long>> best = new ArrayList<>(queue);
        best.sort(order);
        return best;
    }

    /** An author's posts among the matches and their summed engagement. */
    record Author(String handle, long posts, long engagement) {
    }

    /** The {@code top} authors by the engagement of their matching posts; then by posts, then by handle. */
    List<Author> topAuthors(Query q, int top) throws IOException {
        Map<String, long[]> totals = new HashMap<>();
        searcher.search(q, one(new SimpleCollector() {
            SortedDocValues authors;
            NumericDocValues engagement;
            int[] posts;
            long[] sums;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                resolve();
                authors = DocValues.getSorted(context.reader(), "author");
                engagement = DocValues.getNumeric(context.reader(), "engagement");
                posts = new int[authors.getValueCount()];
                sums = new long[authors.getValueCount()];
            }

            @Override
            public void collect(int doc) throws IOException {
                if (authors.advanceExact(doc)) {
                    int ord = authors.ordValue();
                    posts[ord]++;
                    if (engagement.advanceExact(doc)) {
                        sums[ord] += engagement.longValue();
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                resolve();
            }

            private void resolve() throws IOException {
                if (posts == null) {
                    return;
                }
                for (int ord = 0; ord < posts.length; ord++) {
                    if (posts[ord] > 0) {
                        long[] t = totals.computeIfAbsent(authors.lookupOrd(ord).utf8ToString(), k -> new long[2]);
                        t[0] += posts[ord];
                        t[1] += sums[ord];
                    }
                }
                posts = null;
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }));
        java.util.Comparator<Author> order = java.util.Comparator.comparingLong(Author::engagement).reversed()
                .thenComparing(java.util.Comparator.comparingLong(Author::posts).reversed())
                .thenComparing(Author::handle);
        PriorityQueue<Author> queue = new PriorityQueue<>(order.reversed());
        totals.forEach((handle, t) -> {
            queue.add(new Author(handle, t[0], t[1]));
            if (queue.size() > top) {
                queue.poll();
            }
        });
        List<Author> best = new ArrayList<>(queue);
        best.sort(order);
        return best;
    }

    /** How many posts match and how many distinct authors wrote them. */
    long[] reach(Query q) throws IOException {
        Set<BytesRef> authors = new HashSet<>();
        long[] posts = new long[1];
        searcher.search(q, one(new SimpleCollector() {
            SortedDocValues values;
            FixedBitSet seen;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                resolve();
                values = DocValues.getSorted(context.reader(), "author");
                seen = new FixedBitSet(Math.max(1, values.getValueCount()));
            }

            @Override
            public void collect(int doc) throws IOException {
                posts[0]++;
                if (values.advanceExact(doc)) {
                    seen.set(values.ordValue());
                }
            }

            @Override
            public void finish() throws IOException {
                resolve();
            }

            private void resolve() throws IOException {
                if (seen == null) {
                    return;
                }
                for (int ord = seen.nextSetBit(0); ord != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                        ord = ord + 1 < seen.length() ? seen.nextSetBit(ord + 1)
                                : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                    authors.add(BytesRef.deepCopyOf(values.lookupOrd(ord)));
                }
                seen = null;
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }));
        return new long[] {posts[0], authors.size()};
    }

    /** One collector for the whole (single-threaded) search. */
    private static <C extends SimpleCollector> CollectorManager<C, C> one(C collector) {
        return new CollectorManager<>() {
            private boolean given;

            @Override
            public C newCollector() {
                if (given) {
                    throw new IllegalStateException("one collector only: search without an executor");
                }
                given = true;
                return collector;
            }

            @Override
            public C reduce(Collection<C> collectors) {
                return collector;
            }
        };
    }
}
