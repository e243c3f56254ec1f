package org.reelpulse.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.reelpulse.base.Palette;
import org.reelpulse.dashboard.Dashboard;
import org.reelpulse.dashboard.Interval;

/**
 * The report's charts, drawn on the server with JFreeChart (headless AWT) as PNG: the reaction (posts
 * per day stacked by sentiment, net sentiment on a second axis, the announcement and the statements
 * marked) and who is speaking (posts per stakeholder group). Colours are the views' ({@link Palette}).
 * Drawn at twice the size they are shown at, so they stay sharp on high-density screens.
 */
final class ReportCharts {

    static final int WIDTH = 600;
    static final int REACTION_HEIGHT = 300;
    private static final int SCALE = 2;
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font MARKERS = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color ANNOUNCEMENT = new Color(0x33, 0x33, 0x33);

    private ReportCharts() {
    }

    /** A day of the reaction chart and its table: the buckets that fall on it, added up. */
    record Day(LocalDate date, long posts, long negative, long neutral, long positive, long other, Double net,
            boolean announcement, List<String> statements) {
    }

    /** A category of the charts: the day, shown by its short label. */
    private record DayKey(LocalDate date, String label) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            return date.compareTo(o.date);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The days of the timeline, in the report's zone. Each bucket counts on the local day of its middle:
     * hourly buckets thus add up to the zone's days exactly; daily buckets are the index's UTC days
     * (they cannot be cut again), so a local day is then the UTC day nearest to it, and the week's
     * buckets cut at its ends join the day they border. A marker counts on the day of the bucket it
     * falls in. Each statement is named as the report names its author (a union or guild: a public account).
     */
    static List<Day> days(Dashboard d, ZoneId zone, Pseudonyms names) {
        Map<LocalDate, long[]> sums = new LinkedHashMap<>();
        for (Dashboard.Bucket b : d.timeline().buckets()) {
            long[] s = sums.computeIfAbsent(dayOf(b, zone), x -> new long[5]);
            s[0] += b.posts();
            s[1] += b.negative();
            s[2] += b.neutral();
            s[3] += b.positive();
            s[4] += b.unscored() + b.pending();
        }
        Map<LocalDate, Boolean> announced = new LinkedHashMap<>();
        Map<LocalDate, List<String>> statements = new LinkedHashMap<>();
        Map<Long, Dashboard.Statement> byPost = new LinkedHashMap<>();
        d.statements().items().forEach(s -> byPost.put(s.postId(), s));
        for (Dashboard.Marker marker : d.timeline().markers()) {
            Dashboard.Bucket bucket = d.timeline().buckets().stream()
                    .filter(b -> !marker.at().isBefore(b.start()) && marker.at().isBefore(b.end())).findFirst()
                    .orElse(null);
            if (bucket == null) {
                continue;
            }
            LocalDate day = dayOf(bucket, zone);
            if ("announcement".equals(marker.type())) {
                announced.put(day, true);
            } else {
                Dashboard.Statement s = marker.postId() == null ? null : byPost.get(marker.postId());
                String who = s != null ? names.author(s.author(), s.authorName(), Pseudonyms.STATEMENTS)
                        : marker.label();
                statements.computeIfAbsent(day, x -> new ArrayList<>()).add(who);
            }
        }
        List<Day> days = new ArrayList<>();
        sums.forEach((date, s) -> days.add(new Day(date, s[0], s[1], s[2], s[3], s[4],
                s[1] + s[3] == 0 ? null : (double) (s[3] - s[1]) / (s[1] + s[3]),
                announced.getOrDefault(date, false), statements.getOrDefault(date, List.of()))));
        return days;
    }

    private static LocalDate dayOf(Dashboard.Bucket b, ZoneId zone) {
        return b.start().plus(Duration.between(b.start(), b.end()).dividedBy(2)).atZone(zone).toLocalDate();
    }

    /** Whether the days are UTC days shown in another zone, which the table must say. */
    static boolean utcDays(Dashboard d, ZoneId zone) {
        return d.timeline().interval() != Interval.HOUR
                && !zone.getRules().getOffset(d.period().from()).equals(ZoneOffset.UTC);
    }

    /** Posts per day stacked by sentiment, the net sentiment line on the right axis, events marked. */
    static byte[] reaction(List<Day> days, Messages m) {
        DefaultCategoryDataset volume = new DefaultCategoryDataset();
        DefaultCategoryDataset net = new DefaultCategoryDataset();
        String neg = m.get("sentiment.negative");
        String neu = m.get("sentiment.neutral");
        String pos = m.get("sentiment.positive");
        String other = m.get("sentiment.unscored");
        String netLabel = m.get("kpi.net");
        List<DayKey> keys = new ArrayList<>();
        for (Day day : days) {
            DayKey key = new DayKey(day.date(), m.day(day.date()));
            keys.add(key);
            volume.addValue(day.negative(), neg, key);
            volume.addValue(day.neutral(), neu, key);
            volume.addValue(day.positive(), pos, key);
            volume.addValue(day.other(), other, key);
            net.addValue(day.net(), netLabel, key);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, null, m.get("chart.posts"), volume,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        style(chart, plot, m);
        StackedBarRenderer bars = (StackedBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.12);
        bars.setSeriesPaint(0, colour(Palette.NEGATIVE));
        bars.setSeriesPaint(1, colour(Palette.NEUTRAL));
        bars.setSeriesPaint(2, colour(Palette.POSITIVE));
        bars.setSeriesPaint(3, colour(Palette.UNSCORED));

        NumberAxis netAxis = new NumberAxis(netLabel);
        netAxis.setRange(-1.0, 1.0);
        netAxis.setLabelFont(LABELS);
        netAxis.setTickLabelFont(TICKS);
        NumberFormat decimals = NumberFormat.getNumberInstance(m.locale());
        decimals.setMinimumFractionDigits(1);
        decimals.setMaximumFractionDigits(1);
        netAxis.setNumberFormatOverride(decimals);
        plot.setDataset(1, net);
        plot.setRangeAxis(1, netAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, Color.BLACK);
        line.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(1, line);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        // room above the highest bar for the markers' labels
        plot.getRangeAxis().setUpperMargin(0.2);
        int marked = 0;
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            if (!day.announcement() && day.statements().isEmpty()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (day.announcement()) {
                parts.add(m.get("chart.announcement"));
            }
            if (day.statements().size() == 1) {
                parts.add(m.get("chart.statement", day.statements().get(0)));
            } else if (day.statements().size() > 1) {
                parts.add(m.get("chart.statements", m.count(day.statements().size())));
            }
            Paint paint = day.announcement() ? ANNOUNCEMENT : colour(Palette.group("union-guild"));
            CategoryMarker marker = new CategoryMarker(keys.get(i), paint, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setDrawAsLine(true);
            String label = String.join(" · ", parts);
            // a long name would run over its neighbours' labels: the full names are in the statements list
            marker.setLabel(label.length() > 30 ? label.substring(0, 29).strip() + "…" : label);
            marker.setLabelFont(MARKERS);
            marker.setLabelPaint(paint);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            // labels of markers on neighbouring days would overlap: four lines, taken in turn
            marker.setLabelOffset(new RectangleInsets(2 + 13 * (marked++ % 4), 3, 2, 2));
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        }
        return png(chart, WIDTH, REACTION_HEIGHT);
    }

    /** The height of the groups chart: one bar per group. */
    static int groupsHeight(int groups) {
        return 60 + 28 * groups;
    }

    /** Posts per stakeholder group, one bar each in the group's colour, its count beside it. */
    static byte[] groups(List<Dashboard.GroupVoice> groups, Messages m) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Color> colours = new ArrayList<>();
        String series = m.get("chart.posts");
        for (Dashboard.GroupVoice g : groups) {
            // labels can repeat (two unknown groups): the key must not, so the id is its tie-breaker
            data.addValue(g.posts(), series, new GroupKey(g.group(), m.group(g.group(), g.label())));
            colours.add(colour(Palette.group(g.group())));
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, series, data, PlotOrientation.HORIZONTAL, false,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        style(chart, plot, m);
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return colours.get(column);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.6);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator(
                StandardCategoryItemLabelGenerator.DEFAULT_LABEL_FORMAT_STRING, NumberFormat.getIntegerInstance(m.locale())));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(TICKS);
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        bars.setItemLabelAnchorOffset(4);
        plot.setRenderer(bars);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        // room for the count beside the longest bar
        plot.getRangeAxis().setUpperMargin(0.15);
        return png(chart, WIDTH, groupsHeight(groups.size()));
    }

    /** A group of the groups chart, shown by its label. */
    private record GroupKey(String id, String label) implements Comparable<GroupKey> {
        @Override
        public int compareTo(GroupKey o) {
            return String.valueOf(id).compareTo(String.valueOf(o.id));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The look both charts share; counts on the axis in the report's number format. */
    private static void style(JFreeChart chart, CategoryPlot plot, Messages m) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        CategoryAxis domain = plot.getDomainAxis();
        domain.setTickLabelFont(TICKS);
        domain.setMaximumCategoryLabelLines(2);
        plot.getRangeAxis().setTickLabelFont(TICKS);
        plot.getRangeAxis().setLabelFont(LABELS);
        NumberAxis counts = (NumberAxis) plot.getRangeAxis();
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits(m.locale()));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICKS);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
        }
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width * SCALE, height * SCALE, width, height, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a chart as PNG", e);
        }
        return out.toByteArray();
    }

    private static Color colour(String hex) {
        return Color.decode(hex);
    }
}
