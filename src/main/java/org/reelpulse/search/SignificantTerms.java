package org.reelpulse.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * The words and two-word phrases most over-represented in a result set against the whole corpus:
 * what a search is really about. A term's score is (share in the results − share in the corpus) ×
 * (share in the results / share in the corpus), as document frequencies; common words score low
 * because they are common everywhere, stop words are left out, and a term must occur in at least
 * {@link #MIN_DOCS} of the results.
 */
final class SignificantTerms {

    /** How many results are read: beyond that a sample of the best-ranked is a faithful picture. */
    static final int SAMPLE = 5_000;
    static final int MIN_DOCS = 2;
    private static final int PHRASE_CANDIDATES = 60;
    private static final CharArraySet STOP = stopWords();

    /** A term, how many results and how many posts in all contain it, and its score. */
    record Significant(String term, long inResults, long inCorpus, double score) {
    }

    private SignificantTerms() {
    }

    static List<Significant> find(IndexSearcher searcher, Analyzer analyzer, ScoreDoc[] results, int size)
            throws IOException {
        long corpus = searcher.getIndexReader().numDocs();
        int fg = results.length;
        if (fg == 0 || corpus == 0) {
            return List.of();
        }
        DocFrequencies counted = count(searcher, analyzer, results);
        Map<String, Integer> words = counted.words();
        Map<String, Integer> phrases = counted.phrases();
        List<Significant> scored = new ArrayList<>();
        for (var e : words.entrySet()) {
            if (e.getValue() >= MIN_DOCS) {
                long bg = Math.max(e.getValue(), searcher.getIndexReader().docFreq(new Term(IndexFields.TEXT, e.getKey())));
                scored.add(score(e.getKey(), e.getValue(), fg, bg, corpus));
            }
        }
        // phrases: the most frequent candidates only, as each needs a count over the whole corpus
        List<Map.Entry<String, Integer>> candidates = phrases.entrySet().stream().filter(e -> e.getValue() >= MIN_DOCS)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(PHRASE_CANDIDATES).toList();
        for (var e : candidates) {
            String[] two = e.getKey().split(" ");
            long bg = Math.max(e.getValue(), searcher.count(new PhraseQuery(IndexFields.TEXT, two[0], two[1])));
            scored.add(score(e.getKey(), e.getValue(), fg, bg, corpus));
        }
        scored.sort(Comparator.comparingDouble(Significant::score).reversed().thenComparing(Significant::term));
        return scored.stream().filter(s -> s.score() > 0).limit(size).toList();
    }

    /** In how many of some posts each useful word and two-word phrase occurs. */
    record DocFrequencies(Map<String, Integer> words, Map<String, Integer> phrases) {
    }

    /** Counts, for each useful word and each pair of useful words in a row, the posts that contain it. */
    static DocFrequencies count(IndexSearcher searcher, Analyzer analyzer, ScoreDoc[] docs) throws IOException {
        Map<String, Integer> words = new HashMap<>();
        Map<String, Integer> phrases = new HashMap<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc d : docs) {
            String text = stored.document(d.doc, Set.of(IndexFields.TEXT)).get(IndexFields.TEXT);
            Set<String> seenWords = new HashSet<>();
            Set<String> seenPhrases = new HashSet<>();
            String previous = null;
            try (TokenStream ts = analyzer.tokenStream(IndexFields.TEXT, text == null ? "" : text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    String w = term.toString();
                    boolean useful = useful(w);
                    if (useful) {
                        seenWords.add(w);
                    }
                    if (useful && previous != null) {
                        seenPhrases.add(previous + " " + w);
                    }
                    previous = useful ? w : null;
                }
                ts.end();
            }
            seenWords.forEach(w -> words.merge(w, 1, Integer::sum));
            seenPhrases.forEach(p -> phrases.merge(p, 1, Integer::sum));
        }
        return new DocFrequencies(words, phrases);
    }

    /** A term over-represented in some posts against a baseline: in how many of each it occurs, and its score. */
    record Contrasted(String term, long inResults, long inBaseline, double score) {
    }

    /**
     * The words and two-word phrases most over-represented in {@code results} against {@code baseline}
     * (both read in full: pass samples of a size you can afford), scored like {@link #find} with the
     * baseline in place of the corpus. A term missing from the baseline counts as half a post there,
     * so that rare novelties do not score without limit; a term must occur in {@link #MIN_DOCS} results.
     */
    static List<Contrasted> contrast(IndexSearcher searcher, Analyzer analyzer, ScoreDoc[] results,
            ScoreDoc[] baseline, int size) throws IOException {
        if (results.length == 0 || baseline.length == 0) {
            return List.of();
        }
        // reading and analysing the texts is most of the cost: both sides side by side when the searcher
        // has threads (each task reads through stored fields of its own)
        List<DocFrequencies> counted = searcher.getTaskExecutor().invokeAll(List.<java.util.concurrent.Callable<DocFrequencies>>of(
                () -> count(searcher, analyzer, results), () -> count(searcher, analyzer, baseline)));
        DocFrequencies fg = counted.get(0);
        DocFrequencies bg = counted.get(1);
        List<Contrasted> scored = new ArrayList<>();
        for (boolean phrases : new boolean[] {false, true}) {
            Map<String, Integer> in = phrases ? fg.phrases() : fg.words();
            Map<String, Integer> out = phrases ? bg.phrases() : bg.words();
            for (var e : in.entrySet()) {
                if (e.getValue() >= MIN_DOCS) {
                    int inBaseline = out.getOrDefault(e.getKey(), 0);
                    double fgShare = (double) e.getValue() / results.length;
                    double bgShare = Math.max(inBaseline, 0.5) / baseline.length;
                    scored.add(new Contrasted(e.getKey(), e.getValue(), inBaseline,
                            (fgShare - bgShare) * (fgShare / bgShare)));
                }
            }
        }
        scored.sort(Comparator.comparingDouble(Contrasted::score).reversed().thenComparing(Contrasted::term));
        return scored.stream().filter(c -> c.score() > 0).limit(size).toList();
    }

    private static Significant score(String term, long fgDocs, long fg, long bgDocs, long corpus) {
        double fgShare = (double) fgDocs / fg;
        double bgShare = (double) bgDocs / corpus;
        return new Significant(term, fgDocs, bgDocs, (fgShare - bgShare) * (fgShare / bgShare));
    }

    private static boolean useful(String w) {
        return w.length() >= 3 && !STOP.contains(w) && w.codePoints().anyMatch(Character::isLetter)
                && !w.startsWith("http");
    }

    private static CharArraySet stopWords() {
        CharArraySet all = new CharArraySet(1000, true);
        all.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        all.addAll(FrenchAnalyzer.getDefaultStopSet());
        all.addAll(GermanAnalyzer.getDefaultStopSet());
        all.addAll(SpanishAnalyzer.getDefaultStopSet());
        // common English words the short default list leaves in
        all.addAll(List.of("you", "your", "our", "are", "was", "have", "has", "had", "its", "it's", "just", "about",
                "what", "who", "how", "can", "all", "from", "one", "more", "now", "out", "they", "them", "their",
                "we", "his", "her", "she", "him", "been", "would", "could", "should", "when", "than", "also", "very",
                "don't", "i'm", "that's", "there's", "like", "get", "got", "some", "any", "only", "even", "much"));
        return all;
    }

    static void checkSize(int size) {
        if (size < 1 || size > 200) {
            throw new org.reelpulse.base.UserInputException("'size' must be between 1 and 200.");
        }
    }
}
