package org.reelpulse.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.reelpulse.Application;
import org.reelpulse.post.PostRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Collector throughput, requests per item and memory over a long run, through the whole application
 * (source in the database, runner, polite HTTP, the Mastodon adapter, the post store on H2) against a
 * Mastodon instance simulated on loopback: three hashtag timelines whose statuses are generated in the
 * real wire format (HTML content, {@code Link} paging, rate-limit headers).
 *
 * <p>First it collects about 100,000 statuses in one run (each timeline read back through up to 1,000
 * pages of 40). Then, round after round, new statuses arrive on every timeline and a run collects them,
 * as the scheduler would all day; the heap in use after a full collection is printed every few rounds so
 * growth would show. Analysis and indexing are off: they have their own benchmarks. Host spacing is off
 * too, since real runs wait between requests to one host on purpose.
 *
 * <p>Not a test: {@code docs/benchmarks/collect.sh [statuses] [rounds] [new per round and hashtag]}.
 */
public final class CollectBenchmark {

    private static final int TAGS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CollectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int arrivals = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        AtomicLongArray newest = new AtomicLongArray(TAGS);
        for (int t = 0; t < TAGS; t++) {
            newest.set(t, (total + TAGS - 1) / TAGS);
        }
        AtomicLong requests = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        var serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            answer(exchange, newest);
        });
        server.start();
        Path dir = Files.createTempDirectory("reelpulse-collect-bench");
        String[] settings = {"--reelpulse.data-dir=" + dir, "--reelpulse.demo.enabled=false",
                "--reelpulse.analyze.enabled=false", "--reelpulse.search.indexing=false",
                "--reelpulse.report.scheduling=false", "--reelpulse.collect.scheduling=false",
                "--reelpulse.collect.allow-private-addresses=true", "--reelpulse.collect.host-spacing=PT0S",
                "--reelpulse.collect.max-pages=1000", "--server.port=0"};
        try (ConfigurableApplicationContext context = new SpringApplication(Application.class).run(settings)) {
            SourceService sources = context.getBean(SourceService.class);
            CollectRunner runner = context.getBean(CollectRunner.class);
            PostRepository posts = context.getBean(PostRepository.class);
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            var tags = s.putArray("hashtags");
            for (int t = 0; t < TAGS; t++) {
                tags.add("bench" + t);
            }
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            long id = sources.create(new SourceInput("mastodon", "benchmark instance", base.toString(), s, Map.of(),
                    "PT15M", true)).id();
            System.out.printf(Locale.ROOT, "%d cores; max heap %d MiB; Java %s%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"));

            long t0 = System.nanoTime();
            SourceRun first = runner.run(id, true).orElseThrow();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "first run: %s, %,d items seen, %,d stored, %,d requests in %.1f s:"
                    + " %,.0f items/s, %.4f requests per item%n", first.status(), first.itemsSeen(), first.itemsNew(),
                    first.requests(), seconds, first.itemsNew() / seconds, first.requests() / (double) first.itemsNew());

            System.out.println("round  stored posts  items/round  requests/round  ms/round  heap after GC (MiB)");
            long items = 0;
            long reqs = 0;
            long ms = 0;
            for (int r = 1; r <= rounds; r++) {
                for (int t = 0; t < TAGS; t++) {
                    newest.addAndGet(t, arrivals);
                }
                long start = System.nanoTime();
                SourceRun run = runner.run(id, true).orElseThrow();
                ms += (System.nanoTime() - start) / 1_000_000;
                items += run.itemsNew();
                reqs += run.requests();
                if (!SourceRun.OK.equals(run.status())) {
                    throw new IllegalStateException("round " + r + " ended " + run.status() + ": " + run.error());
                }
                if (r % Math.max(1, rounds / 15) == 0 || r == rounds) {
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                    System.out.printf(Locale.ROOT, "%5d  %,12d  %11.0f  %14.1f  %8.0f  %d%n", r, posts.count(),
                            items / (double) r, reqs / (double) r, ms / (double) r, heap);
                }
            }
            System.out.printf(Locale.ROOT, "later runs: %,d items in %,d requests (%.4f per item), %,d requests to the"
                    + " server in all%n", items, reqs, reqs / (double) Math.max(1, items), requests.get());
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A page of a hashtag timeline: statuses numbered 1 … newest, newest first, 40 at most, below {@code
     * max_id} or just above {@code min_id}, with the {@code Link} header Mastodon sends.
     */
    private static void answer(HttpExchange exchange, AtomicLongArray newest) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        String prefix = "/api/v1/timelines/tag/bench";
        if (!path.startsWith(prefix)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int tag = Integer.parseInt(path.substring(prefix.length()));
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                q.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        int limit = Math.min(40, Integer.parseInt(q.getOrDefault("limit", "20")));
        long top = newest.get(tag);
        long hi;
        long lo;
        if (q.containsKey("min_id")) {
            lo = Long.parseLong(q.get("min_id")) + 1;
            hi = Math.min(top, lo + limit - 1);
        } else {
            hi = q.containsKey("max_id") ? Math.min(top, Long.parseLong(q.get("max_id")) - 1) : top;
            lo = Math.max(1, hi - limit + 1);
        }
        StringBuilder body = new StringBuilder("[");
        for (long n = hi; n >= lo; n--) {
            if (n < hi) {
                body.append(',');
            }
            body.append(status(tag, n));
        }
        body.append(']');
        String here = "http://" + exchange.getRequestHeaders().getFirst("Host") + path + "?limit=" + limit;
        if (hi >= lo) {
            exchange.getResponseHeaders().add("Link", "<" + here + "&max_id=" + lo + ">; rel=\"next\", <" + here
                    + "&min_id=" + hi + ">; rel=\"prev\"");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("X-RateLimit-Limit", "300");
        exchange.getResponseHeaders().add("X-RateLimit-Remaining", "299");
        exchange.getResponseHeaders().add("X-RateLimit-Reset", Instant.now().plusSeconds(300).toString());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final List<String> WORDS = List.of("Lionsgate", "Runway", "animators", "VFX", "union", "jobs",
            "consent", "likeness", "the", "deal", "artists", "training", "library", "model", "replacing", "crews");

    private static String status(int tag, long n) throws IOException {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        String id = Long.toString(n);
        long author = (n * 7919 + tag) % 5000;
        s.put("id", id);
        s.put("created_at", Instant.parse("2024-09-18T13:00:00Z").plusSeconds(n * 5).toString());
        s.put("uri", "https://bench" + tag + ".example/users/u" + author + "/statuses/" + id);
        s.put("url", "https://bench" + tag + ".example/@u" + author + "/" + id);
        StringBuilder text = new StringBuilder("<p>Status ").append(n).append(" on #bench").append(tag).append(':');
        for (int w = 0; w < 30; w++) {
            text.append(' ').append(WORDS.get((int) ((n * 31 + w * 17) % WORDS.size())));
        }
        text.append(" &amp; more.</p><p>Read <a href=\"https://example.org/").append(n).append("\">this</a> 🎬</p>");
        s.put("content", text.toString());
        s.put("spoiler_text", "");
        s.put("language", "en");
        s.put("favourites_count", n % 50);
        s.put("reblogs_count", n % 7);
        s.put("replies_count", n % 3);
        s.putNull("reblog");
        ObjectNode a = s.putObject("account");
        a.put("id", Long.toString(author));
        a.put("acct", "u" + author + "@bench" + tag + ".example");
        a.put("display_name", "User " + author);
        a.put("indexable", true);
        return JSON.writeValueAsString(s);
    }
}
