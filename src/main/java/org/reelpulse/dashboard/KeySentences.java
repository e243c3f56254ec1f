package org.reelpulse.dashboard;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.reelpulse.analyze.SentenceSentiment;

/**
 * Picks the sentence that sums a statement up: of the sentences with at least {@link #MIN_WORDS}
 * words (all of them if none has that many), those that name a party to the deal, and of those the
 * one the sentiment model read most strongly (largest |score|; the earlier one on a tie). When no
 * sentence names a party, the strongest sentence. A post without stored sentences (a language that
 * is not scored) is split into sentences here and the first that names a party, else the first, is
 * taken.
 */
final class KeySentences {

    /** Shorter sentences are headings and sign-offs more often than statements. */
    static final int MIN_WORDS = 5;
    /** The longest key sentence returned; longer ones are cut at a word. */
    static final int MAX_CHARS = 400;

    private record Candidate(String text, Double score) {
    }

    private KeySentences() {
    }

    static Dashboard.KeySentence pick(String text, List<SentenceSentiment> stored, List<String> parties) {
        boolean scored = stored != null && !stored.isEmpty();
        List<Candidate> all = new ArrayList<>();
        if (scored) {
            stored.forEach(s -> all.add(new Candidate(s.text().strip(), s.score())));
        } else {
            split(text).forEach(s -> all.add(new Candidate(s, null)));
        }
        if (all.isEmpty()) {
            return new Dashboard.KeySentence(cut(text == null ? "" : text.strip()), null, "the whole text");
        }
        List<Candidate> long_ = all.stream().filter(c -> words(c.text()) >= MIN_WORDS).toList();
        List<Candidate> pool = long_.isEmpty() ? all : long_;
        List<Candidate> naming = new ArrayList<>();
        String named = null;
        for (Candidate c : pool) {
            String party = party(c.text(), parties);
            if (party != null) {
                naming.add(c);
                named = named == null ? party : named;
            }
        }
        List<Candidate> from = naming.isEmpty() ? pool : naming;
        Candidate best = from.get(0);
        if (scored) {
            for (Candidate c : from) {
                if (Math.abs(c.score()) > Math.abs(best.score())) {
                    best = c;
                }
            }
        }
        String why;
        if (scored) {
            why = (naming.isEmpty() ? "no sentence names a party; the one" : "names " + party(best.text(), parties)
                    + "; of the sentences that name a party, the one") + " read most strongly by the sentiment model";
        } else {
            why = naming.isEmpty() ? "not scored; the first sentence" : "not scored; the first sentence naming "
                    + named;
        }
        return new Dashboard.KeySentence(cut(best.text()), best.score() == null ? null : Figures.round(best.score()),
                why);
    }

    /** The first party the text names (without case), or null. */
    static String party(String text, List<String> parties) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String p : parties) {
            if (!p.isBlank() && t.contains(p.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    private static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (!s.isEmpty()) {
                sentences.add(s);
            }
        }
        return sentences;
    }

    /** At most {@code max} characters, cut at a word, with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int at = s.lastIndexOf(' ', max - 1);
        return s.substring(0, at > max / 2 ? at : max - 1).strip() + "…";
    }

    private static String cut(String s) {
        return cut(s, MAX_CHARS);
    }
}
