package org.reelpulse.analyze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.reelpulse.post.Post;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The background analysis stage: takes posts without an analysis, scores them in parallel and
 * commits each batch. Never blocks an import; after a crash the uncommitted batch is simply taken
 * again.
 */
@Component
public class AnalysisWorker {

    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);

    private final AnalysisRepository repository;
    private final PostAnalyzer analyzer;
    private final AnalyzeProperties properties;
    private final ExecutorService pool;

    AnalysisWorker(AnalysisRepository repository, PostAnalyzer analyzer, AnalyzeProperties properties) {
        this.repository = repository;
        this.analyzer = analyzer;
        this.properties = properties;
        this.pool = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread t = new Thread(r, "analyze");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(fixedDelayString = "${reelpulse.analyze.poll-interval}", initialDelayString = "PT1S")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        try {
            while (runBatch() > 0) {
                // keep going while there is work
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException e) {
            log.error("Analysis batch failed; it will be retried", e);
        }
    }

    /**
     * Analyses and commits one batch; returns how many posts it took. New posts come first; when
     * there are none, posts scored by an older version of the analysis are scored again, newest
     * first, while their old scores stay visible.
     */
    public int runBatch() throws InterruptedException, ExecutionException {
        List<Post> posts = repository.findUnanalysed(properties.batchSize());
        if (posts.isEmpty()) {
            posts = repository.findStale(PostAnalyzer.VERSION, properties.batchSize());
        }
        if (posts.isEmpty()) {
            return 0;
        }
        Map<Long, Future<Sentiment>> pending = new LinkedHashMap<>();
        for (Post p : posts) {
            pending.put(p.id(), pool.submit(() -> analyzer.analyse(p)));
        }
        Map<Long, Sentiment> results = new LinkedHashMap<>();
        for (var e : pending.entrySet()) {
            results.put(e.getKey(), e.getValue().get());
        }
        repository.saveAll(results, PostAnalyzer.VERSION);
        return posts.size();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
