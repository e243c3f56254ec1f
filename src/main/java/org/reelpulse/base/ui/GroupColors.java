package org.reelpulse.base.ui;

import java.util.Map;

/**
 * One colour per stakeholder group, the same on every chart, from the Okabe–Ito palette
 * (distinguishable with the common forms of colour blindness); grey for anything else.
 */
public final class GroupColors {

    private static final Map<String, String> BY_GROUP = Map.of(
            "union-guild", "#e69f00",
            "working-creative", "#009e73",
            "studio-company", "#0072b2",
            "ai-company", "#cc79a7",
            "press", "#56b4e9",
            "public-body", "#8a7a00",
            "public", "#999999");

    private GroupColors() {
    }

    public static String of(String group) {
        return BY_GROUP.getOrDefault(group, "#666666");
    }
}
