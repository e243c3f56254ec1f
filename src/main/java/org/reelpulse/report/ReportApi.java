package org.reelpulse.report;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Weekly report subscriptions, their preview, "send now" and their history ({@code /api/subscriptions}). */
@RestController
@Tag(name = "Reports", description = "Weekly emailed reports: subscriptions, preview, send now, history")
class ReportApi {

    private static final String WEEK = "The ISO week of the report, e.g. 2024-W39: the report scheduled in that week, "
            + "covering the seven days before its scheduled time. Default: the latest report due by now (and no later "
            + "than the end of the events' windows).";

    private final SubscriptionService subscriptions;
    private final ReportService reports;

    ReportApi(SubscriptionService subscriptions, ReportService reports) {
        this.subscriptions = subscriptions;
        this.reports = reports;
    }

    @GetMapping("/api/subscriptions")
    @Operation(summary = "Every report subscription", description = "By name. Analysts and admins.")
    List<Subscription> list() {
        return subscriptions.list();
    }

    @GetMapping("/api/subscriptions/{id}")
    @Operation(summary = "One report subscription", description = "404 when there is none with this id.")
    Subscription one(@PathVariable long id) {
        return subscriptions.get(id);
    }

    @PostMapping("/api/subscriptions")
    @Operation(summary = "Subscribe people to a weekly report", description = "400 with 'error' and 'field' for a "
            + "missing name or one that is taken, an address that is not one, an unknown event, source, language or "
            + "stakeholder group, a weekday, time or time zone that cannot be read, or a report language other than "
            + "en or fr. Defaults: MONDAY, 08:00, UTC, en, pseudonymise true, enabled true.")
    @ApiResponse(responseCode = "201", description = "The subscription as stored")
    ResponseEntity<Subscription> create(@RequestBody SubscriptionInput body, Principal user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(subscriptions.create(body, user.getName()));
    }

    @PutMapping("/api/subscriptions/{id}")
    @Operation(summary = "Replace a report subscription", description = "Every field is replaced, checked as on "
            + "creation. A changed schedule applies from now on: reports it would have sent earlier are not sent.")
    Subscription update(@PathVariable long id, @RequestBody SubscriptionInput body) {
        return subscriptions.update(id, body);
    }

    @DeleteMapping("/api/subscriptions/{id}")
    @Operation(summary = "Delete a report subscription", description = "With its history of sends.")
    Map<String, Object> delete(@PathVariable long id) {
        subscriptions.delete(id);
        return Map.of("deleted", id);
    }

    @GetMapping("/api/subscriptions/{id}/preview")
    @Operation(summary = "The report's HTML as it is sent", description = "The HTML part of the email, with its "
            + "charts as data: URIs so that a browser shows them (the email refers to the same images by cid:).")
    ResponseEntity<String> preview(@PathVariable long id,
            @Parameter(description = WEEK) @RequestParam(required = false) String week) {
        // no 'produces': a refused week is answered in JSON like every other error
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(reports.render(id, week).htmlForBrowser());
    }

    @GetMapping("/api/subscriptions/{id}/preview.pdf")
    @Operation(summary = "The report's PDF as it is attached")
    ResponseEntity<byte[]> previewPdf(@PathVariable long id,
            @Parameter(description = WEEK) @RequestParam(required = false) String week) {
        RenderedReport r = reports.render(id, week);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + r.pdfFileName() + "\"").body(r.pdf());
    }

    @PostMapping("/api/subscriptions/{id}/send")
    @Operation(summary = "Send the report now", description = "To every recipient, for the week given, beside the "
            + "scheduled reports. Answers when done with the send: 'sent', 'partial' (some recipients refused), "
            + "'failed', or 'retrying' (the mail server could not be reached; tried again in the background).")
    ReportSend send(@PathVariable long id, @Parameter(description = WEEK) @RequestParam(required = false) String week,
            Principal user) {
        return reports.sendNow(id, week, user.getName());
    }

    @GetMapping("/api/subscriptions/{id}/sends")
    @Operation(summary = "The history of the subscription's sends", description = "The latest 100 first, each with "
            + "its recipients and their status.")
    List<ReportSend> sends(@PathVariable long id) {
        return reports.history(id);
    }

    /** A body that is not JSON, or a field of the wrong kind. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "The body is not a subscription in JSON: send {\"name\", "
                + "\"recipients\": [..], \"events\": [..]} and optionally \"sources\", \"langs\", \"groups\" (lists), "
                + "\"weekday\", \"time\", \"zone\", \"language\", \"pseudonymise\", \"enabled\"."));
    }
}
