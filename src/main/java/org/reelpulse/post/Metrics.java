package org.reelpulse.post;

/** Engagement as the platform reported it when the post was collected; null when unknown. */
public record Metrics(Integer likes, Integer reposts, Integer replies, Integer quotes) {

    public static final Metrics UNKNOWN = new Metrics(null, null, null, null);

    /** The sum of all known counts, used to rank by engagement. */
    public long total() {
        return n(likes) + n(reposts) + n(replies) + n(quotes);
    }

    private static long n(Integer v) {
        return v == null ? 0 : v;
    }
}
