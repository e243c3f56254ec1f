package org.reelpulse.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.lucene.store.FSDirectory;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;
import org.reelpulse.query.QueryAnalyzers;

/**
 * The index work of one dashboard request, as {@code DashboardService} does it, on a generated index
 * of many posts: the period and the previous one with every breakdown, four spikes explained, the
 * reaction after 25 statements (the baseline of spikes comes from the period's buckets, as there), the top posts and the latest statements. Prints the median and the
 * 95th percentile of each part. Reading the database (a few dozen posts) and writing JSON are not in
 * it. A benchmark, not a test:
 * {@code MAVEN_OPTS=-Xmx3g ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.reelpulse.search.DashboardQueriesBenchmark -Dexec.args="1000000 /tmp/rp-bench-index 20"}
 * (posts, the index folder, kept between runs, and the rounds measured after five to warm up; with
 * {@code -Dbench.threads=1} each search runs on one thread, by default on one per core as in the
 * application).
 */
public final class DashboardQueriesBenchmark {

    private static final String[] GROUPS = {"public", "working-creative", "press", "union-guild", "ai-company",
            "studio-company", "public-body"};
    private static final String[] THEMES = {"job-displacement", "consent-likeness", "pay-residuals",
            "credit-authorship", "training-data-copyright", "creative-quality", "cost-efficiency", "legal-risk",
            "union-action"};
    private static final String[] WORDS = ("lionsgate runway model library artists jobs deal studio training data "
            + "consent union strike vfx actors writers previs storyboard money savings ai video generative film "
            + "crew contract residuals credit lawsuit copyright").split(" ");
    private static final Instant START = Instant.parse("2024-08-28T00:00:00Z");

    private DashboardQueriesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/rp-bench-index");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Files.createDirectories(dir);
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
        try (PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create(), threads)) {
            if (index.size() != posts) {
                long t = System.nanoTime();
                index.clear();
                generate(index, posts);
                System.out.printf(Locale.ROOT, "indexed %,d posts in %d s%n", posts,
                        (System.nanoTime() - t) / 1_000_000_000);
            }
            PostStatistics stats = new PostStatistics(index, new PostSearcher(index));
            String q = "(lionsgate OR runway)";
            String[] parts = {"period", "previous", "spikes", "reactions", "top", "total"};
            long[][] millis = new long[parts.length][rounds];
            for (int round = -5; round < rounds; round++) {
                long[] t = run(stats, q);
                if (round >= 0) {
                    for (int p = 0; p < parts.length; p++) {
                        millis[p][round] = t[p];
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%,d posts, %,d match the event, %d cores, %d search threads, %d rounds%n",
                    index.size(),
                    stats.summarize(q, TimeWindow.parse("2024-08-28", "2024-10-23"),
                            PostStatistics.Breakdown.totals()).total().posts(),
                    Runtime.getRuntime().availableProcessors(), threads, rounds);
            for (int p = 0; p < parts.length; p++) {
                long[] m = millis[p];
                Arrays.sort(m);
                System.out.printf(Locale.ROOT, "%-10s p50 %5d ms   p95 %5d ms%n", parts[p], m[m.length / 2],
                        m[Math.min(m.length - 1, (int) Math.ceil(m.length * 0.95) - 1)]);
            }
        }
    }

    /** One dashboard's index work; the milliseconds of each part and the total. */
    private static long[] run(PostStatistics stats, String q) {
        TimeWindow now = TimeWindow.parse("2024-08-28", "2024-10-23");
        TimeWindow before = TimeWindow.parse("2024-07-02", "2024-08-27");
        PostStatistics.Grid days = new PostStatistics.Grid(Instant.parse("1970-01-05T00:00:00Z"), Duration.ofDays(1));
        long t0 = System.nanoTime();
        stats.summarize(q, now, PostStatistics.Breakdown.totals().perBucket(days).overTime("group")
                .byField("theme", "craft", "source", "lang").authors(10));
        long t1 = System.nanoTime();
        stats.summarize(q, before, PostStatistics.Breakdown.totals().perBucket(days).overTime("group")
                .byField("theme", "craft").authors(0));
        long t2 = System.nanoTime();
        for (int k = 0; k < 4; k++) {
            TimeWindow spike = new TimeWindow(START.plus(Duration.ofDays(k * 7L)), START.plus(Duration.ofDays(k * 7L + 1)));
            TimeWindow baseline = new TimeWindow(spike.from().minus(Duration.ofDays(14)), spike.from());
            PostStatistics.Summary in = stats.summarize(q, spike, PostStatistics.Breakdown.totals()
                    .byField("group", "tag").authors(5));
            stats.countEach(q, baseline, "tag", in.byField().get("tag").keySet().stream().limit(30).toList());
            stats.contrast(q, spike, q, baseline, 10, 300);
            stats.inTimeOrder(q, spike, 3, false);
            stats.topByEngagement(q, spike, 3);

        }
        long t3 = System.nanoTime();
        List<TimeWindow> after = new ArrayList<>();
        for (int k = 0; k < 25; k++) {
            Instant at = START.plus(Duration.ofHours(10 + k * 40L));
            after.add(new TimeWindow(at, at.plus(Duration.ofHours(48))));
        }
        stats.tallies(q + " AND NOT group:union-guild", after);
        long t4 = System.nanoTime();
        stats.topByEngagement(q, now, 10);
        stats.inTimeOrder(q + " AND group:union-guild", now, 50, true);
        long t5 = System.nanoTime();
        return new long[] {ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t5 - t0)};
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Posts over 56 days, most in the first weeks; two thirds name the event; 200,000 authors; a few
     * themes each, a group each, a hashtag on one in ten.
     */
    private static void generate(PostIndex index, int posts) throws java.io.IOException {
        Random r = new Random(1);
        List<PostIndex.PostDocument> batch = new ArrayList<>();
        for (int i = 1; i <= posts; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 14; w++) {
                text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            if (r.nextInt(10) == 0) {
                text.append("#noai");
            }
            long offset = (long) (Math.abs(r.nextGaussian()) * 10 * 86_400_000L);
            Instant at = START.plusMillis(Math.min(offset, 56L * 86_400_000L - 1));
            Post p = new Post(i, i, "bluesky", "g" + i, null, new Author("a" + r.nextInt(200_000), null, null),
                    text.toString(), "en", at, new Metrics(r.nextInt(100), r.nextInt(10), 0, 0), null, null, at);
            Sentiment s = new Sentiment(SentimentLabel.values()[r.nextInt(4)], 0.1, 0.5, "generated", null, "en",
                    List.of(), at, List.of());
            List<Label> themes = new ArrayList<>();
            for (int t = r.nextInt(3); t > 0; t--) {
                themes.add(new Label(LabelKind.THEME, THEMES[r.nextInt(THEMES.length)], "t", "t", "t"));
            }
            Label group = new Label(LabelKind.GROUP, GROUPS[r.nextInt(GROUPS.length)], "g", "g", "g");
            batch.add(PostDocuments.of(p, s, new Labels(themes, List.of(), group, List.of(), null)));
            if (batch.size() == 20_000) {
                index.stage(batch);
                batch.clear();
            }
        }
        index.apply(batch, posts);
    }
}
