package org.reelpulse.post;

import java.time.Instant;

/**
 * A post as a collector or an import hands it over, before it is stored. {@code sourceName} is the
 * configured source a collector read it from (e.g. "Variety"); null for imports.
 */
public record NewPost(String source, String externalId, String url, Author author, String text, String lang,
        Instant publishedAt, Metrics metrics, String replyTo, String repostOf, String sourceName) {

    /** A post without a configured source, as imports hand them over. */
    public NewPost(String source, String externalId, String url, Author author, String text, String lang,
            Instant publishedAt, Metrics metrics, String replyTo, String repostOf) {
        this(source, externalId, url, author, text, lang, publishedAt, metrics, replyTo, repostOf, null);
    }
}
