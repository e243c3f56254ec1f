package org.reelpulse.report;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A subscription as a client sends it; checked by {@link SubscriptionService}, which names the field
 * of the first problem. Missing optional fields take defaults: Monday 08:00 UTC, English, authors
 * pseudonymised, enabled.
 */
@Schema(name = "SubscriptionRequest", description = "A weekly report subscription to create or replace")
public record SubscriptionInput(@Schema(example = "Morning brief") String name,
        @Schema(example = "[\"comms@studio.example\"]") List<String> recipients,
        @Schema(example = "[\"lionsgate-runway\"]") List<String> events,
        @Schema(example = "[]") List<String> sources,
        @Schema(example = "[]") List<String> langs,
        @Schema(example = "[]") List<String> groups,
        @Schema(example = "MONDAY") String weekday,
        @Schema(example = "08:00") String time,
        @Schema(example = "Europe/Paris") String zone,
        @Schema(example = "en") String language,
        @Schema(example = "true") Boolean pseudonymise,
        @Schema(example = "true") Boolean enabled) {
}
