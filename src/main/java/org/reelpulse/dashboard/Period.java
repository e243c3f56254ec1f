package org.reelpulse.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;

/**
 * The period a dashboard shows, [from, to), and the one it is compared with: the period of equal
 * length that ends where this one starts.
 */
public record Period(Instant from, Instant to) {

    public Period {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new UserInputException("The period is empty: 'from' (" + from + ") must be before 'to' (" + to
                    + ").");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** [from − length, from): as long as this period, right before it. */
    public Period previous() {
        return new Period(from.minus(length()), from);
    }

    public TimeWindow window() {
        return new TimeWindow(from, to);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
