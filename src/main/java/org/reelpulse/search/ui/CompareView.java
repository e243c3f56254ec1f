package org.reelpulse.search.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.SentimentColors;
import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.search.Comparison;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import jakarta.annotation.security.RolesAllowed;

/**
 * Up to five searches side by side ({@code /compare?q=…&q=…&from=…&to=…}): posts per day stacked
 * by search (share of voice at a glance), and a table of totals, shares, net sentiment and overlaps.
 */
@Route("compare")
@PageTitle("Compare · ReelPulse")
@Menu(title = "Compare", order = 2, icon = "vaadin:split-h")
@RolesAllowed("ANALYST")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Comparison comparison;
    private final List<TextField> queries = new ArrayList<>();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Div error = new Div();
    private final StackedBarChart chart = new StackedBarChart();
    private final Grid<Row> table = new Grid<>();

    /** One compared search in the table. */
    record Row(String colour, String query, long total, Double share, Double net, String overlap) {
    }

    public CompareView(Comparison comparison, org.reelpulse.search.QueryCompletion completion) {
        this.comparison = comparison;
        addClassName("rp-view");
        Paragraph intro = new Paragraph("Compare up to five searches (per studio, per union, per theme): how many "
                + "posts each drew per day, its share of all of them, its net sentiment ((positive − negative) / "
                + "(positive + negative)) and how many posts it shares with each other one.");
        intro.addClassName("rp-muted");
        HorizontalLayout fields = new HorizontalLayout();
        fields.setWrap(true);
        for (int i = 0; i < Comparison.MAX_QUERIES; i++) {
            TextField q = new TextField("Search " + (i + 1));
            q.setId("compare-q" + i);
            q.setWidth("18em");
            queries.add(q);
            fields.add(q, new QueryCompletionList(completion, q.getId().orElseThrow()));
        }
        from.setId("compare-from");
        to.setId("compare-to");
        Button run = new Button("Compare", e -> submit());
        run.setId("compare-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout dates = new HorizontalLayout(from, to, run);
        dates.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        error.setId("compare-error");
        error.addClassName("rp-error");
        error.setVisible(false);
        chart.setId("compare-chart");
        chart.setWidthFull();
        chart.setHeight("300px");
        table.setId("compare-table");
        table.addColumn(Row::query).setHeader("Search").setFlexGrow(1);
        table.addColumn(r -> String.format(Locale.ENGLISH, "%,d", r.total())).setHeader("Posts").setAutoWidth(true);
        table.addColumn(r -> r.share() == null ? "–" : String.format(Locale.ENGLISH, "%.0f%%", 100 * r.share()))
                .setHeader("Share of voice").setAutoWidth(true);
        table.addColumn(r -> r.net() == null ? "–" : String.format(Locale.ENGLISH, "%+.2f", r.net()))
                .setHeader("Net sentiment").setAutoWidth(true);
        table.addColumn(Row::overlap).setHeader("Posts shared with").setFlexGrow(1);
        table.setAllRowsVisible(true);
        add(new H2("Compare searches"), intro, fields, dates, error, chart, table);
    }

    private void submit() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        List<String> q = queries.stream().map(f -> f.getValue().trim()).filter(v -> !v.isEmpty()).toList();
        params.put("q", q);
        if (from.getValue() != null) {
            params.put("from", List.of(from.getValue().toString()));
        }
        if (to.getValue() != null) {
            params.put("to", List.of(to.getValue().toString()));
        }
        getUI().ifPresent(ui -> ui.navigate(CompareView.class, RouteParameters.empty(), new QueryParameters(params)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters p = event.getLocation().getQueryParameters();
        List<String> q = p.getParameters().getOrDefault("q", List.of());
        for (int i = 0; i < queries.size(); i++) {
            queries.get(i).setValue(i < q.size() ? q.get(i) : "");
        }
        from.setValue(SearchView.date(p.getSingleParameter("from").orElse(null)));
        to.setValue(SearchView.date(p.getSingleParameter("to").orElse(null)));
        if (q.isEmpty()) {
            chart.setVisible(false);
            table.setVisible(false);
            return;
        }
        run(q);
    }

    private void run(List<String> q) {
        error.setVisible(false);
        try {
            if (from.getValue() == null || to.getValue() == null) {
                throw new UserInputException("Choose the days to compare: From and To.");
            }
            TimeWindow window = TimeWindow.parse(from.getValue().toString(), to.getValue().toString());
            ChronoUnit unit = java.time.Duration.between(window.from(), window.to()).toDays() > 120 ? ChronoUnit.WEEKS
                    : ChronoUnit.DAYS;
            Comparison.Result r = comparison.compare(q, window, unit);
            List<String> days = r.series().get(0).points().stream().map(x -> DAY.format(x.start())).toList();
            List<StackedBarChart.Series> series = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < r.series().size(); i++) {
                Comparison.Series s = r.series().get(i);
                String colour = SentimentColors.SERIES.get(i);
                series.add(new StackedBarChart.Series(s.query(), colour, s.points().stream().map(Comparison.Point::total)
                        .toList()));
                List<String> shared = new ArrayList<>();
                for (int j = 0; j < r.series().size(); j++) {
                    if (j != i) {
                        shared.add(String.format(Locale.ENGLISH, "%,d with search %d", r.overlap()[i][j], j + 1));
                    }
                }
                rows.add(new Row(colour, (i + 1) + ". " + s.query(), s.total(), s.share(), s.net(),
                        String.join(", ", shared)));
            }
            chart.setData(days, series, "posts", null);
            table.setItems(rows);
            chart.setVisible(true);
            table.setVisible(true);
        } catch (UserInputException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
            chart.setVisible(false);
            table.setVisible(false);
        }
    }
}
