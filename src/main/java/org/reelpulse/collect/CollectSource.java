package org.reelpulse.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configured source as users see it. Credentials are write-only: only the names of the keys that are
 * set appear ({@code credentialsSet}), never a value.
 *
 * @param schedule      every interval ({@code PT15M}) or at cron times ({@code 0 0/20 * * * *}, six fields in UTC)
 * @param status        healthy | degraded | failing | needs-credentials | paused (disabled) | new (never run)
 * @param lastError     why the latest run that went wrong did so; cleared by the next good run
 */
public record CollectSource(long id, String kind, String name, String baseUrl, JsonNode settings,
        List<String> credentialsSet, Schedule schedule, boolean enabled, String status, Instant nextRunAt,
        Instant lastSuccessAt, String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt) {

    /** A source run every {@code schedule}. */
    public CollectSource(long id, String kind, String name, String baseUrl, JsonNode settings,
            List<String> credentialsSet, Duration schedule, boolean enabled, String status, Instant nextRunAt,
            Instant lastSuccessAt, String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt) {
        this(id, kind, name, baseUrl, settings, credentialsSet, Schedule.every(schedule), enabled, status, nextRunAt,
                lastSuccessAt, lastError, lastErrorAt, createdAt, updatedAt);
    }

    public static final String NEW = "new";
    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String FAILING = "failing";
    public static final String NEEDS_CREDENTIALS = "needs-credentials";
    public static final String PAUSED = "paused";
}
