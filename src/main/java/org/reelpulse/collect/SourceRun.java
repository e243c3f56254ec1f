package org.reelpulse.collect;

import java.time.Instant;

/**
 * One run of one source: when, how it ended (running | ok | degraded | failed), the items it saw and
 * stored as new, the requests it made, and why it did not end well.
 */
public record SourceRun(long id, long sourceId, Instant startedAt, Instant finishedAt, String status, int itemsSeen,
        int itemsNew, int requests, String error) {

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String FAILED = "failed";
}
