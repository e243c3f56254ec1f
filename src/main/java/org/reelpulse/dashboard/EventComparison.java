package org.reelpulse.dashboard;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Tracked events side by side, aligned on their announcement: day 0 is the UTC day of each event's
 * announcement, day {@code d} the UTC day {@code d} days later (negative: before).
 *
 * @param fromDay the first day shown (0 or negative)
 * @param toDay   the last day shown
 */
@Schema(description = "Tracked events side by side, aligned on the UTC day of their announcement (day 0)")
public record EventComparison(int fromDay, int toDay, int fewPosts, List<Series> events) {

    /**
     * One event's days and totals.
     *
     * @param day0 the start of its day 0: the UTC day of the announcement
     */
    public record Series(String slug, String name, String colour, Instant announcedAt, Instant day0,
            List<Day> days, Totals totals) {
    }

    /**
     * One day of one event.
     *
     * @param day             days since the announcement day
     * @param net             (positive − negative) / (positive + negative); null when no post took a side
     * @param labourShare     the share of the day's posts that raise a labour concern (carry a theme)
     * @param unionStatements posts by the union and guild stakeholder group
     * @param few             fewer than fewPosts posts took a side: read the net sentiment with care
     */
    public record Day(int day, Instant start, Instant end, long posts, long negative, long positive, Double net,
            Double labourShare, long unionStatements, boolean few, DrillDown drillDown) {
    }

    /** The event's figures over all the days shown, with drill-downs to its posts and its statements. */
    public record Totals(long posts, long negative, long positive, Double net, Double labourShare,
            long unionStatements, boolean few, DrillDown drillDown, DrillDown statementsDrillDown) {
    }
}
