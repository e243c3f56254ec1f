package org.reelpulse.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a user gives to create or change a tracked event; {@link EventService} checks it.
 *
 * @param slug        short name for links and {@code event:slug}: lower-case words joined by hyphens
 * @param parties     the parties to the deal; may be empty
 * @param announcedAt when the deal was announced; null when unknown
 * @param query       the default query (required)
 * @param queries     optional queries by language ({@code en}, {@code fr}, {@code es}, {@code de})
 * @param colour      {@code #rrggbb}, or null for a colour picked from the slug
 * @param from        start of the window (inclusive)
 * @param to          end of the window (exclusive)
 */
public record EventInput(String slug, String name, String description, List<String> parties, Instant announcedAt,
        String query, Map<String, String> queries, String colour, Instant from, Instant to) {
}
