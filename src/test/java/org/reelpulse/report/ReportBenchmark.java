package org.reelpulse.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.reelpulse.Application;
import org.reelpulse.dashboard.DashboardRequest;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.event.EventInput;
import org.reelpulse.event.EventService;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.reelpulse.post.PostRepository;
import org.reelpulse.search.PostIndexer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard's server work and a weekly report, timed on a large data folder built by
 * {@code docs/benchmarks/large-database.sh}: the whole application (database, index, services) as it
 * runs, without HTTP. For the dashboard, {@link DashboardService#overview} of the Lionsgate–Runway
 * event over its whole window and over the announcement week, and of a stress event whose query
 * matches most of the corpus (created in the folder on the first run); for the report, everything
 * {@link ReportService#render} does for one subscription and week (the dashboard, the charts, the
 * HTML, the text and the PDF), with the bytes it allocated on every thread and the heap in use after.
 * Not a test: {@code docs/benchmarks/report.sh [data folder] [rounds]}.
 */
public final class ReportBenchmark {

    private static final String BROAD = "benchmark-most-posts";

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/reelpulse-large-1000000");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String[] settings = {"--reelpulse.data-dir=" + dir, "--reelpulse.demo.enabled=false",
                "--reelpulse.analyze.enabled=false", "--reelpulse.report.scheduling=false", "--server.port=0"};
        try (ConfigurableApplicationContext context = new SpringApplication(Application.class).run(settings)) {
            PostIndexer.IndexStatus index = context.getBean(PostIndexer.class).status();
            if (index.indexedSeq() < index.storedSeq()) {
                context.getBean(PostIndexer.class).catchUp();
            }
            DashboardService dashboards = context.getBean(DashboardService.class);
            SubscriptionService subscriptions = context.getBean(SubscriptionService.class);
            ReportService reports = context.getBean(ReportService.class);
            System.out.printf(Locale.ROOT, "%,d posts in the index; %d cores; max heap %d MiB%n", index.documents(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            DashboardRequest window = DashboardRequest.of("lionsgate-runway");
            DashboardRequest week = new DashboardRequest("lionsgate-runway", Instant.parse("2024-09-16T00:00:00Z"),
                    Instant.parse("2024-09-23T00:00:00Z"), List.of(), List.of(), List.of(), null);
            System.out.printf(Locale.ROOT, "the event's window: %,d posts; the announcement week: %,d posts%n",
                    dashboards.overview(window).kpis().posts().value().longValue(),
                    dashboards.overview(week).kpis().posts().value().longValue());
            time("dashboard, the event's whole window", rounds, () -> dashboards.overview(window));
            // as in a live system: new posts arrive and are indexed between two looks at the dashboard
            PostRepository store = context.getBean(PostRepository.class);
            PostIndexer indexer = context.getBean(PostIndexer.class);
            long[] added = {0};
            time("dashboard, the event's whole window, 20 new posts indexed before each", rounds, () -> {
                List<NewPost> fresh = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long n = ++added[0];
                    fresh.add(new NewPost("bluesky", "benchmark-live-" + System.nanoTime() + "-" + n, null,
                            new Author("live" + n + ".bsky.social", null, null), "Lionsgate and Runway, live post " + n,
                            "en", Instant.parse("2024-09-20T12:00:00Z"), new Metrics(1, 0, 0, 0), null, null));
                }
                store.insertNew(fresh);
                try {
                    indexer.catchUp();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, () -> dashboards.overview(window));
            time("dashboard, the announcement week", rounds, () -> dashboards.overview(week));

            // the stress case: an event whose query matches most of the corpus (three sources of four)
            EventService events = context.getBean(EventService.class);
            if (events.find(BROAD).isEmpty()) {
                events.create(new EventInput(BROAD, "Most of the corpus", null, List.of(), Instant.parse(
                        "2024-09-18T13:00:00Z"), "source:bluesky OR source:mastodon OR source:reddit", Map.of(), null,
                        Instant.parse("2024-08-28T00:00:00Z"), Instant.parse("2024-10-24T00:00:00Z")));
            }
            DashboardRequest broad = DashboardRequest.of(BROAD);
            System.out.printf(Locale.ROOT, "the stress event's window: %,d posts%n",
                    dashboards.overview(broad).kpis().posts().value().longValue());
            time("dashboard, an event matching most of the corpus (stress)", rounds, () -> dashboards.overview(broad));

            Subscription s = subscriptions.list().stream().filter(x -> x.name().equals("Benchmark")).findFirst()
                    .orElseGet(() -> subscriptions.create(new SubscriptionInput("Benchmark",
                            List.of("benchmark@reelpulse.invalid"), List.of("lionsgate-runway"), null, null, null,
                            "MONDAY", "08:00", "UTC", "en", true, false), "benchmark"));
            RenderedReport r = reports.render(s.id(), "2024-W39");
            System.out.printf(Locale.ROOT, "report 2024-W39: %,d bytes of HTML, %d images, %,d bytes of PDF%n",
                    r.html().length(), r.images().size(), r.pdf().length);
            time("weekly report 2024-W39 (dashboard, charts, HTML, text, PDF)", rounds,
                    () -> reports.render(s.id(), "2024-W39"));
        }
    }

    /** Runs {@code work} 5 times to warm up, then {@code rounds} times; prints p50, p95, max and memory. */
    private static void time(String what, int rounds, Supplier<?> work) {
        time(what, rounds, () -> { }, work);
    }

    /** The same, with {@code before} run (and not timed) before each run of {@code work}. */
    private static void time(String what, int rounds, Runnable before, Supplier<?> work) {
        for (int i = 0; i < 5; i++) {
            before.run();
            work.get();
        }
        long[] millis = new long[rounds];
        long allocated = 0;
        for (int i = 0; i < rounds; i++) {
            before.run();
            long allocatedBefore = allocatedBytes();
            long t = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - t) / 1_000_000;
            allocated += allocatedBytes() - allocatedBefore;
        }
        Arrays.sort(millis);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.out.printf(Locale.ROOT, "%-62s p50 %5d ms  p95 %5d ms  max %5d ms  allocated %,d MiB per run, "
                + "heap in use after %,d MiB%n", what, millis[rounds / 2],
                millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)], millis[rounds - 1],
                allocated / rounds >> 20, memory.getHeapMemoryUsage().getUsed() >> 20);
    }

    /** Bytes allocated so far by every live thread (the search slices run on threads of their own). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }
}
