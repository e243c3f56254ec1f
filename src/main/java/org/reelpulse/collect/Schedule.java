package org.reelpulse.collect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.springframework.scheduling.support.CronExpression;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * When a source runs: every fixed interval (an ISO-8601 duration such as {@code PT15M}) or at the times
 * of a cron expression (Spring's six fields: second, minute, hour, day of month, month, day of week; read
 * in UTC). Shown and stored as its text.
 */
public final class Schedule {

    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(7);
    static final int MAX_LENGTH = 200;
    private static final String[] CRON_FIELDS = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};

    private final String text;
    private final Duration every;
    private final CronExpression cron;

    private Schedule(String text, Duration every, CronExpression cron) {
        this.text = text;
        this.every = every;
        this.cron = cron;
    }

    /** Every {@code every}, without the checks of {@link #parse} (for sources built in code). */
    public static Schedule every(Duration every) {
        return new Schedule(every.toString(), every, null);
    }

    /** A stored schedule, as {@link #text()} wrote it. */
    static Schedule stored(String text) {
        // checked when it was saved; a stored one is read as it is
        if (text.startsWith("P")) {
            Duration d = Duration.parse(text);
            return new Schedule(text, d, null);
        }
        return new Schedule(text, null, CronExpression.parse(text));
    }

    /**
     * Reads a schedule a user wrote; an {@link IllegalArgumentException} says what is wrong and what to
     * write instead. An interval is between PT1M and P7D; a cron expression fires at most once a minute.
     */
    public static Schedule parse(String value) {
        String v = value == null ? "" : value.strip().replaceAll("\\s+", " ");
        if (v.isEmpty()) {
            throw new IllegalArgumentException("The schedule is missing; write an interval like PT15M or a cron "
                    + "expression like '0 */20 * * * *'.");
        }
        if (v.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The schedule is longer than " + MAX_LENGTH + " characters.");
        }
        if (v.startsWith("P") || v.startsWith("p")) {
            return interval(v, value);
        }
        return cron(v, value);
    }

    private static Schedule interval(String v, String value) {
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The schedule is an ISO-8601 duration like PT15M (every 15 minutes) or "
                    + "PT2H, or a cron expression like '0 */20 * * * *'; '" + value + "' is neither.");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("The schedule must be between PT1M and P7D, so a source is neither "
                    + "hammered nor forgotten; '" + value + "' is not.");
        }
        return new Schedule(d.toString(), d, null);
    }

    private static Schedule cron(String v, String value) {
        String[] parts = v.split(" ");
        if (parts.length == 5) {
            throw new IllegalArgumentException("A cron schedule has six fields (second minute hour day-of-month month "
                    + "day-of-week); '" + value + "' has five: put the second first, e.g. '0 " + v + "'.");
        }
        if (parts.length != 6) {
            throw new IllegalArgumentException("The schedule is an interval like PT15M or a cron expression of six "
                    + "fields (second minute hour day-of-month month day-of-week) like '0 */20 * * * *'; '" + value
                    + "' is neither.");
        }
        // each field alone, the others '*', so the message can name the one that is wrong
        for (int i = 0; i < parts.length; i++) {
            String[] alone = {"*", "*", "*", "*", "*", "*"};
            alone[i] = parts[i];
            try {
                CronExpression.parse(String.join(" ", alone));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("In the cron schedule '" + value + "', the " + CRON_FIELDS[i]
                        + " field '" + parts[i] + "' is not valid (" + reason(e) + "); e.g. '0 */20 * * * *' runs "
                        + "every 20 minutes.");
            }
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The cron schedule '" + value + "' is not valid (" + reason(e) + ").");
        }
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime first = cron.next(t);
        if (first == null) {
            throw new IllegalArgumentException("The cron schedule '" + value + "' never fires.");
        }
        // a few firings over a leap year are enough to catch a second-by-second or never-firing schedule
        ZonedDateTime previous = first;
        for (int i = 0; i < 120; i++) {
            ZonedDateTime next = cron.next(previous);
            if (next == null) {
                break;
            }
            if (Duration.between(previous, next).compareTo(MIN) < 0) {
                throw new IllegalArgumentException("The cron schedule '" + value + "' fires more often than once a "
                        + "minute; set the second field to one value, e.g. '0 */20 * * * *'.");
            }
            previous = next;
        }
        return new Schedule(v, null, cron);
    }

    private static String reason(IllegalArgumentException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }

    /** The next run after {@code after}: one interval later, or the next cron time (UTC) after it. */
    public Instant next(Instant after) {
        if (every != null) {
            return after.plus(every);
        }
        ZonedDateTime n = cron.next(after.atZone(ZoneOffset.UTC));
        return n == null ? after.plus(MAX) : n.toInstant();
    }

    /**
     * When a new, changed or resumed source is first due: at once for an interval (so a fixed URL or
     * token is tried without waiting), at the next cron time for a cron schedule (it says when to ask).
     */
    public Instant first(Instant now) {
        return every != null ? now : next(now);
    }

    /** Whether this is a cron schedule. */
    public boolean isCron() {
        return cron != null;
    }

    /** The interval, or null for a cron schedule. */
    public Duration interval() {
        return every;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
