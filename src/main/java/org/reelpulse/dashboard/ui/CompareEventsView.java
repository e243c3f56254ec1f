package org.reelpulse.dashboard.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.ChartTable;
import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.dashboard.EventComparison;
import org.reelpulse.event.TrackedEvent;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * Up to four tracked events side by side, aligned on their announcement day (day 0): posts per day,
 * net sentiment, the share raising labour concerns and union statements, with each event's totals.
 * The state is in the URL ({@code /compare-events?event=a&event=b&from=-2&to=14}).
 */
@Route("compare-events")
@PageTitle("Events compared · ReelPulse")
@Menu(title = "Events compared", order = 1, icon = "vaadin:chart-timeline")
@PermitAll
public class CompareEventsView extends VerticalLayout implements BeforeEnterObserver {

    private final DashboardService service;
    private final MultiSelectComboBox<TrackedEvent> events = new MultiSelectComboBox<>("Events (up to 4)");
    private final IntegerField fromDay = new IntegerField("From day");
    private final IntegerField toDay = new IntegerField("To day");
    private final Div error = new Div();
    private final VerticalLayout content = new VerticalLayout();
    /** Viewers read the comparison; the posts behind a figure open in the search, for analysts and admins. */
    private final boolean canSearch;

    public CompareEventsView(DashboardService service, com.vaadin.flow.spring.security.AuthenticationContext auth) {
        this.service = service;
        this.canSearch = auth.hasRole("ANALYST") || auth.hasRole("ADMIN");
        addClassName("rp-view");
        Paragraph intro = new Paragraph("Tracked events aligned on the day each was announced (day 0, UTC): how "
                + "fast and how hard the reaction came, side by side. Net sentiment is (positive − negative) / "
                + "(positive + negative); a labour concern is any of the labour themes.");
        intro.addClassName("rp-muted");
        events.setId("compare-events");
        events.setItemLabelGenerator(TrackedEvent::name);
        events.setWidth("28em");
        fromDay.setId("compare-from-day");
        fromDay.setStepButtonsVisible(true);
        fromDay.setMin(-DashboardService.MAX_DAYS);
        fromDay.setMax(0);
        toDay.setId("compare-to-day");
        toDay.setStepButtonsVisible(true);
        toDay.setMin(0);
        toDay.setMax(DashboardService.MAX_DAYS);
        Button run = new Button("Compare", e -> navigate());
        run.setId("compare-events-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(events, fromDay, toDay, run);
        form.setWrap(true);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        error.setId("compare-events-error");
        error.addClassName("rp-error");
        error.setVisible(false);
        content.setPadding(false);
        add(intro, form, error, content);
    }

    private void navigate() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("event", events.getSelectedItems().stream().map(TrackedEvent::slug).toList());
        if (fromDay.getValue() != null) {
            params.put("from", List.of(Integer.toString(fromDay.getValue())));
        }
        if (toDay.getValue() != null) {
            params.put("to", List.of(Integer.toString(toDay.getValue())));
        }
        getUI().ifPresent(ui -> ui.navigate(CompareEventsView.class, new QueryParameters(params)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters p = event.getLocation().getQueryParameters();
        List<TrackedEvent> all = service.events();
        events.setItems(all);
        List<String> slugs = new ArrayList<>(p.getParameters().getOrDefault("event", List.of()));
        if (slugs.isEmpty()) {
            // the events with an announcement, up to four, to start with
            all.stream().filter(e -> e.announcedAt() != null).limit(DashboardService.MAX_COMPARED)
                    .forEach(e -> slugs.add(e.slug()));
        }
        events.setValue(new LinkedHashSet<>(all.stream().filter(e -> slugs.contains(e.slug())).toList()));
        content.removeAll();
        error.setVisible(false);
        try {
            int from = p.getSingleParameter("from").map(CompareEventsView::day).orElse(-2);
            int to = p.getSingleParameter("to").map(CompareEventsView::day).orElse(14);
            fromDay.setValue(from);
            toDay.setValue(to);
            if (slugs.isEmpty()) {
                content.add(new Paragraph("No tracked event has an announcement date yet: give one under Tracked "
                        + "events to compare it."));
                return;
            }
            show(service.compare(slugs, from, to));
        } catch (UserInputException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }

    private static int day(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException("Days are whole numbers from the announcement (-2, 0, 14), not '" + value
                    + "'.");
        }
    }

    private void show(EventComparison c) {
        List<String> days = new ArrayList<>();
        for (int d = c.fromDay(); d <= c.toDay(); d++) {
            days.add("day " + d);
        }
        List<StackedBarChart.Series> volume = new ArrayList<>();
        List<StackedBarChart.Line> net = new ArrayList<>();
        List<StackedBarChart.Line> labour = new ArrayList<>();
        List<StackedBarChart.Series> statements = new ArrayList<>();
        for (EventComparison.Series s : c.events()) {
            volume.add(new StackedBarChart.Series(s.name(), s.colour(), s.days().stream()
                    .map(EventComparison.Day::posts).toList()));
            net.add(new StackedBarChart.Line(s.name(), s.colour(), s.days().stream()
                    .map(d -> d.few() ? null : d.net()).toList(), "net sentiment", -1.0, 1.0));
            labour.add(new StackedBarChart.Line(s.name(), s.colour(), s.days().stream()
                    .map(EventComparison.Day::labourShare).toList(), "share", 0.0, 1.0));
            statements.add(new StackedBarChart.Series(s.name(), s.colour(), s.days().stream()
                    .map(EventComparison.Day::unionStatements).toList()));
        }
        StackedBarChart.Marker day0 = days.contains("day 0") ? new StackedBarChart.Marker("day 0", "Announced")
                : null;
        List<StackedBarChart.Marker> markers = day0 == null ? List.of() : List.of(day0);
        StackedBarChart volumeChart = chart("compare-volume-chart");
        volumeChart.setStacked(false);
        volumeChart.setData(days, volume, "posts", markers, List.<StackedBarChart.Line>of(), List.of());
        StackedBarChart netChart = chart("compare-net-chart");
        netChart.setData(days, List.of(), "posts", markers, net, List.of());
        StackedBarChart labourChart = chart("compare-labour-chart");
        labourChart.setData(days, List.of(), "posts", markers, labour, List.of());
        StackedBarChart statementChart = chart("compare-statements-chart");
        statementChart.setStacked(false);
        statementChart.setData(days, statements, "statements", markers, List.<StackedBarChart.Line>of(), List.of());
        for (StackedBarChart chart : List.of(volumeChart, statementChart, netChart, labourChart)) {
            chart.addClickListener(click -> {
                if (canSearch && "series".equals(click.component()) && click.index() >= 0) {
                    c.events().stream().filter(s -> s.name().equals(click.series())).findFirst()
                            .ifPresent(s -> getUI().ifPresent(ui -> ui.getPage().setLocation(
                                    DrillDowns.url(s.days().get(click.index()).drillDown()))));
                }
            });
        }
        Grid<EventComparison.Series> totals = new Grid<>();
        totals.setId("compare-events-totals");
        totals.addThemeVariants(GridVariant.LUMO_COMPACT);
        totals.setAllRowsVisible(true);
        totals.addComponentColumn(s -> link(s.totals().drillDown(), s.name())).setHeader("Event")
                .setAutoWidth(true).setFlexGrow(2);
        totals.addColumn(s -> s.announcedAt() == null ? "–" : DashboardView.LONG_DAY.format(s.announcedAt()))
                .setHeader("Day 0").setAutoWidth(true);
        totals.addColumn(s -> String.format(Locale.ENGLISH, "%,d", s.totals().posts())).setHeader("Posts").setAutoWidth(true);
        totals.addColumn(s -> (s.totals().net() == null ? "–" : String.format(Locale.ENGLISH, "%+.2f", s.totals().net()))
                + (s.totals().few() ? " (few)" : "")).setHeader("Net sentiment").setAutoWidth(true);
        totals.addColumn(s -> s.totals().labourShare() == null ? "–"
                : String.format(Locale.ENGLISH, "%.0f%%", 100 * s.totals().labourShare())).setHeader("Labour concerns").setAutoWidth(true);
        totals.addComponentColumn(s -> link(s.totals().statementsDrillDown(),
                Long.toString(s.totals().unionStatements()))).setHeader("Union statements").setAutoWidth(true);
        totals.setItems(c.events());
        FlexLayout charts = new FlexLayout();
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        charts.setWidthFull();
        charts.add(card("Posts per day", volumeChart), card("Net sentiment per day", netChart),
                card("Share raising labour concerns", labourChart), card("Union and guild statements", statementChart));
        Div totalsCard = card("Totals over these days", totals);
        totalsCard.setWidthFull();
        content.add(totalsCard, charts);
    }

    private Component link(org.reelpulse.dashboard.DrillDown d, String text) {
        return canSearch ? new Anchor(DrillDowns.url(d), text) : new com.vaadin.flow.component.html.Span(text);
    }

    private static StackedBarChart chart(String id) {
        StackedBarChart chart = new StackedBarChart();
        chart.setId(id);
        chart.setHeight("280px");
        return chart;
    }

    private static Div card(String title, Component body) {
        Div card = new Div(new H2(title), body);
        if (body instanceof StackedBarChart chart) {
            card.add(new ChartTable(chart, "Day"));
        }
        card.addClassName("rp-card");
        card.getStyle().set("flex", "1 1 30em").set("min-width", "0");
        return card;
    }
}
