package org.reelpulse.base;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open time range [from, to); either end may be open (null).
 */
public record TimeWindow(Instant from, Instant to) {

    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UserInputException("The time window is empty: 'from' (" + from
                    + ") must be before 'to' (" + to + ").");
        }
    }

    /**
     * Parses request parameters. A date ({@code 2024-09-18}) means the start of that day in UTC for
     * {@code from} and the end of that day for {@code to}; an instant ({@code 2024-09-18T14:00:00Z})
     * is taken as is.
     */
    public static TimeWindow parse(String from, String to) {
        return new TimeWindow(parseBound("from", from, false), parseBound("to", to, true));
    }

    private static Instant parseBound(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserInputException("The parameter '" + name + "' is not a date: '" + value
                    + "'. Use a day like 2024-09-18 or an instant like 2024-09-18T14:00:00Z.");
        }
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
