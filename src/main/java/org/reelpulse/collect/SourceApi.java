package org.reelpulse.collect;

import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The configured sources and their runs, for admins ({@code /api/sources}). */
@RestController
@Tag(name = "Sources", description = "Where ReelPulse collects posts from, and how each run went (admins)")
class SourceApi {

    private final SourceService sources;

    SourceApi(SourceService sources) {
        this.sources = sources;
    }

    /** A source as sent by a client; credentials are write-only. */
    @Schema(name = "SourceRequest", description = "A source to create or replace. 'credentials' values are literal "
            + "secrets (stored encrypted; needs REELPULSE_SECRET_KEY) or references like ${MASTODON_TOKEN}; left out on "
            + "a change they are kept, and a key with an empty value is removed.")
    record SourceRequest(@Schema(example = "feed") String kind, @Schema(example = "Variety") String name,
            String baseUrl, @Schema(example = "{\"url\": \"https://variety.com/feed/\"}") JsonNode settings,
            Map<String, String> credentials, @Schema(example = "PT15M") String schedule, Boolean enabled) {

        SourceInput toInput() {
            return new SourceInput(kind, name, baseUrl, settings, credentials, schedule, enabled);
        }
    }

    @GetMapping("/api/sources")
    @Operation(summary = "Every configured source", description = "With status, last success and last error; "
            + "credentials show only which keys are set (credentialsSet).")
    List<CollectSource> list() {
        return sources.list();
    }

    @GetMapping("/api/sources/{id}")
    @Operation(summary = "One source")
    CollectSource one(@PathVariable long id) {
        return sources.get(id);
    }

    @PostMapping("/api/sources")
    @Operation(summary = "Add a source", description = "400 with 'error' and 'field' for an unknown kind, a name "
            + "that is taken, a setting or URL that is wrong or reaches an internal address, a malformed schedule, or a "
            + "literal secret while REELPULSE_SECRET_KEY is not set.")
    ResponseEntity<CollectSource> create(@RequestBody SourceRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(sources.create(body.toInput()));
    }

    @PutMapping("/api/sources/{id}")
    @Operation(summary = "Replace a source", description = "Checked as on creation; the kind cannot change. A "
            + "changed URL or setting starts the source afresh (its cursors are forgotten).")
    CollectSource update(@PathVariable long id, @RequestBody SourceRequest body) {
        return sources.update(id, body.toInput());
    }

    @DeleteMapping("/api/sources/{id}")
    @Operation(summary = "Remove a source", description = "Its runs and cursors go; the posts it collected stay.")
    Map<String, Object> delete(@PathVariable long id) {
        sources.delete(id);
        return Map.of("deleted", id);
    }

    @PostMapping("/api/sources/{id}/collect")
    @Operation(summary = "Collect now", description = "Runs the source now (even when paused or not due) and "
            + "answers with the finished run; 409 when it is being collected already.")
    ResponseEntity<Object> collect(@PathVariable long id) {
        return sources.collectNow(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "The source is being "
                        + "collected right now (on this node or another); see GET /api/sources/" + id + "/runs.")));
    }

    @GetMapping("/api/sources/{id}/runs")
    @Operation(summary = "The source's latest runs", description = "The latest first; at most 100.")
    List<SourceRun> runs(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        return sources.runs(id, limit);
    }

    /** A body that is not JSON, or a field of the wrong kind. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "The body is not a source in JSON: send {\"kind\", "
                + "\"name\", \"settings\": {…}} and optionally \"baseUrl\", \"credentials\" (names to texts), "
                + "\"schedule\" (like PT15M) and \"enabled\"."));
    }
}
