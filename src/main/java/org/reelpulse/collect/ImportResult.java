package org.reelpulse.collect;

import java.util.List;

/**
 * What an import did: non-blank lines received, posts inserted, duplicates skipped, and the rejected
 * lines with their reasons (the first {@link NdjsonImporter#MAX_REPORTED_REJECTIONS}; {@code
 * rejectedCount} counts all).
 */
public record ImportResult(int received, int inserted, int duplicates, List<Rejection> rejected, int rejectedCount) {

    /** A line that was not imported: its 1-based number and why. */
    public record Rejection(int line, String error) {
    }
}
