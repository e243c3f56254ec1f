package org.reelpulse.analyze.labour;

import java.time.Instant;
import java.util.List;

/**
 * An ADMIN's correction of one kind of label. A stakeholder group is corrected for the author
 * (every post of theirs, now and later); the other kinds for one post. {@code names} replaces what
 * the rules set (empty: none). Corrections are applied after the rules every time a post is
 * labelled, so they stick.
 */
public record Correction(long id, LabelKind kind, Long postId, String source, String authorHandle,
        List<String> names, String note, String correctedBy, Instant correctedAt) {

    public Correction {
        names = List.copyOf(names);
    }

    /** Why the label is what it is, for people. */
    String reason() {
        return "corrected by " + correctedBy + (note == null || note.isBlank() ? "" : ": " + note);
    }

    String rule() {
        return Label.CORRECTION + " #" + id + " (" + correctedAt + ")";
    }
}
