package org.reelpulse.analyze;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence splitting for the languages CoreNLP's English pipeline does not read, by the JDK's rules per locale. */
final class Sentences {

    private Sentences() {
    }

    static List<CoreNlpSentiment.Span> split(String text, String lang) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.forLanguageTag(lang));
        it.setText(text);
        List<CoreNlpSentiment.Span> spans = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int b = start;
            int e = end;
            while (b < e && Character.isWhitespace(text.charAt(b))) {
                b++;
            }
            while (e > b && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (e > b) {
                spans.add(new CoreNlpSentiment.Span(b, e, text.substring(b, e).split("\\s+").length));
            }
        }
        return spans;
    }
}
