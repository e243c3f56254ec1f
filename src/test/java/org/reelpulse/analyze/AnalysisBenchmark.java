package org.reelpulse.analyze;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts/s of the whole analysis of one post (language detection, CoreNLP sentence sentiment for
 * English, the tweet model) on the demo corpus, with each parser, on every core. A benchmark, not a
 * test:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.reelpulse.analyze.AnalysisBenchmark}
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Post> posts = demoPosts();
        int threads = Runtime.getRuntime().availableProcessors();
        for (String parser : List.of("pcfg", "shift-reduce")) {
            System.gc();
            long before = usedHeap();
            PostAnalyzer analyzer = new PostAnalyzer(new CoreNlpSentiment(new AnalyzeProperties(true, 32, threads, 80,
                    Duration.ofSeconds(1), parser, true, "model")), new AnalyzeProperties(true, 32, threads, 80,
                    Duration.ofSeconds(1), parser, true, "model"), Clock.systemUTC());
            analyzer.analyse(posts.get(0)); // loads the models
            System.gc();
            long loaded = usedHeap();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long peak = 0;
            long start = System.nanoTime();
            List<Future<Sentiment>> results = new ArrayList<>();
            for (Post p : posts) {
                results.add(pool.submit(() -> analyzer.analyse(p).sentiment()));
            }
            int positive = 0;
            int negative = 0;
            for (Future<Sentiment> f : results) {
                Sentiment s = f.get();
                positive += s.label() == SentimentLabel.POSITIVE ? 1 : 0;
                negative += s.label() == SentimentLabel.NEGATIVE ? 1 : 0;
                peak = Math.max(peak, usedHeap());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "%s: %d posts in %.1f s = %.1f posts/s on %d threads; models %d MiB on "
                    + "the heap, peak heap seen %d MiB; %d negative, %d positive%n", parser, posts.size(), seconds,
                    posts.size() / seconds, threads, (loaded - before) >> 20, peak >> 20, negative, positive);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Post> demoPosts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Post> posts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("data", "demo"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(line);
                    posts.add(new Post(posts.size() + 1, posts.size() + 1, n.path("source").asText(),
                            n.path("externalId").asText(), null, new Author(n.path("author").path("handle").asText(),
                                    null, null), n.path("text").asText(), n.path("lang").asText(null),
                            Instant.parse(n.path("publishedAt").asText()), Metrics.UNKNOWN, null, null, Instant.now()));
                }
            }
        }
        return posts;
    }
}
