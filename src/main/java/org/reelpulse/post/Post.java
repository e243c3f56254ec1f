package org.reelpulse.post;

import java.time.Instant;

/**
 * A stored post: the source of truth for every later stage. {@code seq} rises whenever the post
 * changes in a way later stages must see.
 */
public record Post(long id, long seq, String source, String externalId, String url, Author author, String text,
        String lang, Instant publishedAt, Metrics metrics, String replyTo, String repostOf, Instant collectedAt) {
}
