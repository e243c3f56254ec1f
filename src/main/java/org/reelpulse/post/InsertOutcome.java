package org.reelpulse.post;

/**
 * What became of the offered posts: new ones stored, ones already stored (unchanged, or only their
 * counts of likes and reposts refreshed), stored ones whose text changed (edits, analysed again), and
 * ones recognised as the same text already posted by the same author (cross-posts, not stored twice).
 */
public record InsertOutcome(int inserted, int duplicates, int edited, int crossPosts) {

    public InsertOutcome(int inserted, int duplicates) {
        this(inserted, duplicates, 0, 0);
    }
}
