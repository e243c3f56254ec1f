package org.reelpulse.analyze;

import java.util.Locale;

/** The label of a post or a sentence; {@code UNSCORED} when no model applies (the reason says why). */
public enum SentimentLabel {
    NEGATIVE, NEUTRAL, POSITIVE, UNSCORED;

    /** The name used in the API, the index and the database. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SentimentLabel ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
