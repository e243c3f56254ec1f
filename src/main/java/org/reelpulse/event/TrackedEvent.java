package org.reelpulse.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tracked deal or event: who the parties are, when it was announced, the window in which
 * reactions are followed, the colour charts draw it in, and the queries in the search language
 * that find its posts.
 *
 * <p>The default {@code query} applies to every post; each of {@code queries} (keys {@code en},
 * {@code fr}, {@code es}, {@code de}) applies to posts in that language only. The
 * {@link #effectiveQuery() effective query} joins them with OR, and is what {@code event:slug}, the
 * dashboard and the stance toward the deal use.
 *
 * @param id          database id; null before the event is stored
 * @param parties     the companies or organisations on each side of the deal, as people write them
 * @param announcedAt when the deal was announced; null when unknown
 * @param query       the default query, for posts in any language
 * @param queries     extra queries by language ({@code en}, {@code fr}, {@code es}, {@code de})
 * @param colour      {@code #rrggbb}; a colour from {@link #PALETTE} when none was chosen
 * @param from        start of the window in which reactions are followed (inclusive)
 * @param to          end of that window (exclusive)
 */
@Schema(description = "A tracked deal or event and the queries that find its posts.")
public record TrackedEvent(Long id, @Schema(example = "lionsgate-runway") String slug,
        @Schema(example = "Lionsgate × Runway") String name, String description,
        @Schema(example = "[\"Lionsgate\", \"Runway\"]") List<String> parties,
        @Schema(example = "2024-09-18T13:00:00Z") Instant announcedAt,
        @Schema(description = "The default query, for posts in any language", example = "lionsgate OR runway") String query,
        @Schema(description = "Extra queries by language (en, fr, es, de); each matches posts in that language only",
                example = "{\"fr\": \"\\\"accord lionsgate\\\"\"}") Map<String, String> queries,
        @Schema(example = "#d9480f") String colour,
        @Schema(example = "2024-08-28T00:00:00Z") Instant from,
        @Schema(description = "End of the window (exclusive)", example = "2024-10-24T00:00:00Z") Instant to) {

    /** The languages that can have a query of their own, in the order they are joined. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es", "de");

    /** Colours for events that have none, picked by slug so an event keeps its colour. */
    public static final List<String> PALETTE = List.of("#d9480f", "#1c7ed6", "#2b8a3e", "#862e9c", "#c2255c",
            "#e67700", "#0b7285", "#5f3dc4");

    public TrackedEvent {
        parties = parties == null ? List.of() : List.copyOf(parties);
        Map<String, String> byLang = new LinkedHashMap<>();
        if (queries != null) {
            for (String lang : LANGUAGES) {
                String q = queries.get(lang);
                if (q != null && !q.isBlank()) {
                    byLang.put(lang, q.strip());
                }
            }
        }
        queries = Collections.unmodifiableMap(byLang);
        if (colour == null || colour.isBlank()) {
            colour = slug == null ? PALETTE.get(0) : PALETTE.get(Math.floorMod(slug.hashCode(), PALETTE.size()));
        }
    }

    /** An event with only a default query, no parties and the colour of its slug. */
    public TrackedEvent(Long id, String slug, String name, String query, String description, Instant announcedAt,
            Instant from, Instant to) {
        this(id, slug, name, description, List.of(), announcedAt, query, Map.of(), null, from, to);
    }

    /**
     * The query that stands for the event: the default query, OR each language's query restricted to
     * posts in that language ({@code (default) OR (lang:fr AND (…))}). Without language queries it is
     * the default query as written.
     */
    @JsonProperty("effectiveQuery")
    @Schema(description = "The default query OR each language's query restricted to that language: what event:slug "
            + "stands for", example = "(lionsgate OR runway) OR (lang:fr AND (\"accord lionsgate\"))")
    public String effectiveQuery() {
        if (queries.isEmpty()) {
            return query;
        }
        List<String> parts = new ArrayList<>();
        parts.add("(" + query + ")");
        queries.forEach((lang, q) -> parts.add("(lang:" + lang + " AND (" + q + "))"));
        return String.join(" OR ", parts);
    }

    /**
     * The query per language for reading one text at a time (stance): a language's own query OR the
     * default one; the default alone under {@code en} when there are no language queries.
     */
    public Map<String, String> queriesByLanguage() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("en", query);
        queries.forEach((lang, q) -> m.put(lang, "(" + query + ") OR (" + q + ")"));
        return m;
    }
}
