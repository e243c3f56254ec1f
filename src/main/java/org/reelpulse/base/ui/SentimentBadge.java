package org.reelpulse.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.html.Span;

/** A sentiment label as a coloured badge with its word (colour is never the only signal). */
public class SentimentBadge extends Span {

    /** {@code label} is negative, neutral, positive, unscored, or null for a post not analysed yet. */
    public SentimentBadge(String label, Double score) {
        String key = label == null ? "pending" : label.toLowerCase(Locale.ROOT);
        addClassNames("rp-sentiment", key);
        String text = label == null ? "not scored yet" : key;
        if (score != null) {
            text += String.format(Locale.ROOT, " %+.2f", score);
        }
        setText(text);
    }
}
