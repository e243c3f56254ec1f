package org.reelpulse.base.ui;

import org.reelpulse.base.Palette;

/**
 * The sentiment colours of the views: those of {@link Palette}, shared with the report's charts.
 */
public final class SentimentColors {

    public static final String NEGATIVE = Palette.NEGATIVE;
    public static final String NEUTRAL = Palette.NEUTRAL;
    public static final String POSITIVE = Palette.POSITIVE;
    public static final String UNSCORED = Palette.UNSCORED;
    public static final String PENDING = Palette.PENDING;

    /** Colours for series that are not sentiment (compared queries), in order. */
    public static final java.util.List<String> SERIES = Palette.SERIES;

    private SentimentColors() {
    }
}
