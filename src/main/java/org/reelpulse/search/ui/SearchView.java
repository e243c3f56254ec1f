package org.reelpulse.search.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.HighlightedText;
import org.reelpulse.base.ui.SentimentBadge;
import org.reelpulse.search.PostSearcher;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelRulesService;
import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.search.SavedSearch;
import org.reelpulse.search.SavedSearchService;
import org.reelpulse.search.SearchService;
import org.reelpulse.search.QueryCompletion;
import org.reelpulse.search.QueryHelp;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.details.DetailsVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import jakarta.annotation.security.RolesAllowed;

/**
 * The analysts' search: a query in the search language, a period and an order; hits with their
 * matches marked, loaded page by page. Everything is in the URL
 * ({@code /search?q=…&sort=recent&from=2024-09-18&to=2024-09-30}), so a search can be shared.
 */
@Route("search")
@PageTitle("Search · ReelPulse")
@Menu(title = "Search", order = 1, icon = "vaadin:search")
@RolesAllowed("ANALYST")
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("'week of' d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The facets shown beside the hits, in this order, with a heading each. */
    private static final Map<String, String> FACETS = facetHeadings();
    private static final int FACET_VALUES = 8;

    private final SearchService service;
    private final SavedSearchService saved;
    private final transient AuthenticationContext auth;
    private final List<String> filters = new java.util.ArrayList<>();
    private final Div facets = new Div();
    private final HorizontalLayout activeFilters = new HorizontalLayout();
    private final Details savedSearches = new Details();
    private final Checkbox collapse = new Checkbox("Count reposts and copies once");
    private final StackedBarChart chart = new StackedBarChart();
    private final Details chartPanel = new Details();
    private final Details termsPanel = new Details();
    private final Anchor exportCsv = new Anchor();
    private final Anchor exportNdjson = new Anchor();
    private final TextField query = new TextField();
    private final Select<PostSearcher.SortOrder> sort = new Select<>();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Div error = new Div();
    private final Span total = new Span();
    private final Grid<SearchService.Result> grid = new Grid<>();

    private final LabelRulesService rules;
    private final org.reelpulse.event.EventService eventService;

    public SearchView(SearchService service, SavedSearchService saved, AuthenticationContext auth,
            LabelRulesService rules, QueryCompletion completion,
            org.reelpulse.event.EventService eventService) {
        this.eventService = eventService;
        this.rules = rules;
        this.service = service;
        this.saved = saved;
        this.auth = auth;
        addClassName("rp-view");
        setSizeFull();

        query.setId("query");
        query.setLabel("Query");
        query.setPlaceholder("lionsgate AND runway, \"job security\", replac*, source:union");
        query.setHelperText("Words are joined by AND; use OR, NOT, \"phrases\", wildcards* and fields "
                + "(source:, lang:, theme:, group:, stance:, likes:>100, published:[2024-09-18 TO 2024-09-25] …).");
        query.setWidth("36em");
        query.setClearButtonVisible(true);
        query.addKeyPressListener(Key.ENTER, e -> submit());
        sort.setId("sort");
        sort.setLabel("Order");
        sort.setItems(PostSearcher.SortOrder.values());
        sort.setItemLabelGenerator(o -> switch (o) {
            case RELEVANCE -> "Most relevant";
            case RECENT -> "Most recent";
            case ENGAGEMENT -> "Most engagement";
        });
        sort.setValue(PostSearcher.SortOrder.RELEVANCE);
        from.setId("from");
        to.setId("to");
        Button search = new Button("Search", e -> submit());
        search.setId("search-button");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button save = new Button("Save…", e -> openSave());
        save.setId("save-search");
        savedSearches.setId("saved-searches");
        savedSearches.addThemeVariants(DetailsVariant.SMALL);
        collapse.setId("collapse");
        collapse.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                submit();
            }
        });
        Button asTheme = new Button("Make it a theme…", e -> openAsTheme());
        asTheme.setId("as-theme");
        asTheme.setVisible(auth.hasRole("ADMIN"));
        Button asEvent = new Button("Track as an event…", e -> openAsEvent());
        asEvent.setId("as-event");
        HorizontalLayout form = new HorizontalLayout(query, sort, from, to, search, save, asTheme, asEvent, collapse);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        error.setId("query-error");
        error.addClassName("rp-error");
        error.setVisible(false);
        total.setId("total");
        total.addClassName("rp-muted");

        grid.setId("hits");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> WHEN.format(r.post().publishedAt())).setHeader("Published (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.post().source()).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.post().author().handle()).setHeader("Author").setWidth("10em").setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(r -> r.sentiment() == null ? new SentimentBadge(null, null)
                : new SentimentBadge(r.sentiment().label().key(), r.sentiment().score())))
                .setHeader("Sentiment").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(r -> new HighlightedText(r.highlight()))).setHeader("Text")
                .setWidth("22em").setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(r -> {
            Anchor detail = new Anchor("posts/" + r.post().id(), "Details");
            detail.addClassName("rp-detail-link");
            VerticalLayout links = new VerticalLayout(detail);
            links.setPadding(false);
            links.setSpacing(false);
            if (r.post().url() != null && r.post().url().startsWith("http")) {
                Anchor original = new Anchor(r.post().url(), "Original");
                original.setTarget("_blank");
                original.getElement().setAttribute("rel", "noopener noreferrer");
                links.add(original);
            }
            return links;
        })).setHeader("Links").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();

        activeFilters.setId("active-filters");
        activeFilters.setSpacing(true);
        facets.setId("facets");
        facets.addClassName("rp-facets");
        VerticalLayout results = new VerticalLayout(grid);
        results.setPadding(false);
        results.setSizeFull();
        results.setFlexGrow(1, grid);
        HorizontalLayout body = new HorizontalLayout(facets, results);
        body.setSizeFull();
        body.setFlexGrow(1, results);
        chart.setId("search-chart");
        chart.setWidthFull();
        chart.setHeight("260px");
        chartPanel.setId("chart-panel");
        chartPanel.setSummaryText("Chart this search: posts by sentiment over time");
        chartPanel.setContent(chart);
        chartPanel.setWidthFull();
        exportCsv.setId("export-csv");
        exportCsv.setText("Export CSV");
        exportCsv.getElement().setAttribute("download", true);
        exportNdjson.setId("export-ndjson");
        exportNdjson.setText("Export NDJSON");
        exportNdjson.getElement().setAttribute("download", true);
        HorizontalLayout totals = new HorizontalLayout(total, exportCsv, exportNdjson);
        totals.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        results.addComponentAsFirst(totals);
        termsPanel.setId("terms-panel");
        termsPanel.setSummaryText("What this search is about: the words and phrases that set it apart");
        termsPanel.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                showTerms();
            }
        });
        add(form, new QueryCompletionList(completion, query.getId().orElseThrow()), help(), savedSearches, error, activeFilters, chartPanel, termsPanel, body);
        setFlexGrow(1, body);
    }

    private void submit() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("q", List.of(query.getValue().trim()));
        if (sort.getValue() != PostSearcher.SortOrder.RELEVANCE) {
            params.put("sort", List.of(sort.getValue().name().toLowerCase(Locale.ROOT)));
        }
        if (from.getValue() != null) {
            params.put("from", List.of(from.getValue().toString()));
        }
        if (to.getValue() != null) {
            params.put("to", List.of(to.getValue().toString()));
        }
        if (!filters.isEmpty()) {
            params.put("f", List.copyOf(filters));
        }
        if (collapse.getValue()) {
            params.put("collapse", List.of("true"));
        }
        getUI().ifPresent(ui -> ui.navigate(SearchView.class, RouteParameters.empty(), new QueryParameters(params)));
    }

    /** The query that runs: what was typed, narrowed by every active filter. */
    private String effectiveQuery() {
        String q = query.getValue().trim();
        List<String> parts = new java.util.ArrayList<>();
        if (!q.isEmpty()) {
            parts.add(filters.isEmpty() ? q : "(" + q + ")");
        }
        parts.addAll(filters);
        return String.join(" AND ", parts);
    }

    private void showFilters() {
        activeFilters.removeAll();
        activeFilters.setVisible(!filters.isEmpty());
        for (String f : filters) {
            Button chip = new Button(f + "  ✕", e -> {
                filters.remove(f);
                submit();
            });
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            chip.addClassName("rp-filter");
            chip.getElement().setAttribute("title", "Remove this filter");
            activeFilters.add(chip);
        }
    }

    private void showFacets(String q, TimeWindow window) {
        facets.removeAll();
        Map<String, List<PostSearcher.FacetValue>> counted = service.facets(q, window, List.copyOf(FACETS.keySet()),
                FACET_VALUES);
        FACETS.forEach((field, heading) -> {
            List<PostSearcher.FacetValue> values = counted.getOrDefault(field, List.of());
            if (values.isEmpty()) {
                return;
            }
            Div section = new Div();
            section.setId("facet-" + field);
            Span title = new Span(heading);
            title.addClassName("rp-label-heading");
            section.add(title);
            for (PostSearcher.FacetValue v : values) {
                String filter = field + ":\"" + v.value().replace("\"", "") + "\"";
                Button value = new Button(String.format(Locale.ENGLISH, "%s (%,d)", v.value(), v.count()), e -> {
                    if (!filters.contains(filter)) {
                        filters.add(filter);
                    }
                    submit();
                });
                value.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                value.addClassName("rp-facet-value");
                section.add(new Div(value));
            }
            facets.add(section);
        });
    }

    private void openSave() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Save this search");
        TextField name = new TextField("Name");
        name.setId("saved-search-name");
        name.setWidthFull();
        Paragraph problem = new Paragraph();
        problem.addClassName("rp-error");
        problem.setVisible(false);
        Button ok = new Button("Save", e -> {
            try {
                saved.save(user(), name.getValue(), effectiveQuery(),
                        from.getValue() == null ? null : from.getValue().toString(),
                        to.getValue() == null ? null : to.getValue().toString(),
                        sort.getValue().name().toLowerCase(Locale.ROOT));
                dialog.close();
                refreshSaved();
                Notification.show("Saved. Open it again from Saved searches, or share the page's address.", 4000,
                        Notification.Position.BOTTOM_START);
            } catch (UserInputException ex) {
                problem.setText(ex.getMessage());
                problem.setVisible(true);
            }
        });
        ok.setId("save-search-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(name, problem));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
        name.focus();
    }

    /** The query language at a glance: every field with an example, and the operators. */
    private static Details help() {
        com.vaadin.flow.component.html.NativeTable table = new com.vaadin.flow.component.html.NativeTable();
        for (QueryHelp.Line r : QueryHelp.LINES) {
            com.vaadin.flow.component.html.NativeTableRow row = new com.vaadin.flow.component.html.NativeTableRow();
            com.vaadin.flow.component.html.NativeTableCell what = new com.vaadin.flow.component.html.NativeTableCell(r.syntax());
            com.vaadin.flow.component.html.NativeTableCell example = new com.vaadin.flow.component.html.NativeTableCell();
            example.add(new com.vaadin.flow.component.html.Code(r.example()));
            row.add(what, example, new com.vaadin.flow.component.html.NativeTableCell(r.meaning()));
            table.add(row);
        }
        table.addClassName("rp-help");
        Details help = new Details("How to write a query", table);
        help.setId("query-help");
        help.addThemeVariants(DetailsVariant.SMALL);
        return help;
    }

    /**
     * The significant terms of the current search, computed when the panel is opened; a click adds
     * the term to the query.
     */
    private void showTerms() {
        TimeWindow window = TimeWindow.parse(from.getValue() == null ? null : from.getValue().toString(),
                to.getValue() == null ? null : to.getValue().toString());
        Div terms = new Div();
        terms.setId("significant-terms");
        List<PostSearcher.SignificantTerm> found;
        try {
            found = service.significantTerms(effectiveQuery(), window, 25);
        } catch (UserInputException e) {
            return;
        }
        if (found.isEmpty()) {
            terms.add(new Paragraph("Nothing stands out: too few posts match, or they read like everything else."));
        }
        for (PostSearcher.SignificantTerm t : found) {
            Button term = new Button(t.term(), e -> {
                String add = t.term().contains(" ") ? "\"" + t.term() + "\"" : t.term();
                query.setValue(query.getValue().isBlank() ? add : query.getValue().trim() + " AND " + add);
                submit();
            });
            term.addThemeVariants(ButtonVariant.LUMO_SMALL);
            term.addClassName("rp-term");
            term.getElement().setAttribute("title", String.format(Locale.ENGLISH,
                    "in %,d of these posts, %,d of all posts", t.inResults(), t.inCorpus()));
            terms.add(term);
        }
        termsPanel.setContent(terms);
    }

    /** Posts per day by sentiment for the search (per week when that would be more than 120 days). */
    private void showChart(String q, TimeWindow window) {
        List<PostSearcher.Bucket> days = service.timeline(q, window, java.time.temporal.ChronoUnit.DAYS);
        if (days.size() > 120) {
            SentimentTimeline.show(chart, service.timeline(q, window, java.time.temporal.ChronoUnit.WEEKS),
                    WEEK, null);
        } else {
            SentimentTimeline.show(chart, days, DAY, null);
        }
    }

    /** Every match, with every field and label, streamed by the API (the session's login applies). */
    private String exportUrl(String q, String format) {
        StringBuilder url = new StringBuilder("api/export?format=" + format + "&q=" + encode(q));
        if (from.getValue() != null) {
            url.append("&from=").append(from.getValue());
        }
        if (to.getValue() != null) {
            url.append("&to=").append(to.getValue());
        }
        return url.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An ADMIN turns the search into a labour theme: its query becomes the theme's English query. */
    private void openAsTheme() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Make this search a labour theme");
        TextField name = new TextField("Name (theme:name)");
        name.setId("theme-name");
        TextField label = new TextField("Label");
        label.setId("theme-label");
        label.setWidthFull();
        Paragraph note = new Paragraph("The query becomes the theme's English query, which is also used for "
                + "languages without their own; add the other languages under Themes and crafts. Every stored "
                + "post is labelled again in the background. Dates and filters of the search are not part of a "
                + "theme: " + effectiveQuery());
        note.addClassName("rp-muted");
        Paragraph problem = new Paragraph();
        problem.addClassName("rp-error");
        problem.setVisible(false);
        Button ok = new Button("Create the theme", e -> {
            try {
                rules.save(LabelKind.THEME, name.getValue(), label.getValue(), Map.of("en", effectiveQuery()), user());
                dialog.close();
                Notification.show("Theme saved; search it as theme:" + name.getValue().strip() + " once posts are "
                        + "labelled again.", 5000, Notification.Position.BOTTOM_START);
            } catch (UserInputException ex) {
                problem.setText(ex.getMessage());
                problem.setVisible(true);
            }
        });
        ok.setId("theme-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(name, label, note, problem));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
    }

    /** The search becomes a tracked event: the dashboard shows it, and stance is judged toward it. */
    private void openAsEvent() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Track this search as an event");
        TextField name = new TextField("Name");
        name.setId("event-name");
        name.setWidthFull();
        TextField slug = new TextField("Short name for links (lower-case, hyphens)");
        slug.setId("event-slug");
        DatePicker announced = new DatePicker("Announced on (optional)");
        DatePicker windowFrom = new DatePicker("Watch from");
        DatePicker windowTo = new DatePicker("Watch until");
        windowFrom.setValue(from.getValue());
        windowTo.setValue(to.getValue());
        Paragraph problem = new Paragraph();
        problem.addClassName("rp-error");
        problem.setVisible(false);
        Button ok = new Button("Track it", e -> {
            String s = slug.getValue().strip().toLowerCase(Locale.ROOT);
            try {
                eventService.create(new org.reelpulse.event.EventInput(s, name.getValue(), null, List.of(),
                        announced.getValue() == null ? null : announced.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        effectiveQuery(), Map.of(), null,
                        windowFrom.getValue() == null ? null : windowFrom.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        windowTo.getValue() == null ? null
                                : windowTo.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            } catch (UserInputException refused) {
                problem.setText(refused.getMessage());
                problem.setVisible(true);
                return;
            }
            dialog.close();
            Notification.show("Tracked: open it on the dashboard (/?event=" + s + ").", 5000,
                    Notification.Position.BOTTOM_START);
        });
        ok.setId("event-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(name, slug, announced, new HorizontalLayout(windowFrom, windowTo), problem));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
    }

    /** The user's saved searches as links: open one, or copy its address to share it. */
    private void refreshSaved() {
        List<SavedSearch> mine = saved.list(user());
        savedSearches.setSummaryText("Saved searches (" + mine.size() + ")");
        savedSearches.setVisible(!mine.isEmpty());
        Div links = new Div();
        for (SavedSearch x : mine) {
            Anchor link = new Anchor(x.url().substring(1), x.name());
            link.addClassName("rp-saved-search");
            link.getElement().setAttribute("title", x.query());
            links.add(new Div(link));
        }
        savedSearches.setContent(links);
    }

    private String user() {
        return auth.getPrincipalName().orElse("anonymous");
    }

    private static Map<String, String> facetHeadings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sentiment", "Sentiment");
        m.put("stance", "Stance");
        m.put("group", "Stakeholder group");
        m.put("theme", "Labour theme");
        m.put("craft", "Craft");
        m.put("source", "Source");
        m.put("lang", "Language");
        m.put("entity", "Organisations and people");
        m.put("author", "Top authors");
        return m;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters p = event.getLocation().getQueryParameters();
        String q = p.getSingleParameter("q").orElse("");
        query.setValue(q);
        sort.setValue(p.getSingleParameter("sort").map(s -> {
            try {
                return PostSearcher.SortOrder.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return PostSearcher.SortOrder.RELEVANCE;
            }
        }).orElse(PostSearcher.SortOrder.RELEVANCE));
        from.setValue(date(p.getSingleParameter("from").orElse(null)));
        to.setValue(date(p.getSingleParameter("to").orElse(null)));
        filters.clear();
        filters.addAll(p.getParameters().getOrDefault("f", List.of()));
        collapse.setValue(p.getSingleParameter("collapse").map("true"::equals).orElse(false));
        showFilters();
        refreshSaved();
        run(effectiveQuery());
    }

    private void run(String q) {
        error.setVisible(false);
        try {
            TimeWindow window = TimeWindow.parse(from.getValue() == null ? null : from.getValue().toString(),
                    to.getValue() == null ? null : to.getValue().toString());
            PostSearcher.SortOrder order = sort.getValue();
            long all = service.count(q, window); // also checks the query before the grid asks
            boolean once = collapse.getValue();
            long count = once ? service.countCollapsed(q, window) : all;
            total.setText(once ? String.format(Locale.ENGLISH, "%,d posts (%,d with reposts and copies)", count, all)
                    : String.format(Locale.ENGLISH, "%,d posts", count));
            showFacets(q, window);
            showChart(q, window);
            termsPanel.setContent(new Div());
            if (termsPanel.isOpened()) {
                showTerms();
            }
            exportCsv.setHref(exportUrl(q, "csv"));
            exportNdjson.setHref(exportUrl(q, "ndjson"));
            grid.setItems(
                    page -> (once ? service.searchCollapsed(q, window, order, page.getOffset(), page.getLimit())
                            : service.search(q, window, order, page.getOffset(), page.getLimit())).results().stream(),
                    page -> (int) Math.min(once ? PostSearcher.COLLAPSE_SCAN : Integer.MAX_VALUE, count));
            grid.setVisible(true);
        } catch (UserInputException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
            total.setText("");
            grid.setVisible(false);
            facets.removeAll();
        }
    }

    /** A day from the URL; null when absent or not a day. */
    static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
