package org.reelpulse.dashboard;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import org.reelpulse.base.UserInputException;
import com.fasterxml.jackson.annotation.JsonValue;
import org.reelpulse.search.PostStatistics;

/**
 * The width of a dashboard's time buckets: UTC hours, UTC days or weeks from Monday 00:00 UTC. Each
 * also sets how many buckets before a bucket make its baseline for spike detection.
 */
public enum Interval {
    /** Periods up to {@link #HOURS_UP_TO}; a day's cycle is the baseline. */
    HOUR(Duration.ofHours(1), 24),
    /** Periods up to {@link #DAYS_UP_TO}; two weeks are the baseline. */
    DAY(Duration.ofDays(1), 14),
    /** Longer periods; two months are the baseline. */
    WEEK(Duration.ofDays(7), 8);

    /** The longest period drawn in hours when the interval is chosen automatically. */
    public static final Duration HOURS_UP_TO = Duration.ofDays(3);
    /** The longest period drawn in days when the interval is chosen automatically. */
    public static final Duration DAYS_UP_TO = Duration.ofDays(120);
    /** The most buckets a chart may have: beyond, choose a wider interval. */
    public static final int MAX_BUCKETS = 1_500;

    private final Duration length;
    private final int baselineBuckets;

    Interval(Duration length, int baselineBuckets) {
        this.length = length;
        this.baselineBuckets = baselineBuckets;
    }

    public Duration length() {
        return length;
    }

    /** How many buckets before a bucket are its baseline for spike detection. */
    public int baselineBuckets() {
        return baselineBuckets;
    }

    /** The name used in the API: hour, day, week. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Hours up to 3 days, days up to 120 days, weeks beyond. */
    public static Interval auto(Duration period) {
        if (period.compareTo(HOURS_UP_TO) <= 0) {
            return HOUR;
        }
        return period.compareTo(DAYS_UP_TO) <= 0 ? DAY : WEEK;
    }

    /** hour, day or week; blank or {@code auto} for null (chosen from the period). */
    public static Interval parse(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'interval' is hour, day, week or auto, not '" + value + "'.");
        }
    }

    /** The start of the bucket that holds {@code t}. */
    public Instant align(Instant t) {
        var utc = t.atZone(ZoneOffset.UTC);
        return switch (this) {
            case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> utc.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> utc.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toInstant();
        };
    }

    /** The buckets of this interval, aligned on UTC hours, days or Mondays. */
    public PostStatistics.Grid grid() {
        return new PostStatistics.Grid(align(Instant.EPOCH.plus(Duration.ofDays(4))), length);
    }
}
