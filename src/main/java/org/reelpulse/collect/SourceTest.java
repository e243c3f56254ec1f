package org.reelpulse.collect;

import java.time.Instant;
import java.util.List;

/**
 * What a test of a source saw, having stored nothing and moved no cursor: how it went (ok | degraded |
 * needs-credentials | failing) and why, the items on the first page that had any, how many of those are
 * not stored yet, up to three of them, and the requests made. It never carries a credential.
 */
public record SourceTest(String status, String message, int itemsSeen, int itemsNew, List<Sample> samples,
        int requests) {

    public static final String OK = "ok";

    /** One item as it would be stored: its text (shortened) and link. */
    public record Sample(String text, String url, Instant publishedAt) {
    }
}
