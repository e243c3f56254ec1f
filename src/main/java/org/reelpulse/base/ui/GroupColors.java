package org.reelpulse.base.ui;

import org.reelpulse.base.Palette;

/**
 * One colour per stakeholder group, the same on every chart: those of {@link Palette}, shared with
 * the report's charts; grey for anything else.
 */
public final class GroupColors {

    private GroupColors() {
    }

    public static String of(String group) {
        return Palette.group(group);
    }
}
