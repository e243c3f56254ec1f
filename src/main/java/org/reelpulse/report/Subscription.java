package org.reelpulse.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A weekly report subscription: the report on {@code events} (with the filters) for the seven days
 * before each {@code weekday} at {@code time} in {@code zone}, in {@code language}, to
 * {@code recipients}.
 *
 * @param pseudonymise true: authors who are private individuals appear under a pseudonym; unions,
 *                     studios, AI companies, press and public bodies keep their names
 * @param enabled      false: no scheduled report is sent (preview and "send now" still work)
 */
@Schema(description = "A weekly report subscription")
public record Subscription(long id, String name, List<String> recipients, List<String> events, List<String> sources,
        List<String> langs, List<String> groups,
        @Schema(type = "string", example = "MONDAY") DayOfWeek weekday,
        @Schema(type = "string", example = "08:00") @JsonFormat(pattern = "HH:mm") LocalTime time,
        @Schema(type = "string", example = "Europe/Paris") ZoneId zone,
        @Schema(example = "en", allowableValues = {"en", "fr"}) String language,
        boolean pseudonymise, boolean enabled, String createdBy, Instant createdAt, Instant updatedAt) {

    public Subscription {
        recipients = List.copyOf(recipients);
        events = List.copyOf(events);
        sources = sources == null ? List.of() : List.copyOf(sources);
        langs = langs == null ? List.of() : List.copyOf(langs);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The languages a report is written in. */
    public static final List<String> LANGUAGES = List.of("en", "fr");
}
