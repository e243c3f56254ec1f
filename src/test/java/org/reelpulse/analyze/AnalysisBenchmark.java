package org.reelpulse.analyze;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
 * Posts/s of the whole analysis of a post (language detection, the light or the full CoreNLP
 * pipeline, the tweet model for the post and each sentence) on every core, for both ways of
 * explaining sentences, in one run: on the demo corpus, then on generated posts. A benchmark, not a
 * test:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.reelpulse.analyze.AnalysisBenchmark -Dexec.args="100000 5000"}
 * (generated posts for the light configuration, and how many of them the slow one reads).
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int generated = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int generatedSlow = args.length > 1 ? Integer.parseInt(args[1]) : Math.min(generated, 5_000);
        List<Post> demo = demoPosts();
        List<Post> many = generate(demo, generated, 42);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d cores, max heap %d MiB, %d demo posts, %d generated%n", threads,
                Runtime.getRuntime().maxMemory() >> 20, demo.size(), many.size());
        Map<String, List<Sentiment>> demoResults = new LinkedHashMap<>();
        // the light configuration first, so the second one's figure is what the parser adds on the heap
        for (String sentences : List.of("model", "corenlp")) {
            AnalyzeProperties props = new AnalyzeProperties(true, 32, threads, 80, Duration.ofSeconds(1),
                    "shift-reduce", true, sentences);
            System.gc();
            long before = usedHeap();
            PostAnalyzer analyzer = new PostAnalyzer(new CoreNlpSentiment(props), props, Clock.systemUTC());
            analyzer.analyse(demo.get(0)); // loads the models
            System.gc();
            long loaded = usedHeap();
            for (Post p : demo.subList(0, 100)) {
                analyzer.analyse(p); // warms the code up, so both configurations are measured warm
            }
            resetPeaks();
            demoResults.put(sentences, run(analyzer, demo, threads, "demo corpus, sentences by " + sentences,
                    loaded - before));
            if (!many.isEmpty()) {
                List<Post> part = sentences.equals("corenlp") ? many.subList(0, Math.min(generatedSlow, many.size()))
                        : many;
                run(analyzer, part, threads, "generated posts, sentences by " + sentences, loaded - before);
            }
        }
        List<Sentiment> a = demoResults.get("corenlp");
        List<Sentiment> b = demoResults.get("model");
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).label() == b.get(i).label() && a.get(i).score().equals(b.get(i).score()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "same label and score in both configurations: %d of %d demo posts%n", same,
                a.size());
    }

    private static List<Sentiment> run(PostAnalyzer analyzer, List<Post> posts, int threads, String what,
            long models) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Sentiment>> futures = new ArrayList<>();
        for (Post p : posts) {
            futures.add(pool.submit(() -> analyzer.analyse(p).sentiment()));
        }
        List<Sentiment> results = new ArrayList<>();
        for (Future<Sentiment> f : futures) {
            results.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long negative = results.stream().filter(s -> s.label() == SentimentLabel.NEGATIVE).count();
        long positive = results.stream().filter(s -> s.label() == SentimentLabel.POSITIVE).count();
        System.out.printf(Locale.ROOT, "%s: %d posts in %.1f s = %.1f posts/s on %d threads; models added %d MiB; "
                + "peak heap %d MiB; %d negative, %d positive%n", what, posts.size(), seconds, posts.size() / seconds,
                threads, models >> 20, peakHeap() >> 20, negative, positive);
        return results;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the peak heap). */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /**
     * Posts made of one to four sentences of the demo corpus in the same language, shuffled, with a
     * hashtag now and then: new texts with the corpus's vocabulary and length, reproducible.
     */
    static List<Post> generate(List<Post> demo, int n, long seed) {
        Map<String, List<String>> sentences = new LinkedHashMap<>();
        for (Post p : demo) {
            String lang = p.lang() == null ? "en" : p.lang();
            for (String s : p.text().split("(?<=[.!?])\\s+")) {
                if (!s.isBlank()) {
                    sentences.computeIfAbsent(lang, k -> new ArrayList<>()).add(s.strip());
                }
            }
        }
        List<String> langs = new ArrayList<>();
        demo.forEach(p -> langs.add(p.lang() == null ? "en" : p.lang()));
        Random random = new Random(seed);
        List<String> tags = List.of("#AI", "#Lionsgate", "#NoAIArt", "#VFX", "#Runway", "#MovieGen", "");
        List<Post> posts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String lang = langs.get(random.nextInt(langs.size()));
            List<String> pool = sentences.get(lang);
            StringBuilder text = new StringBuilder();
            for (int k = 0, m = 1 + random.nextInt(4); k < m; k++) {
                text.append(k == 0 ? "" : " ").append(pool.get(random.nextInt(pool.size())));
            }
            text.append(' ').append(tags.get(random.nextInt(tags.size())));
            Instant at = Instant.parse("2024-09-18T00:00:00Z").plusSeconds(random.nextInt(30 * 86_400));
            posts.add(new Post(i + 1, i + 1, "bluesky", "gen-" + i, null, new Author("gen" + random.nextInt(5000),
                    null, null), text.toString().strip(), lang, at, Metrics.UNKNOWN, null, null, at));
        }
        return posts;
    }

    static List<Post> demoPosts() throws IOException {
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
