package org.reelpulse.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.reelpulse.dashboard.Dashboard;
import org.reelpulse.dashboard.DrillDown;
import org.reelpulse.dashboard.Interval;
import org.reelpulse.event.TrackedEvent;

/**
 * Dashboards built by hand for the report's tests: the week of the Lionsgate × Runway announcement
 * (2024-W38, Monday 16 September), with a spike on the day of the announcement, a union statement,
 * public accounts, private individuals and one hostile post.
 */
final class ReportFixture {

    static final Instant FROM = Instant.parse("2024-09-16T00:00:00Z");
    static final Instant TO = Instant.parse("2024-09-23T00:00:00Z");
    static final Instant ANNOUNCED = Instant.parse("2024-09-18T13:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String PREFIX = "https://rp.example/posts/";
    static final String DASHBOARD_URL = "https://rp.example/dashboard?event=lionsgate-runway&from=2024-09-16";

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String LINK = "\"><a href=\"javascript:alert(2)\">click</a>";
    static final String HOSTILE = SCRIPT + " " + IMG + " " + LINK;
    static final String KEY_SENTENCE = "We will not let a studio train a machine on our members' work without consent.";
    static final String SCRIPTS = "Été café Привет Ελληνικά 日本語 🎬👍🏽";

    /** Private authors: their handles and names must never show when pseudonymising. */
    static final List<String> PRIVATE = List.of("angryfan42", "Hostile Harry", "jane_doe_vfx", "Jane Doe",
            "mystery_user");

    private static final DrillDown DRILL = new DrillDown("event:lionsgate-runway", FROM, TO, null, null);
    private static final TrackedEvent EVENT = new TrackedEvent(1L, "lionsgate-runway", "Lionsgate × Runway",
            "Lionsgate and Runway announce a custom video model", List.of("Lionsgate", "Runway"), ANNOUNCED,
            "lionsgate OR runway", null, null, Instant.parse("2024-08-28T00:00:00Z"),
            Instant.parse("2024-10-24T00:00:00Z"));

    private ReportFixture() {
    }

    /** A report in UTC, whose days are the dashboard's own. */
    static ReportContent content(Locale locale, boolean pseudonymise, Dashboard... dashboards) {
        return content(ZoneId.of("UTC"), locale, pseudonymise, dashboards);
    }

    static ReportContent content(ZoneId zone, Locale locale, boolean pseudonymise, Dashboard... dashboards) {
        List<EventReport> events = new ArrayList<>();
        for (Dashboard d : dashboards) {
            events.add(new EventReport(d, DASHBOARD_URL, PREFIX));
        }
        return new ReportContent("Lionsgate × Runway", locale, "2024-W38", zone, FROM, TO,
                Instant.parse("2024-09-23T07:00:00Z"), pseudonymise, events);
    }

    static Dashboard week() {
        long[][] days = { // posts, negative, neutral, positive, unscored
                {10, 4, 4, 2, 0}, {12, 5, 5, 2, 0}, {180, 110, 40, 25, 5}, {95, 50, 30, 15, 0},
                {60, 30, 20, 10, 0}, {30, 12, 12, 6, 0}, {25, 10, 10, 5, 0}};
        List<Dashboard.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            long[] d = days[i];
            Instant start = FROM.plus(Duration.ofDays(i));
            buckets.add(new Dashboard.Bucket(start, start.plus(Duration.ofDays(1)), d[0], d[1], d[2], d[3], d[4], 0,
                    (double) (d[3] - d[1]) / (d[1] + d[3]), false, i == 2, DRILL));
        }
        Instant statementAt = Instant.parse("2024-09-19T15:30:00Z");
        List<Dashboard.Marker> markers = List.of(
                new Dashboard.Marker("announcement", ANNOUNCED, "Announced: Lionsgate × Runway", null),
                new Dashboard.Marker("statement", statementAt, "SAG-AFTRA", 100L));

        Dashboard.PostCard union = card(1, "sagaftra", "SAG-AFTRA", "union-guild", "negative", 950,
                "Our members' likenesses are not training data. We are reviewing the Lionsgate deal.",
                "https://bsky.app/profile/sagaftra/post/1");
        Dashboard.PostCard hostile = card(2, "angryfan42", "Hostile Harry", "public", "negative", 610, HOSTILE,
                "javascript:alert(3)");
        Dashboard.PostCard creative = card(3, "jane_doe_vfx", "Jane Doe", "working-creative", "negative", 480,
                "Fifteen years of compositing and now this. " + SCRIPTS, "https://x.example/jane_doe_vfx/status/3");
        Dashboard.PostCard press = card(4, "variety", "Variety", "press", "neutral", 300,
                "Interview with @jane_doe_vfx about what the Lionsgate deal means for VFX crews.",
                "https://variety.example/lionsgate-runway");
        Dashboard.PostCard unknown = card(5, "mystery_user", null, null, "positive", 120,
                "Honestly this could make indie films cheaper.", "https://x.example/mystery_user/status/5");

        Dashboard.Spike spike = new Dashboard.Spike(FROM.plus(Duration.ofDays(2)), FROM.plus(Duration.ofDays(3)),
                FROM.plus(Duration.ofDays(2)), 180, 11, 2, 14.5, 180, FROM.minus(Duration.ofDays(12)),
                FROM.plus(Duration.ofDays(2)), 150,
                List.of(new Dashboard.Term("training data", 44, 1, 0.4, DRILL),
                        new Dashboard.Term("custom model", 30, 0, 0.3, DRILL)), 180, 150,
                List.of(new Dashboard.Term("#NoAI", 25, 1, 0.2, DRILL),
                        new Dashboard.Term("@jane_doe_vfx", 12, 0, 0.1, DRILL)),
                List.of(creative), List.of(union, hostile),
                List.of(new Dashboard.TopAuthor("jane_doe_vfx", "working-creative", "Working creative or crew", 3, 700,
                        DRILL)),
                List.of(new Dashboard.GroupShift("working-creative", "Working creative or crew", 60, 0.33, 30, 0.2,
                        0.13, DRILL), new Dashboard.GroupShift("public", "General public", 90, 0.5, 100, 0.67, -0.17,
                        DRILL)),
                DRILL, DRILL);

        Dashboard.Statement statement = new Dashboard.Statement(100L, statementAt, "sagaftra", "SAG-AFTRA", "bluesky",
                "opposes", "negative", -0.7, new Dashboard.KeySentence(KEY_SENTENCE, -0.8, "names the parties"),
                "https://bsky.app/profile/sagaftra/post/100",
                new Dashboard.Reaction(statementAt, statementAt.plus(Duration.ofHours(48)), 140, 80, 20, -0.6, false,
                        DRILL));

        return new Dashboard(EVENT,
                new Dashboard.PeriodInfo(FROM, TO, FROM.minus(Duration.ofDays(7)), FROM, Interval.DAY, true),
                new Dashboard.Filters(List.of(), List.of(), List.of()), "event:lionsgate-runway", 20,
                new Dashboard.Kpis(
                        kpi(412, 305, 107, 0.3508, false),
                        kpi(298, 240, 58, 0.2417, false),
                        kpi(-0.31, -0.12, -0.19, null, false),
                        kpi(0.42, 0.35, 0.07, null, false),
                        kpi(3, 0, 3, null, true)),
                new Dashboard.Timeline(Interval.DAY, buckets, markers),
                new Dashboard.Spikes(new Dashboard.SpikeMethod("median + k · MAD", Interval.DAY, 14, 7, 3.0, 1.4826, 10),
                        List.of(spike)),
                List.of(group("public", "General public", 200, 0.49, -0.2, 150),
                        group("working-creative", "Working creative or crew", 120, 0.29, -0.55, 80),
                        group("union-guild", "Union or guild", 3, 0.01, -0.9, 0),
                        group("press", "Press", 60, 0.15, 0.0, 50),
                        group("studio-company", "Studio or company", 29, 0.07, 0.4, 25)),
                List.of(new Dashboard.ThemeStat("job-displacement", "Job displacement", 120, 0.29, -0.6, false, 70,
                                -0.4, 50, 0.714, DRILL),
                        new Dashboard.ThemeStat("training-data-copyright", "Training data and copyright", 90, 0.22, -0.5,
                                false, 80, -0.3, 10, 0.125, DRILL),
                        new Dashboard.ThemeStat("consent-likeness", "Consent and likeness", 40, 0.1, -0.7, false, 45,
                                -0.6, -5, -0.111, DRILL)),
                List.of(new Dashboard.CraftStat("vfx-artists", "VFX artists", 70, 30, 40, 1.333, DRILL),
                        new Dashboard.CraftStat("actors", "Actors and performers", 50, 55, -5, -0.091, DRILL)),
                new Dashboard.Statements("Posts by the union and guild group", 3, List.of(statement), DRILL),
                new Dashboard.TopPosts(List.of(union, hostile, creative, press, unknown), DRILL),
                List.of(new Dashboard.TopAuthor("sagaftra", "union-guild", "Union or guild", 3, 2100, DRILL),
                        new Dashboard.TopAuthor("jane_doe_vfx", "working-creative", "Working creative or crew", 4, 900,
                                DRILL),
                        new Dashboard.TopAuthor("angryfan42", "public", "General public", 6, 700, DRILL),
                        new Dashboard.TopAuthor("mystery_user", null, null, 2, 130, DRILL)),
                List.of(new Dashboard.Share("mastodon", 100, 0.243, -0.3, DRILL),
                        new Dashboard.Share("bluesky", 300, 0.728, -0.31, DRILL),
                        new Dashboard.Share("rss", 12, 0.029, 0.0, DRILL)),
                List.of(new Dashboard.Share("en", 380, 0.922, -0.3, DRILL),
                        new Dashboard.Share("fr", 32, 0.078, -0.4, DRILL)));
    }

    /** A week with only {@code posts} posts, below the 20 that make a figure reliable. */
    static Dashboard thinWeek(long posts) {
        Dashboard w = week();
        List<Dashboard.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant start = FROM.plus(Duration.ofDays(i));
            long n = i == 0 ? posts : 0;
            buckets.add(new Dashboard.Bucket(start, start.plus(Duration.ofDays(1)), n, n, 0, 0, 0, 0, n == 0 ? null
                    : -1.0, true, false, DRILL));
        }
        return new Dashboard(w.event(), w.period(), w.filters(), w.query(), 20,
                new Dashboard.Kpis(kpi(posts, 4, posts - 4, null, true), kpi(posts, 4, posts - 4, null, true),
                        kpi(posts == 0 ? null : -1.0, 0.0, null, null, true), kpi(0.0, 0.0, 0.0, null, true),
                        kpi(0, 0, 0, null, true)),
                new Dashboard.Timeline(Interval.DAY, buckets, List.of()),
                new Dashboard.Spikes(w.spikes().method(), List.of()),
                posts == 0 ? List.of() : List.of(group("public", "General public", posts, 1.0, -1.0, 4)), List.of(),
                List.of(), new Dashboard.Statements("Posts by the union and guild group", 0, List.of(), DRILL),
                new Dashboard.TopPosts(List.of(), DRILL), List.of(), List.of(), List.of());
    }

    /** The dashboard with other headline figures and spikes. */
    static Dashboard with(Dashboard d, Dashboard.Kpis kpis, List<Dashboard.Spike> spikes) {
        return new Dashboard(d.event(), d.period(), d.filters(), d.query(), d.fewPosts(), kpis, d.timeline(),
                new Dashboard.Spikes(d.spikes().method(), spikes), d.groups(), d.themes(), d.crafts(), d.statements(),
                d.topPosts(), d.topAuthors(), d.sources(), d.languages());
    }

    static Dashboard.Kpi kpi(Number value, Number previous, Number change, Double relative, boolean few) {
        return new Dashboard.Kpi("definition", value, previous, change, relative, 100, 100, few, few, DRILL, DRILL);
    }

    private static Dashboard.PostCard card(long id, String handle, String name, String group, String sentiment,
            long engagement, String excerpt, String url) {
        return new Dashboard.PostCard(id, FROM.plus(Duration.ofDays(2)).plus(Duration.ofHours(id)), "bluesky", handle,
                name, group, "en", sentiment, -0.5, engagement, excerpt, url);
    }

    private static Dashboard.GroupVoice group(String id, String label, long posts, double share, double net,
            long previous) {
        return new Dashboard.GroupVoice(id, label, posts, share, net, posts < 20, previous,
                previous == 0 ? null : (double) (posts - previous) / previous, DRILL, List.of());
    }
}
