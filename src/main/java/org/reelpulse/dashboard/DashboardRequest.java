package org.reelpulse.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * What a dashboard shows: an event (null: the first one), a period (null ends: the event's window),
 * filters on sources, languages and stakeholder groups (empty: all), and the width of the time
 * buckets (null: chosen from the period's length, see {@link Interval#auto}).
 */
public record DashboardRequest(String event, Instant from, Instant to, List<String> sources, List<String> langs,
        List<String> groups, Interval interval) {

    public DashboardRequest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        langs = langs == null ? List.of() : List.copyOf(langs);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The event over its whole window, unfiltered. */
    public static DashboardRequest of(String event) {
        return new DashboardRequest(event, null, null, List.of(), List.of(), List.of(), null);
    }
}
