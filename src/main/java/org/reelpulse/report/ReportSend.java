package org.reelpulse.report;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One report of a subscription for one week, and what became of it.
 *
 * @param kind          {@code scheduled} (sent once per subscription and week) or {@code manual} ("send now")
 * @param status        {@code pending}, {@code sending}, {@code retrying} (waiting for {@code nextAttemptAt}
 *                      after a failure), {@code sent}, {@code partial} (some recipients failed), {@code failed},
 *                      or {@code skipped} (a scheduled report missed for longer than the catch-up window)
 * @param dueAt         when it was scheduled (manual: when it was asked for)
 * @param from          the first instant of the seven days reported
 * @param to            the end of the seven days reported (exclusive): the scheduled time
 */
@Schema(description = "One report of a subscription for one week, and what became of it")
public record ReportSend(long id, long subscriptionId, @Schema(example = "2024-W39") String week,
        @Schema(allowableValues = {"scheduled", "manual"}) String kind,
        @Schema(allowableValues = {"pending", "sending", "retrying", "sent", "partial", "failed", "skipped"}) String status,
        int attempts, Instant dueAt, Instant from, Instant to, Instant nextAttemptAt, String requestedBy,
        Instant createdAt, Instant finishedAt, String error, List<Delivery> deliveries) {

    /** One recipient of a send: {@code pending}, {@code sending}, {@code sent} or {@code failed}. */
    public record Delivery(String recipient, String status, int attempts, String messageId, String error,
            Instant sentAt) {
    }
}
