package org.reelpulse.base.ui;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;

/**
 * A stacked bar chart drawn by Apache ECharts in the browser ({@code <rp-chart>} in
 * {@code frontend/components}). Takes typed series; follows the size of its layout.
 */
@Tag("rp-chart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./components/rp-chart.ts")
public class StackedBarChart extends Component implements HasSize {

    /** One stacked series: its name in the legend, its colour and one value per category. */
    public record Series(String name, String color, List<? extends Number> values) {
    }

    /**
     * A dashed vertical line at a category, e.g. the day a deal was announced; {@code color} null
     * for the default.
     */
    public record Marker(String category, String label, String color) {
        public Marker(String category, String label) {
            this(category, label, null);
        }
    }

    /** A line over the bars on its own axis on the right, e.g. net sentiment; null values leave gaps. */
    public record Line(String name, String color, List<Double> values, String axisName, Double min, Double max) {
    }

    /** A pin above the bars of a category, e.g. a spike; a click on it is reported as a "markPoint". */
    public record Pin(String category, String label) {
    }

    /**
     * A click in the chart: on a bar or a point of the line ({@code component} "series", with the
     * category's {@code index}), or on a pin ("markPoint") or a marker ("markLine") by its {@code name}.
     */
    public record Click(String component, String series, int index, String name) {
    }

    private JsonObject option = Json.createObject();
    private List<String> categories = List.of();
    private List<Series> series = List.of();
    private List<Line> lines = List.of();
    private boolean stacked = true;
    private final List<Runnable> dataListeners = new java.util.ArrayList<>();

    public StackedBarChart() {
        setWidthFull();
        setHeight("360px");
    }

    /** Calls the listener with every click on a bar, a point, a pin or a marker. */
    public com.vaadin.flow.shared.Registration addClickListener(java.util.function.Consumer<Click> listener) {
        return getElement().addEventListener("rp-chart-click", e -> listener.accept(new Click(
                        e.getEventData().getString("event.detail.component"),
                        e.getEventData().getString("event.detail.series"),
                        (int) e.getEventData().getNumber("event.detail.index"),
                        e.getEventData().getString("event.detail.name"))))
                .addEventData("event.detail.component").addEventData("event.detail.series")
                .addEventData("event.detail.index").addEventData("event.detail.name");
    }

    /** Bars side by side instead of stacked (e.g. this period beside the previous one); before setData. */
    public void setStacked(boolean stacked) {
        this.stacked = stacked;
    }

    /** Runs each time new data is drawn, e.g. to refresh the table of the same numbers. */
    public void addDataListener(Runnable listener) {
        dataListeners.add(listener);
    }

    /** Draws the categories (x axis) and the series stacked on them; {@code marker} may be null. */
    public void setData(List<String> categories, List<Series> series, String valueAxisName, Marker marker) {
        setData(categories, series, valueAxisName, marker == null ? List.of() : List.of(marker), List.<Line>of(),
                List.of());
    }

    /**
     * Draws the categories (x axis), the series stacked on them, markers, an optional line on a
     * second axis and pins above the stacks.
     */
    public void setData(List<String> categories, List<Series> series, String valueAxisName, List<Marker> markers,
            Line line, List<Pin> pins) {
        setData(categories, series, valueAxisName, markers, line == null ? List.of() : List.of(line), pins);
    }

    /**
     * Draws the categories (x axis), the series stacked on them, markers, lines and pins. The lines
     * share an axis: the right one beside bars, the only one without bars (the first line's name and
     * bounds).
     */
    public void setData(List<String> categories, List<Series> series, String valueAxisName, List<Marker> markers,
            List<Line> lines, List<Pin> pins) {
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("Series '" + s.name() + "' has " + s.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        for (Line line : lines) {
            if (line.values().size() != categories.size()) {
                throw new IllegalArgumentException("Line '" + line.name() + "' has " + line.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        Line line = lines.isEmpty() ? null : lines.get(0);
        JsonObject o = Json.createObject();
        o.put("aria", object("enabled", true));
        JsonObject tooltip = object("trigger", "axis");
        tooltip.put("axisPointer", object("type", "shadow"));
        o.put("tooltip", tooltip);
        JsonObject legend = Json.createObject();
        legend.put("top", 0);
        o.put("legend", legend);
        JsonObject grid = Json.createObject();
        grid.put("left", 8);
        grid.put("right", 16);
        grid.put("top", 40);
        grid.put("bottom", 8);
        grid.put("containLabel", true);
        o.put("grid", grid);
        JsonObject x = object("type", "category");
        x.put("data", strings(categories));
        o.put("xAxis", x);
        JsonObject y = object("type", "value");
        y.put("name", valueAxisName);
        y.put("minInterval", 1);
        if (line == null) {
            o.put("yAxis", y);
        } else if (series.isEmpty()) {
            y.put("name", line.axisName());
            y.remove("minInterval");
            if (line.min() != null) {
                y.put("min", line.min());
            }
            if (line.max() != null) {
                y.put("max", line.max());
            }
            o.put("yAxis", y);
        } else {
            JsonObject y2 = object("type", "value");
            y2.put("name", line.axisName());
            if (line.min() != null) {
                y2.put("min", line.min());
            }
            if (line.max() != null) {
                y2.put("max", line.max());
            }
            y2.put("splitLine", object("show", false));
            JsonArray axes = Json.createArray();
            axes.set(0, y);
            axes.set(1, y2);
            o.put("yAxis", axes);
        }
        JsonArray all = Json.createArray();
        for (Series s : series) {
            JsonObject js = object("type", "bar");
            js.put("name", s.name());
            if (stacked) {
                js.put("stack", "total");
            }
            js.put("itemStyle", object("color", s.color()));
            js.put("emphasis", object("focus", "series"));
            JsonArray data = Json.createArray();
            for (int i = 0; i < s.values().size(); i++) {
                data.set(i, s.values().get(i).doubleValue());
            }
            js.put("data", data);
            all.set(all.length(), js);
        }
        for (Line l : lines) {
            JsonObject jl = object("type", "line");
            jl.put("name", l.name());
            jl.put("yAxisIndex", series.isEmpty() ? 0 : 1);
            jl.put("itemStyle", object("color", l.color()));
            jl.put("connectNulls", false);
            JsonArray data = Json.createArray();
            for (int i = 0; i < l.values().size(); i++) {
                Double v = l.values().get(i);
                if (v == null) {
                    data.set(i, Json.createNull());
                } else {
                    data.set(i, v);
                }
            }
            jl.put("data", data);
            all.set(all.length(), jl);
        }
        List<Marker> shown = markers.stream().filter(m -> categories.contains(m.category())).toList();
        if (!shown.isEmpty() && all.length() > 0) {
            JsonObject ml = Json.createObject();
            ml.put("symbol", "none");
            ml.put("lineStyle", object("type", "dashed"));
            JsonArray points = Json.createArray();
            for (Marker m : shown) {
                JsonObject point = object("xAxis", m.category());
                point.put("name", m.label());
                JsonObject label = object("formatter", m.label());
                label.put("show", m.color() == null);
                point.put("label", label);
                if (m.color() != null) {
                    JsonObject style = object("color", m.color());
                    style.put("opacity", 0.6);
                    point.put("lineStyle", style);
                }
                points.set(points.length(), point);
            }
            ml.put("data", points);
            ((JsonObject) all.get(0)).put("markLine", ml);
        }
        List<Pin> pinned = pins.stream().filter(p -> categories.contains(p.category())).toList();
        if (!pinned.isEmpty() && !series.isEmpty()) {
            JsonObject mp = Json.createObject();
            mp.put("symbol", "pin");
            mp.put("symbolSize", 44);
            JsonArray points = Json.createArray();
            for (Pin p : pinned) {
                int i = categories.indexOf(p.category());
                double top = stacked ? series.stream().mapToDouble(s -> s.values().get(i).doubleValue()).sum()
                        : series.stream().mapToDouble(s -> s.values().get(i).doubleValue()).max().orElse(0);
                JsonArray coord = Json.createArray();
                coord.set(0, p.category());
                coord.set(1, top);
                JsonObject point = Json.createObject();
                point.put("coord", coord);
                point.put("name", p.label());
                point.put("value", p.label());
                points.set(points.length(), point);
            }
            mp.put("data", points);
            ((JsonObject) all.get(series.size() - 1)).put("markPoint", mp);
        }
        o.put("series", all);
        option = o;
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.lines = List.copyOf(lines);
        getElement().setPropertyJson("option", o);
        dataListeners.forEach(Runnable::run);
    }

    /** The categories last drawn. */
    public List<String> categories() {
        return categories;
    }

    /** The series last drawn. */
    public List<Series> series() {
        return series;
    }

    /** The lines last drawn. */
    public List<Line> lines() {
        return lines;
    }

    /** The option sent to the browser, for tests and exports. */
    public JsonObject option() {
        return option;
    }

    private static JsonObject object(String key, String value) {
        JsonObject o = Json.createObject();
        o.put(key, value);
        return o;
    }

    private static JsonObject object(String key, boolean value) {
        JsonObject o = Json.createObject();
        o.put(key, value);
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = Json.createArray();
        for (int i = 0; i < values.size(); i++) {
            a.set(i, values.get(i));
        }
        return a;
    }
}
