package org.reelpulse.analyze.labour;

import java.util.Locale;

/** The kinds of label the labour lens puts on a post. */
public enum LabelKind {
    /** Labour concerns and arguments; several per post. */
    THEME,
    /** Crafts mentioned or affected; several per post. */
    CRAFT,
    /** The stakeholder group of the author; one per post. */
    GROUP,
    /** Organisations and people named, normalised; several per post. */
    ENTITY,
    /** The stance toward the tracked deal; one per post. */
    STANCE;

    /** The name used in the API, the database and the query language ({@code theme}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LabelKind ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Whether a post carries at most one label of this kind. */
    public boolean single() {
        return this == GROUP || this == STANCE;
    }
}
