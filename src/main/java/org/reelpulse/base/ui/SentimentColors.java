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

    private SentimentColors() {
    }
}
