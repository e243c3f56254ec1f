package org.reelpulse.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Feeds the index from the database by post seq: takes the posts changed since the index's
 * watermark, (re)indexes them with their analysis, commits with the new watermark.
 */
@Component
public class PostIndexer {

    private static final Logger log = LoggerFactory.getLogger(PostIndexer.class);

    private final PostIndex index;
    private final PostRepository posts;
    private final AnalysisRepository analyses;
    private final SearchProperties properties;
    private final LabelRepository labels;

    PostIndexer(PostIndex index, PostRepository posts, AnalysisRepository analyses, SearchProperties properties,
            LabelRepository labels) {
        this.labels = labels;
        this.index = index;
        this.posts = posts;
        this.analyses = analyses;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${reelpulse.search.poll-interval}", initialDelayString = "PT1S")
    void poll() {
        if (!properties.indexing()) {
            return;
        }
        try {
            catchUp();
        } catch (IOException | RuntimeException e) {
            log.error("Indexing failed; it resumes from the last commit on the next run", e);
        }
    }

    /**
     * Indexes until the index has every change in the database, committing every
     * {@link SearchProperties#commitEvery()} posts and at the end; returns the number of posts indexed
     * (tombstones, whose documents it removes, left out).
     */
    public synchronized int catchUp() throws IOException {
        int total = 0;
        int uncommitted = 0;
        long seq = index.watermark();
        List<Post> batch;
        while (!(batch = posts.findAfterSeq(seq, properties.batchSize())).isEmpty()) {
            seq = stage(batch);
            total += (int) batch.stream().filter(p -> !p.isTombstone()).count();
            uncommitted += batch.size();
            if (uncommitted >= properties.commitEvery()) {
                index.commit(seq);
                uncommitted = 0;
            }
        }
        if (uncommitted > 0) {
            index.commit(seq);
        }
        return total;
    }

    /** Indexes and commits one batch; returns its size. */
    synchronized int indexBatch() throws IOException {
        List<Post> batch = posts.findAfterSeq(index.watermark(), properties.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        index.commit(stage(batch));
        return batch.size();
    }

    /** Adds or replaces the documents of a batch of posts (removes those of tombstones), uncommitted; returns the batch's highest seq. */
    private long stage(List<Post> batch) throws IOException {
        List<Post> live = batch.stream().filter(p -> !p.isTombstone()).toList();
        List<Long> ids = live.stream().map(Post::id).toList();
        Map<Long, Sentiment> sentiments = analyses.findSummaries(ids);
        Map<Long, Labels> labelled = labels.find(ids);
        index.unstage(batch.stream().filter(Post::isTombstone).map(Post::id).toList());
        index.stage(live.stream().map(p -> PostDocuments.of(p, sentiments.get(p.id()),
                labelled.getOrDefault(p.id(), Labels.NONE))).toList());
        return batch.get(batch.size() - 1).seq();
    }

    /** Empties the index and indexes everything again from the database. */
    public synchronized int rebuild() throws IOException {
        log.info("Rebuilding the search index from the database");
        index.clear();
        int n = catchUp();
        log.info("Search index rebuilt: {} posts", n);
        return n;
    }

    /** How far the index is: its watermark against the highest seq in the database. */
    public IndexStatus status() {
        return new IndexStatus(index.size(), index.watermark(), posts.maxSeq());
    }

    /** Documents in the index, the seq it has reached, and the highest seq stored. */
    public record IndexStatus(int documents, long indexedSeq, long storedSeq) {
    }
}
