package org.reelpulse.post;

import java.time.Instant;
import java.util.Locale;

/**
 * A stored post: the source of truth for every later stage. {@code seq} rises whenever the post
 * changes in a way later stages must see. {@code sourceName} names the configured source a collector
 * read it from; null for imported posts. {@code deletedAt} is set on a tombstone: a post its platform
 * reported deleted, whose text was removed.
 */
public record Post(long id, long seq, String source, String externalId, String url, Author author, String text,
        String lang, Instant publishedAt, Metrics metrics, String replyTo, String repostOf, Instant collectedAt,
        String sourceName, Instant deletedAt) {

    /** A post that is not a tombstone. */
    public Post(long id, long seq, String source, String externalId, String url, Author author, String text,
            String lang, Instant publishedAt, Metrics metrics, String replyTo, String repostOf, Instant collectedAt,
            String sourceName) {
        this(id, seq, source, externalId, url, author, text, lang, publishedAt, metrics, replyTo, repostOf,
                collectedAt, sourceName, null);
    }

    /** Deleted on its platform: its text is gone and it counts nowhere; kept so it is never stored again. */
    public boolean isTombstone() {
        return deletedAt != null;
    }

    /** A post without a configured source (imported, or built by a test). */
    public Post(long id, long seq, String source, String externalId, String url, Author author, String text,
            String lang, Instant publishedAt, Metrics metrics, String replyTo, String repostOf, Instant collectedAt) {
        this(id, seq, source, externalId, url, author, text, lang, publishedAt, metrics, replyTo, repostOf,
                collectedAt, null);
    }

    /** The post's own language tag as a primary code ("fr-CA" → "fr"), or null without one. */
    public String language() {
        return primaryLanguage(lang);
    }

    /** "en-GB" and "EN" both mean English: the lower-case primary code of a tag, or null for none. */
    public static String primaryLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String l = tag.trim().toLowerCase(Locale.ROOT);
        int dash = l.indexOf('-');
        return dash > 0 ? l.substring(0, dash) : l;
    }
}
