package org.reelpulse.collect;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What every adapter does alike to the text and the date of an item before it becomes a post. */
final class PostParts {

    /** The longest text stored; a longer one is cut with an ellipsis. */
    static final int MAX_TEXT = 100_000;

    private PostParts() {
    }

    /** The text, cut to {@link #MAX_TEXT} characters with "…" when longer. */
    static String capped(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }

    /**
     * When the item was published: its own date, unless it has none or it lies more than a day ahead (a
     * wrong clock, a scheduled post), in which case when it was collected is the best known.
     */
    static Instant published(Instant at, Instant now) {
        return at == null || at.isAfter(now.plus(Duration.ofDays(1))) ? now : at;
    }

    /** A count field of a JSON answer (likes, replies …), or null when it is missing or not a whole number. */
    static Integer count(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() ? v.asInt() : null;
    }

    /** A query-string value, UTF-8 percent-encoded. */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An ISO-8601 instant with a zone or an offset ({@code 2024-09-18T13:00:00.000Z}, {@code …+02:00}). */
    static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
