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

    /** A dashed vertical line at a category, e.g. the day a deal was announced. */
    public record Marker(String category, String label) {
    }

    private JsonObject option = Json.createObject();

    public StackedBarChart() {
        setWidthFull();
        setHeight("360px");
    }

    /** Draws the categories (x axis) and the series stacked on them; {@code marker} may be null. */
    public void setData(List<String> categories, List<Series> series, String valueAxisName, Marker marker) {
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("Series '" + s.name() + "' has " + s.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
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
        o.put("yAxis", y);
        JsonArray all = Json.createArray();
        for (Series s : series) {
            JsonObject js = object("type", "bar");
            js.put("name", s.name());
            js.put("stack", "total");
            js.put("itemStyle", object("color", s.color()));
            js.put("emphasis", object("focus", "series"));
            JsonArray data = Json.createArray();
            for (int i = 0; i < s.values().size(); i++) {
                data.set(i, s.values().get(i).doubleValue());
            }
            js.put("data", data);
            all.set(all.length(), js);
        }
        if (marker != null && all.length() > 0 && categories.contains(marker.category())) {
            JsonObject line = Json.createObject();
            line.put("symbol", "none");
            line.put("silent", true);
            line.put("lineStyle", object("type", "dashed"));
            JsonObject point = object("xAxis", marker.category());
            point.put("label", object("formatter", marker.label()));
            JsonArray points = Json.createArray();
            points.set(0, point);
            line.put("data", points);
            ((JsonObject) all.get(0)).put("markLine", line);
        }
        o.put("series", all);
        option = o;
        getElement().setPropertyJson("option", o);
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
