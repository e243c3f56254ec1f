package org.reelpulse.collect;

import java.net.URI;
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
            Map<String, String> credentials,
            @Schema(example = "PT15M", description = "An interval (ISO-8601, PT1M to P7D) or a cron expression of "
                    + "six fields, second first, read in UTC, e.g. '0 */20 * * * *'") String schedule,
            Boolean enabled) {

        SourceInput toInput() {
            return new SourceInput(kind, name, baseUrl, settings, credentials, schedule, enabled);
        }
    }

    @GetMapping("/api/sources")
    @Operation(summary = "Every configured source", description = "With status, last success and last error, the "
            + "items stored today (since midnight UTC) and in all, and the lag (median of collected minus published "
            + "over the posts published and stored in the last 24 hours, ISO-8601; null when none); credentials show only which "
            + "keys are set (credentialsSet).")
    List<SourceOverview> list() {
        return sources.overview();
    }

    @GetMapping("/api/sources/{id}")
    @Operation(summary = "One source", description = "As in the list, with its figures.")
    SourceOverview one(@PathVariable long id) {
        return sources.overview(id);
    }

    @PostMapping("/api/sources")
    @Operation(summary = "Add a source", description = "400 with 'error' and 'field' for an unknown kind, a name "
            + "that is taken, a setting or URL that is wrong or reaches an internal address, a malformed schedule "
            + "(an interval like PT15M or six cron fields like '0 */20 * * * *', UTC), or a literal secret while "
            + "REELPULSE_SECRET_KEY is not set.")
    ResponseEntity<SourceOverview> create(@RequestBody SourceRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(sources.overview(sources.create(body.toInput()).id()));
    }

    @PutMapping("/api/sources/{id}")
    @Operation(summary = "Replace a source", description = "Checked as on creation; the kind cannot change. A "
            + "changed URL or setting starts the source afresh (its cursors are forgotten).")
    SourceOverview update(@PathVariable long id, @RequestBody SourceRequest body) {
        return sources.overview(sources.update(id, body.toInput()).id());
    }

    @DeleteMapping("/api/sources/{id}")
    @Operation(summary = "Remove a source", description = "Its runs and cursors go; the posts it collected stay.")
    Map<String, Object> delete(@PathVariable long id) {
        sources.delete(id);
        return Map.of("deleted", id);
    }

    @PostMapping("/api/sources/{id}/pause")
    @Operation(summary = "Pause a source", description = "Its status becomes 'paused' and it is no longer run on "
            + "schedule; collect now and test still work.")
    SourceOverview pause(@PathVariable long id) {
        return sources.overview(sources.pause(id).id());
    }

    @PostMapping("/api/sources/{id}/resume")
    @Operation(summary = "Resume a source", description = "Due at once with an interval schedule, at its next "
            + "time with a cron schedule.")
    SourceOverview resume(@PathVariable long id) {
        return sources.overview(sources.resume(id).id());
    }

    @PostMapping("/api/sources/test")
    @Operation(summary = "Test a source before saving it", description = "Checked as on creation (400 naming the "
            + "field), then run once: nothing stored, no cursor moved, only the first page that has items read. "
            + "Answers status (ok | degraded | needs-credentials | failing), message, itemsSeen, itemsNew (not "
            + "stored yet), up to 3 samples and the requests made; never a credential.")
    SourceTest test(@RequestBody SourceRequest body) {
        return sources.test(body.toInput());
    }

    @PostMapping("/api/sources/{id}/test")
    @Operation(summary = "Test a saved source", description = "As POST /api/sources/test, with the stored source; "
            + "a body tests it as it would be with those changes (credentials left out are the stored ones).")
    SourceTest test(@PathVariable long id, @RequestBody(required = false) SourceRequest body) {
        return sources.test(id, body == null ? null : body.toInput());
    }

    @PostMapping("/api/sources/{id}/collect")
    @Operation(summary = "Collect now", description = "Runs the source now (even when paused or not due): 200 with "
            + "the finished run when it ends within reelpulse.collect.sources.answer-within, else 202 with the run "
            + "(status running) and a Location to poll; 409 when it is being collected already.")
    ResponseEntity<Object> collect(@PathVariable long id) {
        return sources.collectNow(id).<ResponseEntity<Object>>map(now -> now.finished() ? ResponseEntity.ok(now.run())
                : ResponseEntity.accepted().location(URI.create("/api/sources/" + id + "/runs/" + now.run().id()))
                        .body(now.run()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "The source is being "
                        + "collected already; its run shows in GET /api/sources/" + id + "/runs.")));
    }

    @GetMapping("/api/sources/{id}/runs/{runId}")
    @Operation(summary = "One run of a source", description = "To poll a run that collect now left running.")
    SourceRun run(@PathVariable long id, @PathVariable long runId) {
        return sources.run(id, runId);
    }

    @GetMapping("/api/sources/{id}/runs")
    @Operation(summary = "The source's latest runs", description = "The latest first, at most 100.")
    List<SourceRun> runs(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        return sources.runs(id, limit);
    }

    /** A body that is not JSON, or a field of the wrong kind. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "The body is not a source in JSON: send {\"kind\", "
                + "\"name\", \"settings\": {…}} and optionally \"baseUrl\", \"credentials\" (names to texts), "
                + "\"schedule\" (like PT15M or '0 */20 * * * *') and \"enabled\"."));
    }
}
