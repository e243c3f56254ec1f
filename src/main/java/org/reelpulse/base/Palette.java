package org.reelpulse.base;

import java.util.List;
import java.util.Map;

/**
 * The colours every chart uses, in the views and in the PNG charts of the weekly report alike, from
 * the Okabe–Ito palette (distinguishable with the common forms of colour blindness). Kept here,
 * outside any {@code ui} package, so that non-view code can draw with the same colours. The theme's
 * CSS variables {@code --rp-negative} etc. hold the same values.
 */
public final class Palette {

    public static final String NEGATIVE = "#d55e00";
    public static final String NEUTRAL = "#8c8c8c";
    public static final String POSITIVE = "#0072b2";
    public static final String UNSCORED = "#cc79a7";
    public static final String PENDING = "#d9d9d9";

    /** Colours for series that are not sentiment (compared queries), also Okabe–Ito, in order. */
    public static final List<String> SERIES = List.of("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#000000");

    /** The colour of a group no rule knows. */
    public static final String OTHER_GROUP = "#666666";

    private static final Map<String, String> BY_GROUP = Map.of(
            "union-guild", "#e69f00",
            "working-creative", "#009e73",
            "studio-company", "#0072b2",
            "ai-company", "#cc79a7",
            "press", "#56b4e9",
            "public-body", "#8a7a00",
            "public", "#999999");

    private Palette() {
    }

    /** One colour per stakeholder group, the same on every chart; grey for anything else. */
    public static String group(String group) {
        return group == null ? OTHER_GROUP : BY_GROUP.getOrDefault(group, OTHER_GROUP);
    }
}
