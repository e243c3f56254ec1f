package org.reelpulse.search.ui;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.reelpulse.base.ui.SentimentColors;
import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.search.PostSearcher;

/** Fills a stacked bar chart with posts per bucket by sentiment, the same way on every view. */
public final class SentimentTimeline {

    private SentimentTimeline() {
    }

    public static void show(StackedBarChart chart, List<PostSearcher.Bucket> buckets, DateTimeFormatter format,
            StackedBarChart.Marker marker) {
        List<String> starts = new ArrayList<>();
        List<Long> negative = new ArrayList<>();
        List<Long> neutral = new ArrayList<>();
        List<Long> positive = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        for (PostSearcher.Bucket b : buckets) {
            starts.add(format.format(b.start()));
            negative.add(b.negative());
            neutral.add(b.neutral());
            positive.add(b.positive());
            other.add(b.unscored() + b.pending());
        }
        chart.setData(starts, List.of(
                new StackedBarChart.Series("Negative", SentimentColors.NEGATIVE, negative),
                new StackedBarChart.Series("Neutral", SentimentColors.NEUTRAL, neutral),
                new StackedBarChart.Series("Positive", SentimentColors.POSITIVE, positive),
                new StackedBarChart.Series("Not scored", SentimentColors.UNSCORED, other)),
                "posts", marker);
    }
}
