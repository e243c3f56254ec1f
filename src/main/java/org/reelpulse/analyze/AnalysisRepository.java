package org.reelpulse.analyze;

import static org.reelpulse.jooq.Tables.ANALYSIS;
import static org.reelpulse.jooq.Tables.ANALYSIS_SENTENCE;
import static org.reelpulse.jooq.Tables.POST;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.post.SeqOrder;
import org.springframework.stereotype.Repository;

/** Analysis results, one per post, with their sentences. */
@Repository
public class AnalysisRepository {

    private final DSLContext db;

    AnalysisRepository(DSLContext db) {
        this.db = db;
    }

    /** Posts analysed by another version of the analysis than {@code version}, newest first. */
    List<Post> findStale(String version, int limit) {
        return db.select(POST.fields()).from(POST)
                .join(ANALYSIS).on(ANALYSIS.POST_ID.eq(POST.ID))
                .where(ANALYSIS.VERSION.isNull().or(ANALYSIS.VERSION.ne(version)))
                .orderBy(POST.PUBLISHED_AT.desc(), POST.ID.desc()).limit(limit)
                .fetch(PostRepository::toPost);
    }

    /** Posts without an analysis, in the order they arrived. */
    List<Post> findUnanalysed(int limit) {
        return db.select(POST.fields()).from(POST)
                .leftJoin(ANALYSIS).on(ANALYSIS.POST_ID.eq(POST.ID))
                .where(ANALYSIS.POST_ID.isNull(), POST.DELETED_AT.isNull())
                .orderBy(POST.SEQ).limit(limit)
                .fetch(PostRepository::toPost);
    }

    /** Stores analyses without labels (they follow in the labelling pass). */
    void saveAll(Map<Long, Sentiment> results, String version) {
        saveAll(results, Map.of(), version, null, null);
    }

    /**
     * Stores the analyses of a batch with their labels in one transaction and gives each analysed
     * post a new seq, so the index picks the result up. A crash before the commit leaves the batch
     * unanalysed. With {@code analysedTexts} (the text each result was computed from), a post edited or
     * deleted since it was read keeps no result: the edit is analysed in a later batch.
     */
    void saveAll(Map<Long, Sentiment> results, Map<Long, Labels> labels, String version, String labelsVersion,
            Map<Long, String> analysedTexts) {
        if (results.isEmpty()) {
            return;
        }
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            SeqOrder.lock(tx);
            if (analysedTexts != null) {
                results.keySet().retainAll(current(tx, analysedTexts));
            }
            tx.deleteFrom(ANALYSIS).where(ANALYSIS.POST_ID.in(results.keySet())).execute();
            for (var e : results.entrySet()) {
                long postId = e.getKey();
                Sentiment s = e.getValue();
                tx.insertInto(ANALYSIS)
                        .set(ANALYSIS.POST_ID, postId)
                        .set(ANALYSIS.LANG, s.lang())
                        .set(ANALYSIS.LABEL, s.label().key())
                        .set(ANALYSIS.SCORE, s.score())
                        .set(ANALYSIS.CONFIDENCE, s.confidence())
                        .set(ANALYSIS.METHOD, s.method())
                        .set(ANALYSIS.REASON, s.reason())
                        .set(ANALYSIS.ANALYSED_AT, s.analysedAt().atOffset(ZoneOffset.UTC))
                        .set(ANALYSIS.DRIVERS, s.drivers().isEmpty() ? null : String.join("\n", s.drivers()))
                        .set(ANALYSIS.VERSION, version)
                        .set(ANALYSIS.LABELS_VERSION, labels.containsKey(postId) ? labelsVersion : null)
                        .execute();
                LabelRepository.write(tx, postId, labels.getOrDefault(postId, Labels.NONE));
                for (SentenceSentiment t : s.sentences()) {
                    double[] p = t.probabilities();
                    tx.insertInto(ANALYSIS_SENTENCE)
                            .set(ANALYSIS_SENTENCE.POST_ID, postId)
                            .set(ANALYSIS_SENTENCE.IDX, t.index())
                            .set(ANALYSIS_SENTENCE.BEGIN_OFFSET, t.begin())
                            .set(ANALYSIS_SENTENCE.END_OFFSET, t.end())
                            .set(ANALYSIS_SENTENCE.TEXT, t.text())
                            .set(ANALYSIS_SENTENCE.TOKENS, t.tokens())
                            .set(ANALYSIS_SENTENCE.LABEL, t.label().key())
                            .set(ANALYSIS_SENTENCE.SCORE, t.score())
                            .set(ANALYSIS_SENTENCE.P_VERY_NEGATIVE, p[0])
                            .set(ANALYSIS_SENTENCE.P_NEGATIVE, p[1])
                            .set(ANALYSIS_SENTENCE.P_NEUTRAL, p[2])
                            .set(ANALYSIS_SENTENCE.P_POSITIVE, p[3])
                            .set(ANALYSIS_SENTENCE.P_VERY_POSITIVE, p[4])
                            .set(ANALYSIS_SENTENCE.MODEL, t.model())
                            .execute();
                }
                tx.update(POST).set(POST.SEQ, SeqOrder.next()).where(POST.ID.eq(postId)).execute();
            }
        });
    }

    /** The ids among these whose stored text is still the one analysed and that are no tombstones. */
    private static Set<Long> current(DSLContext tx, Map<Long, String> analysedTexts) {
        Set<Long> ids = new HashSet<>();
        for (List<Long> chunk : PostRepository.chunks(analysedTexts.keySet(), 1000)) {
            tx.select(POST.ID, POST.TEXT).from(POST).where(POST.ID.in(chunk), POST.DELETED_AT.isNull())
                    .forEach(r -> {
                        if (r.value2().equals(analysedTexts.get(r.value1()))) {
                            ids.add(r.value1());
                        }
                    });
        }
        return ids;
    }

    /** The full analysis of a post, with its sentences. */
    public Optional<Sentiment> find(long postId) {
        return db.selectFrom(ANALYSIS).where(ANALYSIS.POST_ID.eq(postId)).fetchOptional()
                .map(r -> toSentiment(r, db.selectFrom(ANALYSIS_SENTENCE)
                        .where(ANALYSIS_SENTENCE.POST_ID.eq(postId))
                        .orderBy(ANALYSIS_SENTENCE.IDX)
                        .fetch(t -> new SentenceSentiment(t.getIdx(), t.getBeginOffset(), t.getEndOffset(),
                                t.getText(), t.getTokens(), SentimentLabel.ofKey(t.getLabel()), t.getScore(),
                                new double[] {t.getPVeryNegative(), t.getPNegative(), t.getPNeutral(),
                                        t.getPPositive(), t.getPVeryPositive()}, t.getModel()))));
    }

    /** The sentences of these posts' analyses, in order, keyed by post id; posts without any are absent. */
    public Map<Long, List<SentenceSentiment>> findSentences(Collection<Long> postIds) {
        Map<Long, List<SentenceSentiment>> result = new HashMap<>();
        for (List<Long> chunk : PostRepository.chunks(postIds, 1000)) {
            db.selectFrom(ANALYSIS_SENTENCE).where(ANALYSIS_SENTENCE.POST_ID.in(chunk))
                    .orderBy(ANALYSIS_SENTENCE.POST_ID, ANALYSIS_SENTENCE.IDX)
                    .forEach(t -> result.computeIfAbsent(t.getPostId(), k -> new java.util.ArrayList<>())
                            .add(new SentenceSentiment(t.getIdx(), t.getBeginOffset(), t.getEndOffset(), t.getText(),
                                    t.getTokens(), SentimentLabel.ofKey(t.getLabel()), t.getScore(),
                                    new double[] {t.getPVeryNegative(), t.getPNegative(), t.getPNeutral(),
                                            t.getPPositive(), t.getPVeryPositive()}, t.getModel())));
        }
        return result;
    }

    /** The analyses of these posts without their sentences, keyed by post id. */
    public Map<Long, Sentiment> findSummaries(Collection<Long> postIds) {
        Map<Long, Sentiment> result = new HashMap<>();
        for (List<Long> chunk : PostRepository.chunks(postIds, 1000)) {
            db.selectFrom(ANALYSIS).where(ANALYSIS.POST_ID.in(chunk))
                    .forEach(r -> result.put(r.get(ANALYSIS.POST_ID), toSentiment(r, List.of())));
        }
        return result;
    }

    public long countAnalysed() {
        return db.fetchCount(ANALYSIS);
    }

    private static Sentiment toSentiment(Record r, List<SentenceSentiment> sentences) {
        OffsetDateTime at = r.get(ANALYSIS.ANALYSED_AT);
        String drivers = r.get(ANALYSIS.DRIVERS);
        return new Sentiment(SentimentLabel.ofKey(r.get(ANALYSIS.LABEL)), r.get(ANALYSIS.SCORE),
                r.get(ANALYSIS.CONFIDENCE), r.get(ANALYSIS.METHOD), r.get(ANALYSIS.REASON), r.get(ANALYSIS.LANG),
                sentences, at.toInstant(), drivers == null ? List.of() : List.of(drivers.split("\n")));
    }
}
