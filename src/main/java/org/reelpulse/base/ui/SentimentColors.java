package org.reelpulse.base.ui;

/**
 * The sentiment colours, from the Okabe–Ito palette (distinguishable with the common forms of
 * colour blindness). The theme's CSS variables {@code --rp-negative} etc. hold the same values.
 */
public final class SentimentColors {

    public static final String NEGATIVE = "#d55e00";
    public static final String NEUTRAL = "#8c8c8c";
    public static final String POSITIVE = "#0072b2";
    public static final String UNSCORED = "#cc79a7";
    public static final String PENDING = "#d9d9d9";

    /** Colours for series that are not sentiment (compared queries), also Okabe–Ito, in order. */
    public static final java.util.List<String> SERIES = java.util.List.of("#e69f00", "#56b4e9", "#009e73",
            "#f0e442", "#000000");

    private SentimentColors() {
    }
}
