package org.reelpulse.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The marked text of hits. Terms of a language field are highlighted in the stored text,
 * re-analysed the way that field was, so "replacing" is marked for a query on "replace" in an
 * English post: each text field is highlighted in turn, and a hit shows the first field (in
 * {@link IndexFields#TEXT_FIELDS} order) with the most marks.
 * <p>
 * Highlighting a field is the costly part (the text is indexed in memory and the query matched
 * against it), so a field is only highlighted for a hit when it could beat the fields before it:
 * a field cannot have more marks than the text has words that the field's analyzer turns into one
 * of the query's terms for that field, and counting those is cheap. The result is the same as
 * highlighting every field.
 */
final class Highlights {

    private static final int PASSAGES = 2;

    private Highlights() {
    }

    /**
     * The marked text of each hit, in the hits' order. {@code query} is the query without its
     * window: the hits are in the window already, and with the window in it the highlighter would
     * read the window's points across the whole segment again for every hit and field.
     */
    static String[] of(IndexSearcher searcher, Analyzer analyzer, Query query, ScoreDoc[] page) throws IOException {
        int[] docs = Arrays.stream(page).mapToInt(d -> d.doc).toArray();
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        Map<Integer, String> texts = new HashMap<>();
        var stored = searcher.storedFields();
        for (int doc : sorted) {
            String text = stored.document(doc, Set.of(IndexFields.TEXT)).get(IndexFields.TEXT);
            texts.put(doc, text == null ? "" : text);
        }
        UnifiedHighlighter highlighter = new StoredTextHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(100_000), texts);
        QueryTerms terms = QueryTerms.of(query);

        // by position in sorted
        String[] best = highlight(highlighter, IndexFields.TEXT, query, sorted);
        int[] bestMarks = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            bestMarks[i] = best[i] == null ? -1 : marks(best[i]);
        }
        for (String field : IndexFields.TEXT_FIELDS) {
            if (field.equals(IndexFields.TEXT)) {
                continue;
            }
            List<Integer> worth = new ArrayList<>();
            for (int i = 0; i < sorted.length; i++) {
                if (best[i] == null || terms.mostMarks(field, analyzer, texts.get(sorted[i])) > bestMarks[i]) {
                    worth.add(i);
                }
            }
            if (worth.isEmpty()) {
                continue;
            }
            String[] h = highlight(highlighter, field, query, worth.stream().mapToInt(i -> sorted[i]).toArray());
            for (int k = 0; k < h.length; k++) {
                int i = worth.get(k);
                if (h[k] != null && (best[i] == null || marks(h[k]) > bestMarks[i])) {
                    best[i] = h[k];
                    bestMarks[i] = marks(h[k]);
                }
            }
        }
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            position.put(sorted[i], i);
        }
        String[] out = new String[docs.length];
        for (int i = 0; i < docs.length; i++) {
            out[i] = best[position.get(docs[i])];
        }
        return out;
    }

    /** One field's highlight of the given docs (ascending). */
    private static String[] highlight(UnifiedHighlighter highlighter, String field, Query query, int[] sortedDocs)
            throws IOException {
        TopDocs top = new TopDocs(new TotalHits(sortedDocs.length, TotalHits.Relation.EQUAL_TO),
                Arrays.stream(sortedDocs).mapToObj(d -> new ScoreDoc(d, 0)).toArray(ScoreDoc[]::new));
        return highlighter.highlightFields(new String[] {field}, query, top, new int[] {PASSAGES}).get(field);
    }

    static int marks(String s) {
        int n = 0;
        for (int i = s.indexOf("<mark>"); i >= 0; i = s.indexOf("<mark>", i + 1)) {
            n++;
        }
        return n;
    }

    /** The terms a query looks for in each text field, in every clause (to over-estimate is safe, not to under-estimate). */
    private static final class QueryTerms {
        private final Map<String, Set<BytesRef>> terms = new HashMap<>();
        /** The terms of each phrase: one mark per match, so at most as many as its least frequent term. */
        private final Map<String, List<BytesRef[]>> phrases = new HashMap<>();
        private final Map<String, List<ByteRunAutomaton>> automata = new HashMap<>();
        /** A clause on a text field whose terms cannot be read: every field has to be highlighted. */
        private boolean unknown;

        static QueryTerms of(Query query) {
            QueryTerms t = new QueryTerms();
            query.visit(new QueryVisitor() {
                @Override
                public boolean acceptField(String field) {
                    return IndexFields.TEXT_FIELDS.contains(field);
                }

                @Override
                public void consumeTerms(Query q, Term... found) {
                    if (q instanceof PhraseQuery && found.length > 1 && acceptField(found[0].field())) {
                        t.phrases.computeIfAbsent(found[0].field(), f -> new ArrayList<>())
                                .add(Arrays.stream(found).map(Term::bytes).toArray(BytesRef[]::new));
                        return;
                    }
                    for (Term term : found) {
                        if (acceptField(term.field())) {
                            t.terms.computeIfAbsent(term.field(), f -> new HashSet<>()).add(term.bytes());
                        }
                    }
                }

                @Override
                public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                    if (acceptField(field)) {
                        t.automata.computeIfAbsent(field, f -> new ArrayList<>()).add(automaton.get());
                    }
                }

                @Override
                public void visitLeaf(Query q) {
                    if (!(q instanceof MatchAllDocsQuery) && !(q instanceof MatchNoDocsQuery)) {
                        t.unknown = true;
                    }
                }

                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    return this;
                }
            });
            return t;
        }

        /** At most how many marks highlighting {@code field} can put in {@code text}. */
        int mostMarks(String field, Analyzer analyzer, String text) throws IOException {
            Set<BytesRef> exact = terms.getOrDefault(field, Set.of());
            List<ByteRunAutomaton> matching = automata.getOrDefault(field, List.of());
            List<BytesRef[]> inPhrases = phrases.getOrDefault(field, List.of());
            if (unknown) {
                return Integer.MAX_VALUE;
            }
            if (exact.isEmpty() && matching.isEmpty() && inPhrases.isEmpty()) {
                return 0;
            }
            Map<BytesRef, Integer> phraseTerms = new HashMap<>();
            inPhrases.forEach(p -> Arrays.stream(p).forEach(b -> phraseTerms.put(b, 0)));
            int n = 0;
            try (TokenStream tokens = analyzer.tokenStream(field, text)) {
                TermToBytesRefAttribute term = tokens.addAttribute(TermToBytesRefAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    BytesRef b = term.getBytesRef();
                    if (exact.contains(b) || matches(matching, b)) {
                        n++;
                    }
                    phraseTerms.computeIfPresent(b, (k, c) -> c + 1);
                }
                tokens.end();
            }
            for (BytesRef[] p : inPhrases) {
                n += Arrays.stream(p).mapToInt(phraseTerms::get).min().orElse(0);
            }
            return n;
        }

        private static boolean matches(List<ByteRunAutomaton> automata, BytesRef b) {
            for (ByteRunAutomaton a : automata) {
                if (a.run(b.bytes, b.offset, b.length)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Reads every text field's value from the stored text, loaded once per page. */
    private static final class StoredTextHighlighter extends UnifiedHighlighter {
        private final Map<Integer, String> texts;

        StoredTextHighlighter(UnifiedHighlighter.Builder builder, Map<Integer, String> texts) {
            super(builder);
            this.texts = texts;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
                int cacheCharsThreshold) throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                CharSequence[] row = new CharSequence[fields.length];
                Arrays.fill(row, texts.get(doc));
                values.add(row);
            }
            return values;
        }
    }
}
