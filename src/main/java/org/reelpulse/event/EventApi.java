package org.reelpulse.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The tracked events: everyone reads them, analysts and admins create, change and delete them
 * ({@code /api/events}).
 */
@RestController
@Tag(name = "Events", description = "Tracked deals and events, and the queries that find their posts")
class EventApi {

    private final EventService events;

    EventApi(EventService events) {
        this.events = events;
    }

    /**
     * An event as sent by a client. Dates are days ({@code 2024-09-18}: for {@code to} the whole day
     * is included) or instants ({@code 2024-09-18T13:00:00Z}).
     */
    @Schema(name = "EventRequest", description = "A tracked event to create or replace. 'from' and 'to' take days "
            + "(2024-09-18; as 'to' the whole day is included) or instants; 'announcedAt' an instant or a day.")
    record EventRequest(@Schema(example = "lionsgate-runway") String slug,
            @Schema(example = "Lionsgate × Runway") String name, String description,
            @Schema(example = "[\"Lionsgate\", \"Runway\"]") List<String> parties,
            @Schema(example = "2024-09-18T13:00:00Z") String announcedAt,
            @Schema(example = "lionsgate OR runway") String query,
            @Schema(description = "Optional queries by language: en, fr, es, de", example = "{\"fr\": \"\\\"accord lionsgate\\\"\"}")
            Map<String, String> queries,
            @Schema(example = "#d9480f") String colour,
            @Schema(example = "2024-08-28") String from,
            @Schema(example = "2024-10-23") String to) {

        EventInput toInput() {
            // each end on its own, so that an empty window is refused by the service, naming the field
            return new EventInput(slug, name, description, parties, instant("announcedAt", announcedAt), query, queries,
                    colour, TimeWindow.parse(from, null).from(), TimeWindow.parse(null, to).to());
        }
    }

    @GetMapping("/api/events")
    @Operation(summary = "Every tracked event", description = "In the order they were added; the first is the "
            + "dashboard's default. Any role.")
    List<TrackedEvent> list() {
        return events.list();
    }

    @GetMapping("/api/events/{slug}")
    @Operation(summary = "One tracked event", description = "404 when there is none with this slug. Any role.")
    TrackedEvent one(@PathVariable String slug) {
        return events.get(slug);
    }

    @PostMapping("/api/events")
    @Operation(summary = "Track a new event", description = "Analysts and admins. 400 with 'error' (and 'field') "
            + "for a slug that is taken or malformed, a query the parser cannot read (with its line and column), a "
            + "colour that is not #rrggbb, or a window whose 'from' is not before 'to'.")
    @ApiResponse(responseCode = "201", description = "The event as stored")
    ResponseEntity<TrackedEvent> create(@RequestBody EventRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(events.create(body.toInput()));
    }

    @PutMapping("/api/events/{slug}")
    @Operation(summary = "Replace a tracked event", description = "Analysts and admins. Every field is replaced; "
            + "the slug cannot change. Checked as on creation; 404 for an unknown slug.")
    TrackedEvent update(@PathVariable String slug, @RequestBody EventRequest body) {
        return events.update(slug, body.toInput());
    }

    @DeleteMapping("/api/events/{slug}")
    @Operation(summary = "Stop tracking an event", description = "Analysts and admins; 404 for an unknown slug. "
            + "Its posts stay; searches with event:slug no longer run.")
    Map<String, Object> delete(@PathVariable String slug) {
        events.delete(slug);
        return Map.of("deleted", slug);
    }

    /** A body that is not JSON, or a field of the wrong kind (a list where a text belongs). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "The body is not an event in JSON: send {\"slug\", "
                + "\"name\", \"query\", \"from\", \"to\"} and optionally \"description\", \"parties\" (a list), "
                + "\"announcedAt\", \"queries\" ({\"fr\": \"…\"}) and \"colour\"."));
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserInputException("'" + name + "' is not a date: '" + value + "'. Use an instant like "
                    + "2024-09-18T13:00:00Z or a day like 2024-09-18.", Map.of("field", name));
        }
    }
}
