package org.reelpulse.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.details.DetailsVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;

/**
 * The numbers of a chart as a table, for screen readers and for copying: one row per category, one
 * column per series (and the line). Follows the chart: redrawn each time the chart is.
 */
public class ChartTable extends Details {

    private final StackedBarChart chart;
    private final java.util.function.IntFunction<String> link;
    private final Div content = new Div();
    private String tsv = "";

    public ChartTable(StackedBarChart chart, String categoryHeader) {
        this(chart, categoryHeader, null);
    }

    /**
     * With {@code link} (a row's index → a URL, or null), each category is a link: the way to the
     * posts behind a bar from the keyboard.
     */
    public ChartTable(StackedBarChart chart, String categoryHeader, java.util.function.IntFunction<String> link) {
        super("Show the numbers");
        this.chart = chart;
        this.link = link;
        addThemeVariants(DetailsVariant.SMALL);
        Button copy = new Button("Copy as tab-separated text", e -> getElement().executeJs(
                "navigator.clipboard && navigator.clipboard.writeText($0)", tsv));
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        content.addClassName("rp-chart-table");
        add(copy, content);
        chart.addDataListener(() -> fill(categoryHeader));
        fill(categoryHeader);
    }

    private void fill(String categoryHeader) {
        List<String> headers = new ArrayList<>();
        headers.add(categoryHeader);
        chart.series().forEach(s -> headers.add(s.name()));
        chart.lines().forEach(l -> headers.add(l.name()));
        NativeTable table = new NativeTable();
        NativeTableHeader head = new NativeTableHeader();
        NativeTableRow hr = new NativeTableRow();
        headers.forEach(h -> hr.add(new NativeTableHeaderCell(h)));
        head.add(hr);
        NativeTableBody body = new NativeTableBody();
        StringBuilder text = new StringBuilder(String.join("\t", headers)).append('\n');
        List<String> categories = chart.categories();
        for (int i = 0; i < categories.size(); i++) {
            List<String> cells = new ArrayList<>();
            cells.add(categories.get(i));
            for (StackedBarChart.Series s : chart.series()) {
                cells.add(number(s.values().get(i)));
            }
            for (StackedBarChart.Line l : chart.lines()) {
                Double v = l.values().get(i);
                cells.add(v == null ? "" : String.format(Locale.ENGLISH, "%.2f", v));
            }
            NativeTableRow row = new NativeTableRow();
            String url = link == null ? null : link.apply(i);
            for (int c = 0; c < cells.size(); c++) {
                NativeTableCell cell = new NativeTableCell();
                if (c == 0 && url != null) {
                    cell.add(new com.vaadin.flow.component.html.Anchor(url, cells.get(c)));
                } else {
                    cell.setText(cells.get(c));
                }
                row.add(cell);
            }
            body.add(row);
            text.append(String.join("\t", cells)).append('\n');
        }
        table.add(head, body);
        content.removeAll();
        content.add(table);
        tsv = text.toString();
    }

    private static String number(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ENGLISH, "%.2f", d);
    }
}
