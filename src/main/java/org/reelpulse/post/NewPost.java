package org.reelpulse.post;

import java.time.Instant;

/** A post as a collector or an import hands it over, before it is stored. */
public record NewPost(String source, String externalId, String url, Author author, String text, String lang,
        Instant publishedAt, Metrics metrics, String replyTo, String repostOf) {
}
