package org.reelpulse.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import elemental.json.JsonArray;
import elemental.json.JsonObject;

class StackedBarChartTest {

    @Test
    void shouldSendStackedSeriesWithTheirColoursAndTheMarker() {
        StackedBarChart chart = new StackedBarChart();
        chart.setData(List.of("2024-09-17", "2024-09-18"), List.of(
                new StackedBarChart.Series("Negative", SentimentColors.NEGATIVE, List.of(1, 30)),
                new StackedBarChart.Series("Positive", SentimentColors.POSITIVE, List.of(0L, 12L))),
                "posts", new StackedBarChart.Marker("2024-09-18", "Announced"));
        JsonObject o = chart.option();
        assertThat(o.getObject("xAxis").getArray("data").length()).isEqualTo(2);
        JsonArray series = o.getArray("series");
        assertThat(series.length()).isEqualTo(2);
        JsonObject negative = series.getObject(0);
        assertThat(negative.getString("stack")).isEqualTo("total");
        assertThat(negative.getObject("itemStyle").getString("color")).isEqualTo("#d55e00");
        assertThat(negative.getArray("data").getNumber(1)).isEqualTo(30.0);
        assertThat(negative.getObject("markLine").getArray("data").getObject(0).getString("xAxis"))
                .isEqualTo("2024-09-18");
        assertThat(chart.getElement().getPropertyRaw("option")).isNotNull();
    }

    @Test
    void shouldRefuseASeriesThatDoesNotFitTheCategories() {
        StackedBarChart chart = new StackedBarChart();
        assertThatThrownBy(() -> chart.setData(List.of("a", "b"),
                List.of(new StackedBarChart.Series("x", "#000", List.of(1))), "posts", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' has 1 values for 2");
    }
}
