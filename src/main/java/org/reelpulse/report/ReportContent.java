package org.reelpulse.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one weekly report shows: the settings of its subscription and one dashboard per event.
 *
 * @param title        the subscription's name
 * @param locale       {@link Locale#ENGLISH} or {@link Locale#FRENCH}; any other language falls back to English
 * @param week         the ISO week id, e.g. {@code 2024-W39}
 * @param zone         the subscription's time zone: times and days are shown in it
 * @param from         start of the seven days reported (inclusive)
 * @param to           end of the seven days reported (exclusive)
 * @param generatedAt  when the report was built
 * @param pseudonymise true: authors outside the public account groups are shown under pseudonyms
 *                     and their posts link to ReelPulse's post view instead of the original
 * @param events       one dashboard per event, in the order shown
 */
public record ReportContent(String title, Locale locale, String week, ZoneId zone, Instant from, Instant to,
        Instant generatedAt, boolean pseudonymise, List<EventReport> events) {

    public ReportContent {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(generatedAt, "generatedAt");
        title = title == null ? "" : title;
        events = events == null ? List.of() : List.copyOf(events);
    }
}
