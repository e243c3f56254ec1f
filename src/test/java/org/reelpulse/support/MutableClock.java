package org.reelpulse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets and moves: the real time until it is set, then the set instant, moved on by the
 * real time that passes (so that leases and timeouts still run out).
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** From now on, the clock reads {@code t} plus the real time that passes. */
    public void set(Instant t) {
        offset.set(Duration.between(Instant.now(), t));
    }

    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    /** Back to the real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ReelPulse reads UTC instants");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
