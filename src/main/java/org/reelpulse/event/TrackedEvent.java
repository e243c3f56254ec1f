package org.reelpulse.event;

import java.time.Instant;

/**
 * A tracked deal or event: a saved query in the search language, the announcement time and the
 * window in which reactions are followed.
 */
public record TrackedEvent(Long id, String slug, String name, String query, String description, Instant announcedAt,
        Instant from, Instant to) {
}
