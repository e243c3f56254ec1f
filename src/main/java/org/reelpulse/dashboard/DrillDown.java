package org.reelpulse.dashboard;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The search that reproduces the posts behind a figure: {@code /api/search?q=…&from=…&to=…} (and
 * {@code sort}, when the figure is a ranking) finds exactly {@code posts} posts, as long as the index
 * has not changed in between.
 *
 * @param q     the query in the search language, e.g. {@code event:lionsgate-runway AND group:union-guild}
 * @param from  start of the period (inclusive)
 * @param to    end of the period (exclusive)
 * @param sort  {@code engagement} for rankings by engagement; null for the search's default
 * @param posts how many posts the search finds: the dashboard's count; null when the figure is not a count
 */
@Schema(description = "The search that reproduces the posts behind a figure: /api/search?q=…&from=…&to=… finds "
        + "'posts' posts")
public record DrillDown(@Schema(example = "event:lionsgate-runway AND group:union-guild") String q,
        @Schema(example = "2024-09-18T00:00:00Z") Instant from,
        @Schema(example = "2024-09-19T00:00:00Z") Instant to,
        @Schema(example = "engagement") String sort, Long posts) {
}
