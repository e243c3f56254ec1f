package org.reelpulse.dashboard.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.reelpulse.base.ui.BackgroundLoader;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.ChartTable;
import org.reelpulse.base.ui.GroupColors;
import org.reelpulse.base.ui.SentimentBadge;
import org.reelpulse.base.ui.SentimentColors;
import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.dashboard.Dashboard;
import org.reelpulse.dashboard.DashboardRequest;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.dashboard.DrillDown;
import org.reelpulse.dashboard.Interval;
import org.reelpulse.event.TrackedEvent;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * The morning view for communications staff: one tracked event over a period, against the period
 * before it. Headline figures, the reaction over time with the announcement, union statements and
 * spikes marked (a spike explains itself when clicked), who is speaking, the labour concerns, the
 * statements with the public reaction to each, top posts and authors, sources and languages. Every
 * figure leads to the posts behind it in the search view. The whole state is in the URL
 * ({@code /?event=slug&from=2024-09-18&to=2024-09-24&source=x&lang=en&group=press&interval=day}).
 * The figures are computed off the UI thread and pushed when ready.
 */
@Route("")
@PageTitle("Dashboard · ReelPulse")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<String> SOURCES = List.of("mastodon", "bluesky", "reddit", "hackernews", "youtube", "x",
            "news", "union", "web");
    private static final List<String> LANGS = List.of("en", "fr", "de", "es", "unknown");

    /** Period presets, relative to the event or to today. */
    enum Preset {
        WINDOW("The event's whole window"), FIRST_DAYS("Announcement day and the 2 days after"),
        FIRST_WEEK("Announcement week (7 days)"), LAST_7("Last 7 days"), LAST_30("Last 30 days"), CUSTOM("Custom");

        final String label;

        Preset(String label) {
            this.label = label;
        }
    }

    private final DashboardService service;
    private final BackgroundLoader loader;
    private final Clock clock;

    private final Select<TrackedEvent> eventSelect = new Select<>();
    private final Select<Preset> preset = new Select<>();
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC, included)");
    private final MultiSelectComboBox<String> sources = new MultiSelectComboBox<>("Sources");
    private final MultiSelectComboBox<String> langs = new MultiSelectComboBox<>("Languages");
    private final MultiSelectComboBox<String> groups = new MultiSelectComboBox<>("Stakeholder groups");
    private final Select<String> interval = new Select<>();
    private final Paragraph period = new Paragraph();
    private final Div status = new Div();
    private final VerticalLayout content = new VerticalLayout();
    private final Map<String, String> groupLabels = new LinkedHashMap<>();
    private boolean filling;
    private DashboardRequest shown;
    /** Viewers read the dashboard; the posts behind a figure open in the search, for analysts and admins. */
    private final boolean canSearch;

    public DashboardView(DashboardService service, BackgroundLoader loader, Clock clock,
            com.vaadin.flow.spring.security.AuthenticationContext auth) {
        this.canSearch = auth.hasRole("ANALYST") || auth.hasRole("ADMIN");
        this.service = service;
        this.loader = loader;
        this.clock = clock;
        addClassName("rp-view");
        setSpacing(true);

        eventSelect.setId("event-select");
        eventSelect.setLabel("Tracked event");
        eventSelect.setItemLabelGenerator(TrackedEvent::name);
        eventSelect.setWidth("20em");
        preset.setId("period-preset");
        preset.setLabel("Period");
        preset.setItems(Preset.values());
        preset.setItemLabelGenerator(p -> p.label);
        preset.setWidth("18em");
        from.setId("period-from");
        to.setId("period-to");
        sources.setId("filter-source");
        sources.setItems(SOURCES);
        langs.setId("filter-lang");
        langs.setItems(LANGS);
        groups.setId("filter-group");
        groups.setItemLabelGenerator(g -> groupLabels.getOrDefault(g, g));
        interval.setId("interval");
        interval.setLabel("Buckets");
        interval.setItems("auto", "hour", "day", "week");
        interval.setItemLabelGenerator(i -> switch (i) {
            case "hour" -> "Hours";
            case "day" -> "Days";
            case "week" -> "Weeks";
            default -> "Chosen for the period";
        });
        eventSelect.addValueChangeListener(e -> {
            if (!filling && e.isFromClient()) {
                navigate(true);
            }
        });
        preset.addValueChangeListener(e -> {
            if (!filling && e.isFromClient()) {
                applyPreset(e.getValue());
                navigate(false);
            }
        });
        for (DatePicker d : List.of(from, to)) {
            d.addValueChangeListener(e -> {
                if (!filling && e.isFromClient()) {
                    filling = true;
                    preset.setValue(Preset.CUSTOM);
                    filling = false;
                    navigate(false);
                }
            });
        }
        for (MultiSelectComboBox<String> m : List.of(sources, langs, groups)) {
            m.setWidth("14em");
            m.addValueChangeListener(e -> {
                if (!filling && e.isFromClient()) {
                    navigate(false);
                }
            });
        }
        interval.addValueChangeListener(e -> {
            if (!filling && e.isFromClient()) {
                navigate(false);
            }
        });
        HorizontalLayout filters = new HorizontalLayout(eventSelect, preset, from, to, sources, langs, groups, interval);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setId("dashboard-filters");
        period.addClassName("rp-muted");
        period.setId("dashboard-period");
        status.setId("dashboard-status");
        status.getElement().setAttribute("aria-live", "polite");
        content.setPadding(false);
        content.setId("dashboard-content");
        add(filters, period, status, content);
    }

    // ---------------------------------------------------------------- state in the URL

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters p = event.getLocation().getQueryParameters();
        List<TrackedEvent> events = service.events();
        String slug = p.getSingleParameter("event").orElse(null);
        Optional<TrackedEvent> chosen = service.event(slug);
        filling = true;
        eventSelect.setItems(events);
        chosen.ifPresent(eventSelect::setValue);
        try {
            from.setValue(day(p.getSingleParameter("from").orElse(null)));
            to.setValue(day(p.getSingleParameter("to").orElse(null)));
        } catch (UserInputException e) {
            filling = false;
            showError(e.getMessage());
            return;
        }
        sources.setValue(new java.util.LinkedHashSet<>(p.getParameters().getOrDefault("source", List.of())));
        langs.setValue(new java.util.LinkedHashSet<>(p.getParameters().getOrDefault("lang", List.of())));
        List<String> chosenGroups = p.getParameters().getOrDefault("group", List.of());
        List<String> groupItems = new ArrayList<>(groupLabels.isEmpty() ? knownGroups() : groupLabels.keySet());
        chosenGroups.stream().filter(g -> !groupItems.contains(g)).forEach(groupItems::add);
        groups.setItems(groupItems);
        groups.setValue(new java.util.LinkedHashSet<>(chosenGroups));
        interval.setValue(p.getSingleParameter("interval").orElse("auto"));
        preset.setValue(chosen.map(this::presetOf).orElse(Preset.WINDOW));
        filling = false;
        if (chosen.isEmpty()) {
            content.removeAll();
            period.setText("");
            status.removeAll();
            Paragraph none = new Paragraph("No event is tracked yet. An analyst or admin adds one under Tracked "
                    + "events, or from a search with 'Track as an event…'.");
            none.setId("dashboard-empty");
            status.add(none);
            return;
        }
        DashboardRequest request;
        try {
            request = new DashboardRequest(chosen.get().slug(),
                    from.getValue() == null ? null : from.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                    to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    List.copyOf(sources.getValue()), List.copyOf(langs.getValue()), List.copyOf(groups.getValue()),
                    Interval.parse(interval.getValue()));
        } catch (UserInputException e) {
            showError(e.getMessage());
            return;
        }
        load(request);
    }

    private static List<String> knownGroups() {
        return List.of("union-guild", "working-creative", "studio-company", "ai-company", "press", "public-body",
                "public");
    }

    private static LocalDate day(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new UserInputException("'" + value + "' is not a day: write it as 2024-09-18.");
        }
    }

    private Preset presetOf(TrackedEvent e) {
        LocalDate f = from.getValue();
        LocalDate t = to.getValue();
        if (f == null && t == null) {
            return Preset.WINDOW;
        }
        for (Preset p : Preset.values()) {
            LocalDate[] range = range(p, e);
            if (range != null && range[0].equals(f) && range[1].equals(t)) {
                return p;
            }
        }
        return Preset.CUSTOM;
    }

    /** The days [first, last] of a preset for the event; null for WINDOW and CUSTOM. */
    private LocalDate[] range(Preset p, TrackedEvent e) {
        LocalDate announced = e.announcedAt() == null ? LocalDate.ofInstant(e.from(), ZoneOffset.UTC)
                : LocalDate.ofInstant(e.announcedAt(), ZoneOffset.UTC);
        LocalDate today = LocalDate.now(clock);
        return switch (p) {
            case FIRST_DAYS -> new LocalDate[] {announced, announced.plusDays(2)};
            case FIRST_WEEK -> new LocalDate[] {announced, announced.plusDays(6)};
            case LAST_7 -> new LocalDate[] {today.minusDays(6), today};
            case LAST_30 -> new LocalDate[] {today.minusDays(29), today};
            default -> null;
        };
    }

    private void applyPreset(Preset p) {
        TrackedEvent e = eventSelect.getValue();
        if (e == null || p == Preset.CUSTOM) {
            return;
        }
        LocalDate[] r = range(p, e);
        filling = true;
        from.setValue(r == null ? null : r[0]);
        to.setValue(r == null ? null : r[1]);
        filling = false;
    }

    /** Puts the controls' state in the URL; a new event starts on its whole window, unfiltered. */
    private void navigate(boolean newEvent) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (eventSelect.getValue() != null) {
            params.put("event", List.of(eventSelect.getValue().slug()));
        }
        if (!newEvent) {
            if (from.getValue() != null) {
                params.put("from", List.of(from.getValue().toString()));
            }
            if (to.getValue() != null) {
                params.put("to", List.of(to.getValue().toString()));
            }
            putAll(params, "source", sources.getValue());
            putAll(params, "lang", langs.getValue());
            putAll(params, "group", groups.getValue());
            if (interval.getValue() != null && !"auto".equals(interval.getValue())) {
                params.put("interval", List.of(interval.getValue()));
            }
        }
        getUI().ifPresent(ui -> ui.navigate(DashboardView.class, new QueryParameters(params)));
    }

    private static void putAll(Map<String, List<String>> params, String key, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            params.put(key, values.stream().sorted().toList());
        }
    }

    // ---------------------------------------------------------------- loading

    private void load(DashboardRequest request) {
        shown = request;
        status.removeAll();
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.setWidth("12em");
        Span text = new Span("Counting the reaction…");
        text.addClassName("rp-muted");
        Div loading = new Div(text, bar);
        loading.setId("dashboard-loading");
        status.add(loading);
        content.getStyle().set("opacity", "0.5");
        UI ui = UI.getCurrent();
        loader.load(() -> service.overview(request), d -> ui.access(() -> {
            if (request == shown) {
                show(d);
            }
        }), e -> ui.access(() -> {
            if (request == shown) {
                showError(e instanceof UserInputException ? e.getMessage()
                        : "The dashboard could not be computed (" + e.getClass().getSimpleName()
                                + "). Try again; if it keeps failing, the server log says why.");
            }
        }));
    }

    private void showError(String message) {
        status.removeAll();
        content.removeAll();
        content.getStyle().remove("opacity");
        Div error = new Div(message);
        error.setId("dashboard-error");
        error.addClassName("rp-error");
        status.add(error);
    }

    // ---------------------------------------------------------------- drawing

    private void show(Dashboard d) {
        status.removeAll();
        content.removeAll();
        content.getStyle().remove("opacity");
        d.groups().forEach(g -> groupLabels.put(g.group(), g.label()));
        TrackedEvent e = d.event();
        Dashboard.PeriodInfo p = d.period();
        period.setText(e.name() + " · " + LONG_DAY.format(p.from()) + " – " + LONG_DAY.format(p.to().minusSeconds(1))
                + ", compared with " + LONG_DAY.format(p.previousFrom()) + " – "
                + LONG_DAY.format(p.previousTo().minusSeconds(1))
                + (e.announcedAt() == null ? "" : " · announced " + MOMENT.format(e.announcedAt()))
                + " · " + bucketName(p.interval()) + (p.intervalChosen() ? " (chosen for the period)" : ""));
        long posts = d.kpis().posts().value() == null ? 0 : d.kpis().posts().value().longValue();
        content.add(kpis(d));
        if (posts == 0) {
            Paragraph empty = new Paragraph("No post of this event falls in this period with these filters. Choose "
                    + "the event's whole window, a longer period, or fewer filters.");
            empty.setId("dashboard-no-posts");
            content.add(empty);
            return;
        }
        content.add(timeline(d));
        FlexLayout row = grid();
        row.add(groupsCard(d), themesCard(d));
        content.add(row);
        FlexLayout row2 = grid();
        row2.add(craftsCard(d), statementsCard(d));
        content.add(row2);
        FlexLayout row3 = grid();
        row3.add(topPostsCard(d), topAuthorsCard(d));
        content.add(row3);
        FlexLayout row4 = grid();
        row4.add(shareCard("sources-card", "Sources", d.sources(), v -> v),
                shareCard("languages-card", "Languages", d.languages(), v -> v));
        content.add(row4);
    }

    private static FlexLayout grid() {
        FlexLayout row = new FlexLayout();
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        row.setWidthFull();
        return row;
    }

    private static String bucketName(Interval i) {
        return switch (i) {
            case HOUR -> "hourly buckets";
            case DAY -> "daily buckets";
            case WEEK -> "weekly buckets (from Monday)";
        };
    }

    private static Div card(String id, String title, Component... children) {
        Div card = new Div(new H2(title));
        card.add(children);
        card.setId(id);
        card.addClassName("rp-card");
        card.getStyle().set("flex", "1 1 30em").set("min-width", "0");
        return card;
    }

    /** A link to the posts behind a figure, or its text alone for a viewer, who cannot search. */
    private Component drill(DrillDown d, String text) {
        if (!canSearch) {
            return new Span(text);
        }
        Anchor a = new Anchor(DrillDowns.url(d), text);
        a.addClassName("rp-drill");
        return a;
    }

    /** Row links of a chart's table to the posts behind each row, for those who may search. */
    private java.util.function.IntFunction<String> link(java.util.function.IntFunction<DrillDown> row) {
        return canSearch ? i -> DrillDowns.url(row.apply(i)) : null;
    }

    private void open(DrillDown d) {
        if (canSearch) {
            getUI().ifPresent(ui -> ui.getPage().setLocation(DrillDowns.url(d)));
        }
    }

    // KPIs

    private Component kpis(Dashboard d) {
        FlexLayout cards = new FlexLayout();
        cards.setId("kpi-cards");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        Dashboard.Kpis k = d.kpis();
        cards.add(kpi("kpi-posts", "Posts", k.posts(), Kind.COUNT, d.fewPosts()),
                kpi("kpi-authors", "Unique authors", k.authors(), Kind.COUNT, d.fewPosts()),
                kpi("kpi-net", "Net sentiment", k.netSentiment(), Kind.NET, d.fewPosts()),
                kpi("kpi-labour", "Raise labour concerns", k.labourShare(), Kind.SHARE, d.fewPosts()),
                kpi("kpi-statements", "Union and guild statements", k.unionStatements(), Kind.COUNT, d.fewPosts()));
        return cards;
    }

    private enum Kind {
        COUNT, NET, SHARE
    }

    private static String format(Number v, Kind kind) {
        if (v == null) {
            return "–";
        }
        return switch (kind) {
            case COUNT -> String.format(Locale.ENGLISH, "%,d", v.longValue());
            case NET -> String.format(Locale.ENGLISH, "%+.2f", v.doubleValue());
            case SHARE -> String.format(Locale.ENGLISH, "%.0f%%", 100 * v.doubleValue());
        };
    }

    private Component kpi(String id, String label, Dashboard.Kpi k, Kind kind, int fewPosts) {
        Span l = new Span(label);
        l.addClassName("rp-kpi-label");
        Div v = new Div(format(k.value(), kind));
        v.addClassName("rp-kpi-value");
        String change;
        String direction = "";
        if (k.change() == null) {
            change = "nothing to compare with";
        } else {
            double c = k.change().doubleValue();
            direction = c > 0 ? "▲ " : c < 0 ? "▼ " : "= ";
            change = switch (kind) {
                case COUNT -> (k.relativeChange() == null ? String.format(Locale.ENGLISH, "%+,d", k.change().longValue())
                        : String.format(Locale.ENGLISH, "%+.0f%%", 100 * k.relativeChange()));
                case NET -> String.format(Locale.ENGLISH, "%+.2f", c);
                case SHARE -> String.format(Locale.ENGLISH, "%+.0f points", 100 * c);
            };
        }
        Div delta = new Div(k.change() == null ? "Previous period: " + format(k.previous(), kind) + ", " + change
                : direction + change + " vs previous period (" + format(k.previous(), kind) + ")");
        delta.addClassName("rp-kpi-change");
        com.vaadin.flow.component.HtmlContainer card = canSearch ? new Anchor(DrillDowns.url(k.drillDown()), "")
                : new Div();
        card.add(l, v, delta);
        Div definition = new Div(k.definition());
        definition.addClassName("rp-muted");
        card.add(definition);
        if (k.few()) {
            Span warning = new Span("Rests on " + k.basis() + " posts (fewer than " + fewPosts
                    + "): read with care.");
            warning.addClassName("rp-warning");
            card.add(warning);
        }
        card.setId(id);
        card.addClassName("rp-card");
        card.addClassName("rp-kpi");
        if (canSearch) {
            card.getElement().setAttribute("title", "Open the posts behind this figure");
        }
        card.getStyle().set("flex", "1 1 10em");
        return card;
    }

    // Timeline with spikes

    private Component timeline(Dashboard d) {
        Dashboard.Timeline t = d.timeline();
        DateTimeFormatter f = t.interval() == Interval.HOUR ? HOUR : DAY;
        List<String> categories = new ArrayList<>();
        List<Long> neg = new ArrayList<>();
        List<Long> neu = new ArrayList<>();
        List<Long> pos = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        List<Double> net = new ArrayList<>();
        for (Dashboard.Bucket b : t.buckets()) {
            categories.add(f.format(b.start()));
            neg.add(b.negative());
            neu.add(b.neutral());
            pos.add(b.positive());
            other.add(b.unscored() + b.pending());
            net.add(b.few() ? null : b.net()); // a net sentiment of 2 posts is noise, not a trend
        }
        List<StackedBarChart.Marker> markers = new ArrayList<>();
        for (Dashboard.Marker m : t.markers()) {
            String category = categoryOf(t, m.at(), f);
            if (category != null) {
                markers.add("announcement".equals(m.type()) ? new StackedBarChart.Marker(category, "Announced")
                        : new StackedBarChart.Marker(category, "Statement: " + m.label(), GroupColors.of("union-guild")));
            }
        }
        List<StackedBarChart.Pin> pins = new ArrayList<>();
        List<Dashboard.Spike> spikes = d.spikes().spikes();
        for (int i = 0; i < spikes.size(); i++) {
            String category = categoryOf(t, spikes.get(i).peak(), f);
            if (category != null) {
                pins.add(new StackedBarChart.Pin(category, "Spike " + (i + 1)));
            }
        }
        StackedBarChart chart = new StackedBarChart();
        chart.setId("volume-chart");
        chart.setData(categories, List.of(
                new StackedBarChart.Series("Negative", SentimentColors.NEGATIVE, neg),
                new StackedBarChart.Series("Neutral", SentimentColors.NEUTRAL, neu),
                new StackedBarChart.Series("Positive", SentimentColors.POSITIVE, pos),
                new StackedBarChart.Series("Not scored", SentimentColors.UNSCORED, other)),
                "posts", markers, new StackedBarChart.Line("Net sentiment", "#222222", net, "net", -1.0, 1.0), pins);
        Div explanation = new Div();
        explanation.setId("spike-explanation");
        chart.addClickListener(c -> {
            if ("markPoint".equals(c.component()) && c.name().startsWith("Spike ")) {
                int n = Integer.parseInt(c.name().substring(6)) - 1;
                if (n >= 0 && n < spikes.size()) {
                    explain(explanation, spikes.get(n), n, t.interval());
                }
            } else if ("series".equals(c.component()) && c.index() >= 0 && c.index() < t.buckets().size()) {
                open(t.buckets().get(c.index()).drillDown());
            }
        });
        HorizontalLayout spikeButtons = new HorizontalLayout();
        spikeButtons.setWrap(true);
        spikeButtons.setId("spike-list");
        for (int i = 0; i < spikes.size(); i++) {
            Dashboard.Spike s = spikes.get(i);
            int n = i;
            Button b = new Button("Spike " + (i + 1) + ": " + (t.interval() == Interval.HOUR ? MOMENT : LONG_DAY)
                    .format(s.peak()) + " · " + String.format(Locale.ENGLISH, "%,d", s.posts()) + " posts",
                    x -> explain(explanation, s, n, t.interval()));
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
            b.setId("spike-" + (i + 1));
            spikeButtons.add(b);
        }
        Paragraph note = new Paragraph((spikes.isEmpty() ? "No spike in this period. " : "Click a pin or a spike "
                + "to see why it happened. ") + "A spike: " + d.spikes().method().description()
                + " Click a bar for its posts. Dashed lines: the announcement and each union or guild statement. "
                + "Net sentiment is drawn where a bucket has at least " + d.fewPosts() + " posts. "
                + "Sentiment by the ReelPulse model for English, French, German and Spanish posts; other languages "
                + "are counted as not scored.");
        note.addClassName("rp-muted");
        Div card = card("timeline-card", "The reaction over time, by sentiment", chart, spikeButtons, explanation,
                note, new ChartTable(chart, "Bucket (UTC)", link(i -> t.buckets().get(i).drillDown())));
        card.getStyle().set("flex", "1 1 100%");
        return card;
    }

    private static String categoryOf(Dashboard.Timeline t, Instant at, DateTimeFormatter f) {
        for (Dashboard.Bucket b : t.buckets()) {
            if (!at.isBefore(b.start()) && at.isBefore(b.end())) {
                return f.format(b.start());
            }
        }
        return null;
    }

    private void explain(Div panel, Dashboard.Spike s, int n, Interval interval) {
        panel.removeAll();
        panel.addClassName("rp-spike");
        DateTimeFormatter f = interval == Interval.HOUR ? MOMENT : LONG_DAY;
        panel.add(new H3("Why spike " + (n + 1) + " happened"));
        Paragraph summary = new Paragraph(String.format(Locale.ENGLISH,
                "%s to %s: %,d posts; the busiest %s had %,d, against a usual %,.0f (threshold %,.0f), judged "
                        + "on %s – %s.", f.format(s.start()), f.format(s.end().minusSeconds(1)), s.posts(),
                interval.key(), s.peakPosts(), s.baselineMedian(), s.threshold(), LONG_DAY.format(s.baselineFrom()),
                LONG_DAY.format(s.baselineTo().minusSeconds(1))));
        summary.add(new Span(" "), drill(s.drillDown(), "Open its posts"));
        panel.add(summary);
        FlexLayout parts = grid();
        parts.add(list("spike-terms", "Words and phrases that set it apart", s.terms().stream().map(x -> drill(
                x.drillDown(), x.term() + " (" + x.inSpike() + " vs " + x.inBaseline() + ")")).toList()));
        parts.add(list("spike-hashtags", "Hashtags and mentions", s.hashtags().stream().map(x -> drill(
                x.drillDown(), x.term() + " (" + x.inSpike() + " vs " + x.inBaseline() + ")")).toList()));
        parts.add(list("spike-groups", "Who moved (share of the spike vs before)", s.groups().stream()
                .map(g -> drill(g.drillDown(), String.format(Locale.ENGLISH, "%s: %.0f%% (was %s)",
                        g.label(), 100 * g.spikeShare(),
                        g.baselineShare() == null ? "–" : String.format(Locale.ENGLISH, "%.0f%%", 100 * g.baselineShare()))))
                .toList()));
        parts.add(list("spike-authors", "Authors who amplified it most", s.topAuthors().stream()
                .map(a -> drill(a.drillDown(), a.author() + " (" + a.groupLabel() + ", "
                        + String.format(Locale.ENGLISH, "%,d", a.engagement()) + " engagement)"))
                .toList()));
        panel.add(parts);
        FlexLayout posts = grid();
        posts.add(postList("spike-first-posts", "The first posts", s.firstPosts()),
                postList("spike-top-posts", "The posts that drew most engagement", s.topPosts()));
        panel.add(posts);
        panel.getElement().callJsFunction("scrollIntoView");
    }

    private static Div list(String id, String title, List<Component> items) {
        Div box = new Div(new H3(title));
        box.setId(id);
        box.getStyle().set("flex", "1 1 16em");
        if (items.isEmpty()) {
            box.add(new Paragraph("–"));
        }
        for (Component c : items) {
            Div line = new Div(c);
            line.addClassName("rp-list-item");
            box.add(line);
        }
        return box;
    }

    private Div postList(String id, String title, List<Dashboard.PostCard> posts) {
        Div box = new Div(new H3(title));
        box.setId(id);
        box.getStyle().set("flex", "1 1 24em");
        if (posts.isEmpty()) {
            box.add(new Paragraph("–"));
        }
        posts.forEach(p -> box.add(postCard(p)));
        return box;
    }

    private Div postCard(Dashboard.PostCard p) {
        Div meta = new Div();
        meta.addClassName("rp-muted");
        meta.add(new Span(MOMENT.format(p.publishedAt()) + " · " + p.source() + " · "
                + (p.authorName() != null ? p.authorName() + " (" + p.author() + ")" : p.author()) + " · "
                + groupLabels.getOrDefault(p.group(), p.group() == null ? "group not known yet" : p.group()) + " · "
                + String.format(Locale.ENGLISH, "%,d", p.engagement()) + " engagement "));
        if (p.sentiment() != null) {
            meta.add(new SentimentBadge(p.sentiment(), p.score()));
        }
        Paragraph text = new Paragraph(p.excerpt()); // text, never markup: post text is untrusted
        text.addClassName("rp-post-text");
        Div card = new Div(meta, text);
        if (p.url() != null) {
            Anchor original = new Anchor(p.url(), "Original");
            original.setTarget("_blank");
            original.getElement().setAttribute("rel", "noopener noreferrer");
            card.add(original);
        }
        card.addClassName("rp-post-card");
        return card;
    }

    // Who is speaking

    private Component groupsCard(Dashboard d) {
        List<Dashboard.GroupVoice> gs = d.groups();
        List<String> labels = gs.stream().map(Dashboard.GroupVoice::label).toList();
        List<StackedBarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < gs.size(); i++) {
            List<Long> values = new ArrayList<>();
            for (int j = 0; j < gs.size(); j++) {
                values.add(i == j ? gs.get(i).posts() : 0L);
            }
            series.add(new StackedBarChart.Series(gs.get(i).label(), GroupColors.of(gs.get(i).group()), values));
        }
        StackedBarChart byGroup = new StackedBarChart();
        byGroup.setId("groups-chart");
        byGroup.setHeight("300px");
        byGroup.setData(labels, series, "posts", List.of(), new StackedBarChart.Line("Net sentiment", "#222222",
                gs.stream().map(Dashboard.GroupVoice::net).toList(), "net", -1.0, 1.0), List.of());
        byGroup.addClickListener(c -> {
            if ("series".equals(c.component()) && c.index() >= 0 && c.index() < gs.size()) {
                open(gs.get(c.index()).drillDown());
            }
        });
        // over time: one stacked series per group
        List<String> categories = new ArrayList<>();
        DateTimeFormatter f = d.period().interval() == Interval.HOUR ? HOUR : DAY;
        if (!gs.isEmpty()) {
            gs.get(0).series().forEach(pt -> categories.add(f.format(pt.start())));
        }
        List<StackedBarChart.Series> overTime = gs.stream().map(g -> new StackedBarChart.Series(g.label(),
                GroupColors.of(g.group()), g.series().stream().map(Dashboard.Point::posts).toList())).toList();
        StackedBarChart time = new StackedBarChart();
        time.setId("groups-time-chart");
        time.setHeight("260px");
        time.setData(categories, overTime, "posts", (StackedBarChart.Marker) null);
        time.addClickListener(c -> {
            int gi = labels.indexOf(c.series());
            if ("series".equals(c.component()) && gi >= 0 && c.index() >= 0
                    && c.index() < gs.get(gi).series().size()) {
                open(gs.get(gi).series().get(c.index()).drillDown());
            }
        });
        Grid<Dashboard.GroupVoice> table = new Grid<>();
        table.setId("groups-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.addComponentColumn(g -> drill(g.drillDown(), g.label())).setHeader("Group").setFlexGrow(2);
        table.addColumn(g -> String.format(Locale.ENGLISH, "%,d", g.posts())).setHeader("Posts");
        table.addColumn(g -> g.share() == null ? "–" : String.format(Locale.ENGLISH, "%.0f%%", 100 * g.share()))
                .setHeader("Share");
        table.addColumn(g -> (g.net() == null ? "–" : String.format(Locale.ENGLISH, "%+.2f", g.net()))
                + (g.few() ? " (few)" : "")).setHeader("Net");
        table.addColumn(g -> g.relativeChange() == null ? "new" : String.format(Locale.ENGLISH, "%+.0f%%",
                100 * g.relativeChange())).setHeader("vs before");
        table.setItems(gs);
        return card("groups-card", "Who is speaking", byGroup, new ChartTable(byGroup, "Group", link(i -> gs.get(i).drillDown())), time,
                new ChartTable(time, "Bucket (UTC)"), table);
    }

    // Labour concerns

    private Component themesCard(Dashboard d) {
        List<Dashboard.ThemeStat> ts = d.themes();
        StackedBarChart chart = new StackedBarChart();
        chart.setId("themes-chart");
        chart.setHeight("300px");
        chart.setStacked(false);
        chart.setData(ts.stream().map(Dashboard.ThemeStat::label).toList(), List.of(
                new StackedBarChart.Series("This period", SentimentColors.SERIES.get(1),
                        ts.stream().map(Dashboard.ThemeStat::posts).toList()),
                new StackedBarChart.Series("Previous period", "#bbbbbb",
                        ts.stream().map(Dashboard.ThemeStat::previousPosts).toList())),
                "posts", List.of(), new StackedBarChart.Line("Net sentiment", "#222222",
                        ts.stream().map(Dashboard.ThemeStat::net).toList(), "net", -1.0, 1.0), List.of());
        chart.addClickListener(c -> {
            if ("series".equals(c.component()) && c.index() >= 0 && c.index() < ts.size()) {
                open(ts.get(c.index()).drillDown());
            }
        });
        Grid<Dashboard.ThemeStat> table = new Grid<>();
        table.setId("themes-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.addComponentColumn(x -> drill(x.drillDown(), x.label())).setHeader("Concern").setFlexGrow(2);
        table.addColumn(x -> String.format(Locale.ENGLISH, "%,d", x.posts())).setHeader("Posts");
        table.addColumn(x -> x.share() == null ? "–" : String.format(Locale.ENGLISH, "%.0f%%", 100 * x.share()))
                .setHeader("Of all");
        table.addColumn(x -> (x.net() == null ? "–" : String.format(Locale.ENGLISH, "%+.2f", x.net()))
                + (x.few() ? " (few)" : "")).setHeader("Net");
        table.addColumn(x -> trend(x.change(), x.relativeChange())).setHeader("Trend");
        table.setItems(ts);
        return card("themes-card", "Labour concerns", chart, new ChartTable(chart, "Concern",
                link(i -> ts.get(i).drillDown())), table);
    }

    private static String trend(long change, Double relative) {
        String arrow = change > 0 ? "▲ " : change < 0 ? "▼ " : "= ";
        return arrow + (relative == null ? String.format(Locale.ENGLISH, "%+,d", change)
                : String.format(Locale.ENGLISH, "%+.0f%%", 100 * relative));
    }

    private Component craftsCard(Dashboard d) {
        List<Dashboard.CraftStat> cs = d.crafts();
        StackedBarChart chart = new StackedBarChart();
        chart.setId("crafts-chart");
        chart.setHeight("300px");
        chart.setStacked(false);
        chart.setData(cs.stream().map(Dashboard.CraftStat::label).toList(), List.of(
                new StackedBarChart.Series("This period", SentimentColors.SERIES.get(2),
                        cs.stream().map(Dashboard.CraftStat::posts).toList()),
                new StackedBarChart.Series("Previous period", "#bbbbbb",
                        cs.stream().map(Dashboard.CraftStat::previousPosts).toList())),
                "posts", List.of(), List.<StackedBarChart.Line>of(), List.of());
        chart.addClickListener(c -> {
            if ("series".equals(c.component()) && c.index() >= 0 && c.index() < cs.size()) {
                open(cs.get(c.index()).drillDown());
            }
        });
        return card("crafts-card", "Crafts mentioned", chart, new ChartTable(chart, "Craft",
                link(i -> cs.get(i).drillDown())));
    }

    // Statements

    private Component statementsCard(Dashboard d) {
        Dashboard.Statements st = d.statements();
        Div list = new Div();
        list.setId("statements");
        if (st.items().isEmpty()) {
            list.add(new Paragraph("No union or guild statement in this period."));
        }
        for (Dashboard.Statement s : st.items()) {
            Div item = new Div();
            item.addClassName("rp-statement");
            Div meta = new Div(new Span(MOMENT.format(s.at()) + " · "
                    + (s.authorName() != null ? s.authorName() : s.author()) + " · "
                    + (s.stance() == null ? "stance not read" : stanceText(s.stance()))));
            meta.addClassName("rp-muted");
            item.add(meta);
            if (s.keySentence() != null) {
                Div q = new Div("“" + s.keySentence().text() + "”");
                q.addClassName("rp-quote");
                q.getElement().setAttribute("title", s.keySentence().why());
                item.add(q);
            }
            Dashboard.Reaction r = s.reaction();
            if (r != null) {
                Div reaction = new Div(drill(r.drillDown(), String.format(Locale.ENGLISH,
                        "Public reaction in the next %d hours: %,d posts, net %s%s",
                        java.time.Duration.between(r.from(), r.to()).toHours(), r.posts(),
                        r.net() == null ? "–" : String.format(Locale.ENGLISH, "%+.2f", r.net()),
                        r.few() ? " (few posts)" : "")));
                item.add(reaction);
            }
            if (s.url() != null) {
                Anchor original = new Anchor(s.url(), "Original");
                original.setTarget("_blank");
                original.getElement().setAttribute("rel", "noopener noreferrer");
                item.add(original);
            }
            list.add(item);
        }
        Paragraph definition = new Paragraph(st.definition());
        definition.addClassName("rp-muted");
        return card("statements-card", "Union and guild statements (" + st.total() + ")", list,
                drill(st.drillDown(), "All statements in the search"), definition);
    }

    private static String stanceText(String stance) {
        return switch (stance) {
            case "opposes" -> "opposes the deal";
            case "supports" -> "supports the deal";
            default -> "neutral toward the deal";
        };
    }

    // Top posts and authors

    private Component topPostsCard(Dashboard d) {
        Div list = new Div();
        list.setId("top-posts");
        d.topPosts().posts().forEach(p -> list.add(postCard(p)));
        return card("top-posts-card", "Top posts by engagement", list,
                drill(d.topPosts().drillDown(), "All posts by engagement"));
    }

    private Component topAuthorsCard(Dashboard d) {
        Grid<Dashboard.TopAuthor> table = new Grid<>();
        table.setId("top-authors");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.addComponentColumn(a -> drill(a.drillDown(), a.author())).setHeader("Author").setFlexGrow(2);
        table.addColumn(Dashboard.TopAuthor::groupLabel).setHeader("Group").setFlexGrow(1);
        table.addColumn(a -> String.format(Locale.ENGLISH, "%,d", a.posts())).setHeader("Posts");
        table.addColumn(a -> String.format(Locale.ENGLISH, "%,d", a.engagement())).setHeader("Engagement");
        table.setItems(d.topAuthors());
        return card("top-authors-card", "Top authors by engagement", table);
    }

    private Component shareCard(String id, String title, List<Dashboard.Share> shares,
            Function<String, String> label) {
        StackedBarChart chart = new StackedBarChart();
        chart.setId(id + "-chart");
        chart.setHeight("240px");
        chart.setData(shares.stream().map(s -> label.apply(s.value())).toList(), List.of(
                new StackedBarChart.Series("Posts", SentimentColors.SERIES.get(1),
                        shares.stream().map(Dashboard.Share::posts).toList())),
                "posts", List.of(), new StackedBarChart.Line("Net sentiment", "#222222",
                        shares.stream().map(Dashboard.Share::net).toList(), "net", -1.0, 1.0), List.of());
        chart.addClickListener(c -> {
            if ("series".equals(c.component()) && c.index() >= 0 && c.index() < shares.size()) {
                open(shares.get(c.index()).drillDown());
            }
        });
        Div card = card(id, title, chart, new ChartTable(chart, title, link(i -> shares.get(i).drillDown())));
        card.getStyle().set("flex", "1 1 24em");
        return card;
    }
}
