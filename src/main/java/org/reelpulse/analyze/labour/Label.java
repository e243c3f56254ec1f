package org.reelpulse.analyze.labour;

/**
 * One label on a post: its kind, its name ({@code job-displacement}, {@code union-guild},
 * {@code Lionsgate}), a label for people, why the post carries it, and the rule that set it.
 */
public record Label(LabelKind kind, String name, String title, String reason, String rule) {

    /** The rule name of a label set by an ADMIN's correction. */
    public static final String CORRECTION = "correction";

    public boolean corrected() {
        return rule.startsWith(CORRECTION);
    }
}
