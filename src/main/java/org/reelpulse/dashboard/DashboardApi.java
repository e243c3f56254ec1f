package org.reelpulse.dashboard;

import java.util.List;
import java.util.Locale;

import org.reelpulse.base.TimeWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The dashboard and the comparison of events as JSON, for every role. */
@RestController
@Tag(name = "Dashboard", description = "How the reaction to a tracked event goes, and events side by side")
class DashboardApi {

    private final DashboardService dashboards;

    DashboardApi(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/dashboard")
    @Operation(summary = "The dashboard of a tracked event", description = "KPIs against the previous period of "
            + "equal length, the timeline by sentiment with the announcement and union statements marked, spikes "
            + "with what explains them, stakeholder groups, labour themes and crafts, union and guild statements "
            + "with the public reaction after each, top posts and authors, sources and languages. Every figure "
            + "has a drillDown {q, from, to, sort, posts}: /api/search with q, from and to finds exactly 'posts' "
            + "posts. Net sentiment is (positive − negative) / (positive + negative). A figure resting on fewer "
            + "than 'fewPosts' posts is flagged 'few'. Times are UTC, ISO-8601.")
    Dashboard dashboard(
            @Parameter(description = "The event's slug; the first event when left out", example = "lionsgate-runway")
            @RequestParam(required = false) String event,
            @Parameter(description = "Start: a day (2024-09-18) or an instant; the event's window when left out")
            @RequestParam(required = false) String from,
            @Parameter(description = "End: a day (included whole) or an instant (excluded); the event's window when "
                    + "left out") @RequestParam(required = false) String to,
            @Parameter(description = "Only these sources (comma-separated or repeated)", example = "bluesky,reddit")
            @RequestParam(required = false) List<String> source,
            @Parameter(description = "Only these languages", example = "en,fr")
            @RequestParam(required = false) List<String> lang,
            @Parameter(description = "Only these stakeholder groups", example = "working-creative")
            @RequestParam(required = false) List<String> group,
            @Parameter(description = "hour, day, week, or auto (hours up to 3 days, days up to 120 days, weeks beyond)")
            @RequestParam(required = false) String interval) {
        TimeWindow window = TimeWindow.parse(from, to);
        return dashboards.overview(new DashboardRequest(event, window.from(), window.to(), lower(source), lower(lang),
                lower(group), Interval.parse(interval)));
    }

    @GetMapping("/api/compare-events")
    @Operation(summary = "Tracked events side by side, aligned on their announcement", description = "Day 0 is the "
            + "UTC day of each event's announcement. Per day: posts, net sentiment, the share raising a labour "
            + "concern, union and guild statements, and a drill-down; each event's totals. 400 for no event or more "
            + "than 4, an unknown event, or one without an announcement date.")
    EventComparison compare(
            @Parameter(description = "An event's slug; repeat for each (1 to 4)", example = "lionsgate-runway")
            @RequestParam(name = "event", required = false) List<String> events,
            @Parameter(description = "The last day shown, days after the announcement day")
            @RequestParam(defaultValue = "14") int days,
            @Parameter(description = "The first day shown: 0, or negative for days before the announcement")
            @RequestParam(defaultValue = "0") int fromDay) {
        return dashboards.compare(events == null ? List.of() : events.stream().map(String::strip).toList(), fromDay,
                days);
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).distinct().toList();
    }
}
