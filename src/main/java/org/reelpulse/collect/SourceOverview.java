package org.reelpulse.collect;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A source with what it has done: the items its runs stored as new since midnight UTC and in all, and
 * its lag, the median of (collected - published) over the posts it stored in the last 24 hours (null
 * when it stored none: nothing to measure).
 */
public record SourceOverview(@JsonUnwrapped CollectSource source, long itemsToday, long itemsTotal, Duration lag) {
}
