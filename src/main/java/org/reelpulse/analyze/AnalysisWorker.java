package org.reelpulse.analyze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.reelpulse.analyze.labour.Correction;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.LabelRules;
import org.reelpulse.analyze.labour.LabelRulesService;
import org.reelpulse.analyze.labour.Labeller;
import org.reelpulse.analyze.labour.Labels;
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
    private final LabelRepository labels;
    private final LabelRulesService rules;
    private final PostAnalyzer analyzer;
    private final AnalyzeProperties properties;
    private final ExecutorService pool;

    AnalysisWorker(AnalysisRepository repository, LabelRepository labels, LabelRulesService rules,
            PostAnalyzer analyzer, AnalyzeProperties properties) {
        this.repository = repository;
        this.labels = labels;
        this.rules = rules;
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
     * Analyses and commits one batch; returns how many posts it took. New posts come first; then
     * posts whose labels were made by other rules (an edited theme, a correction), which is quick;
     * then posts scored by an older version of the analysis, newest first, while their old scores
     * stay visible.
     */
    public int runBatch() throws InterruptedException, ExecutionException {
        LabelRules current = rules.current();
        List<Post> posts = repository.findUnanalysed(properties.batchSize());
        if (posts.isEmpty()) {
            List<Post> relabel = labels.findStale(current.version(), properties.batchSize());
            if (!relabel.isEmpty()) {
                relabel(relabel, current);
                return relabel.size();
            }
            posts = repository.findStale(analyzer.version(), properties.batchSize());
        }
        if (posts.isEmpty()) {
            return 0;
        }
        Map<Long, Future<Analysed>> pending = new LinkedHashMap<>();
        for (Post p : posts) {
            pending.put(p.id(), pool.submit(() -> analyzer.analyse(p)));
        }
        Map<Long, List<Correction>> corrections = labels.correctionsFor(posts);
        Map<Long, Sentiment> results = new LinkedHashMap<>();
        Map<Long, Labels> labelled = new LinkedHashMap<>();
        for (Post p : posts) {
            Analysed a = pending.get(p.id()).get();
            results.put(p.id(), a.sentiment());
            labelled.put(p.id(), labelSafely(current, p, a.sentiment(), a.recognised(),
                    corrections.getOrDefault(p.id(), List.of())));
        }
        Map<Long, String> texts = new LinkedHashMap<>();
        posts.forEach(p -> texts.put(p.id(), p.text()));
        repository.saveAll(results, labelled, analyzer.version(), current.version(), texts);
        return posts.size();
    }

    /** Labels analysed posts again with the rules in force, keeping their scores and recognised names. */
    private void relabel(List<Post> posts, LabelRules current) {
        List<Long> ids = posts.stream().map(Post::id).toList();
        Map<Long, Sentiment> sentiments = repository.findSummaries(ids);
        Map<Long, List<EntityMention>> recognised = labels.recognised(ids);
        Map<Long, List<Correction>> corrections = labels.correctionsFor(posts);
        Map<Long, Labels> labelled = new LinkedHashMap<>();
        for (Post p : posts) {
            labelled.put(p.id(), labelSafely(current, p, sentiments.get(p.id()),
                    recognised.getOrDefault(p.id(), List.of()), corrections.getOrDefault(p.id(), List.of())));
        }
        labels.saveLabels(labelled, current.version());
    }

    /** A rule failing on one post must not stall the stage: the post keeps no labels, and the log says why. */
    private static Labels labelSafely(LabelRules rules, Post p, Sentiment s, List<EntityMention> recognised,
            List<Correction> corrections) {
        try {
            return Labeller.label(rules, p, s, recognised, corrections);
        } catch (RuntimeException e) {
            log.warn("Labelling failed for post {}", p.id(), e);
            return Labels.NONE;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
