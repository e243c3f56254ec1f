package org.reelpulse.analyze.labour;

import static org.reelpulse.jooq.Tables.ANALYSIS;
import static org.reelpulse.jooq.Tables.LABEL_CORRECTION;
import static org.reelpulse.jooq.Tables.LABEL_RULE;
import static org.reelpulse.jooq.Tables.POST;
import static org.reelpulse.jooq.Tables.POST_LABEL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.reelpulse.analyze.EntityMention;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.post.SeqOrder;
import org.reelpulse.query.NamedQueries;
import org.springframework.stereotype.Repository;

/** The stored labels of posts, the ADMIN's corrections, and the themes and crafts an ADMIN edited. */
@Repository
public class LabelRepository {

    private final DSLContext db;

    LabelRepository(DSLContext db) {
        this.db = db;
    }

    /** Replaces the labels of a post, inside the caller's transaction. */
    public static void write(DSLContext tx, long postId, Labels labels) {
        tx.deleteFrom(POST_LABEL).where(POST_LABEL.POST_ID.eq(postId)).execute();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (Label l : labels.all()) {
            if (!written.add(l.kind().key() + "\n" + cut(l.name(), 200))) {
                continue;
            }
            tx.insertInto(POST_LABEL)
                    .set(POST_LABEL.POST_ID, postId)
                    .set(POST_LABEL.KIND, l.kind().key())
                    .set(POST_LABEL.NAME, cut(l.name(), 200))
                    .set(POST_LABEL.TITLE, cut(l.title(), 200))
                    .set(POST_LABEL.REASON, cut(l.reason(), 1000))
                    .set(POST_LABEL.RULE, cut(l.rule(), 300))
                    .execute();
        }
    }

    /**
     * Stores new labels for posts already analysed, records the rules' version and gives each post
     * a new seq so the index picks them up.
     */
    public void saveLabels(Map<Long, Labels> labels, String version) {
        if (labels.isEmpty()) {
            return;
        }
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            SeqOrder.lock(tx);
            for (var e : labels.entrySet()) {
                write(tx, e.getKey(), e.getValue());
                tx.update(ANALYSIS).set(ANALYSIS.LABELS_VERSION, version)
                        .where(ANALYSIS.POST_ID.eq(e.getKey())).execute();
                tx.update(POST).set(POST.SEQ, SeqOrder.next()).where(POST.ID.eq(e.getKey())).execute();
            }
        });
    }

    /** Analysed posts labelled by other rules than {@code version} (or marked to be labelled again), newest first. */
    public List<Post> findStale(String version, int limit) {
        return db.select(POST.fields()).from(POST)
                .join(ANALYSIS).on(ANALYSIS.POST_ID.eq(POST.ID))
                .where(ANALYSIS.LABELS_VERSION.isNull().or(ANALYSIS.LABELS_VERSION.ne(version)))
                .orderBy(POST.PUBLISHED_AT.desc(), POST.ID.desc()).limit(limit)
                .fetch(PostRepository::toPost);
    }

    /** The labels of these posts, keyed by post id; a post without labels is absent. */
    public Map<Long, Labels> find(Collection<Long> postIds) {
        Map<Long, List<Label>> found = new HashMap<>();
        for (List<Long> chunk : PostRepository.chunks(postIds, 1000)) {
            db.selectFrom(POST_LABEL).where(POST_LABEL.POST_ID.in(chunk))
                    .orderBy(POST_LABEL.POST_ID, POST_LABEL.KIND, POST_LABEL.NAME)
                    .forEach(r -> found.computeIfAbsent(r.getPostId(), k -> new ArrayList<>())
                            .add(new Label(LabelKind.ofKey(r.getKind()), r.getName(), r.getTitle(), r.getReason(),
                                    r.getRule())));
        }
        Map<Long, Labels> result = new HashMap<>();
        found.forEach((id, list) -> result.put(id, Labels.of(list)));
        return result;
    }

    /** The names CoreNLP recognised in these posts when they were analysed, to label them again without it. */
    public Map<Long, List<EntityMention>> recognised(Collection<Long> postIds) {
        Map<Long, List<EntityMention>> result = new HashMap<>();
        for (List<Long> chunk : PostRepository.chunks(postIds, 1000)) {
            db.selectFrom(POST_LABEL).where(POST_LABEL.POST_ID.in(chunk))
                    .and(POST_LABEL.KIND.eq(LabelKind.ENTITY.key()))
                    .and(POST_LABEL.RULE.like("corenlp-ner%"))
                    .forEach(r -> result.computeIfAbsent(r.getPostId(), k -> new ArrayList<>())
                            .add(new EntityMention(r.getName(), r.getTitle())));
        }
        return result;
    }

    /** How many stored posts carry each label of a kind, most first. */
    public Map<String, Integer> counts(LabelKind kind) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        db.select(POST_LABEL.NAME, org.jooq.impl.DSL.count()).from(POST_LABEL)
                .where(POST_LABEL.KIND.eq(kind.key()))
                .groupBy(POST_LABEL.NAME).orderBy(org.jooq.impl.DSL.count().desc(), POST_LABEL.NAME)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    // --- corrections

    /** The corrections that apply to these posts: theirs, and their authors' group corrections. */
    public Map<Long, List<Correction>> correctionsFor(Collection<Post> posts) {
        Map<Long, List<Correction>> result = new HashMap<>();
        if (posts.isEmpty()) {
            return result;
        }
        Map<Long, Post> byId = new HashMap<>();
        posts.forEach(p -> byId.put(p.id(), p));
        for (List<Long> chunk : PostRepository.chunks(byId.keySet(), 500)) {
            db.selectFrom(LABEL_CORRECTION).where(LABEL_CORRECTION.POST_ID.in(chunk))
                    .orderBy(LABEL_CORRECTION.ID)
                    .forEach(r -> result.computeIfAbsent(r.getPostId(), k -> new ArrayList<>()).add(toCorrection(r)));
        }
        List<String> handles = posts.stream().map(p -> p.author().handle()).distinct().toList();
        for (List<String> chunk : PostRepository.chunks(handles, 500)) {
            List<Correction> byAuthor = db.selectFrom(LABEL_CORRECTION)
                    .where(LABEL_CORRECTION.POST_ID.isNull()).and(LABEL_CORRECTION.AUTHOR_HANDLE.in(chunk))
                    .orderBy(LABEL_CORRECTION.ID).fetch(LabelRepository::toCorrection);
            for (Post p : posts) {
                for (Correction c : byAuthor) {
                    if (c.authorHandle().equals(p.author().handle()) && c.source().equals(p.source())) {
                        result.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        // an author's group correction first, a post's own corrections after it
        result.values().forEach(list -> list.sort((a, b) -> Boolean.compare(a.postId() != null, b.postId() != null)));
        return result;
    }

    /**
     * Records a correction, replacing an earlier one of the same kind for the same post or author,
     * and marks the posts it touches to be labelled again.
     */
    public Correction correct(LabelKind kind, Long postId, String source, String authorHandle, List<String> names,
            String note, String by, Instant at) {
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var same = LABEL_CORRECTION.KIND.eq(kind.key());
            same = postId != null ? same.and(LABEL_CORRECTION.POST_ID.eq(postId))
                    : same.and(LABEL_CORRECTION.POST_ID.isNull()).and(LABEL_CORRECTION.SOURCE.eq(source))
                            .and(LABEL_CORRECTION.AUTHOR_HANDLE.eq(authorHandle));
            tx.deleteFrom(LABEL_CORRECTION).where(same).execute();
            Record r = tx.insertInto(LABEL_CORRECTION)
                    .set(LABEL_CORRECTION.KIND, kind.key())
                    .set(LABEL_CORRECTION.POST_ID, postId)
                    .set(LABEL_CORRECTION.SOURCE, source)
                    .set(LABEL_CORRECTION.AUTHOR_HANDLE, authorHandle)
                    .set(LABEL_CORRECTION.NAMES, String.join("\n", names))
                    .set(LABEL_CORRECTION.NOTE, note)
                    .set(LABEL_CORRECTION.CORRECTED_BY, by)
                    .set(LABEL_CORRECTION.CORRECTED_AT, at.atOffset(ZoneOffset.UTC))
                    .returning().fetchOne();
            markStale(tx, postId, source, authorHandle);
            return toCorrection(r);
        });
    }

    /** Removes a correction; the posts it touched are labelled by the rules again. */
    public boolean removeCorrection(long id) {
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            Optional<Correction> c = tx.selectFrom(LABEL_CORRECTION).where(LABEL_CORRECTION.ID.eq(id))
                    .fetchOptional(LabelRepository::toCorrection);
            c.ifPresent(x -> {
                tx.deleteFrom(LABEL_CORRECTION).where(LABEL_CORRECTION.ID.eq(id)).execute();
                markStale(tx, x.postId(), x.source(), x.authorHandle());
            });
            return c.isPresent();
        });
    }

    /** Every correction, newest first. */
    public List<Correction> corrections() {
        return db.selectFrom(LABEL_CORRECTION).orderBy(LABEL_CORRECTION.ID.desc()).fetch(LabelRepository::toCorrection);
    }

    private static void markStale(DSLContext tx, Long postId, String source, String authorHandle) {
        if (postId != null) {
            tx.update(ANALYSIS).setNull(ANALYSIS.LABELS_VERSION).where(ANALYSIS.POST_ID.eq(postId)).execute();
        } else {
            tx.update(ANALYSIS).setNull(ANALYSIS.LABELS_VERSION)
                    .where(ANALYSIS.POST_ID.in(tx.select(POST.ID).from(POST)
                            .where(POST.SOURCE.eq(source)).and(POST.AUTHOR_HANDLE.eq(authorHandle))))
                    .execute();
        }
    }

    private static Correction toCorrection(Record r) {
        String names = r.get(LABEL_CORRECTION.NAMES);
        return new Correction(r.get(LABEL_CORRECTION.ID), LabelKind.ofKey(r.get(LABEL_CORRECTION.KIND)),
                r.get(LABEL_CORRECTION.POST_ID), r.get(LABEL_CORRECTION.SOURCE), r.get(LABEL_CORRECTION.AUTHOR_HANDLE),
                names.isEmpty() ? List.of() : Arrays.asList(names.split("\n")), r.get(LABEL_CORRECTION.NOTE),
                r.get(LABEL_CORRECTION.CORRECTED_BY), r.get(LABEL_CORRECTION.CORRECTED_AT).toInstant());
    }

    // --- edited themes and crafts

    /** The themes or crafts an ADMIN has edited, each with its query per language. */
    public List<NamedQueries.Definition> editedRules(LabelKind kind) {
        Map<String, Map<String, String>> queries = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        db.selectFrom(LABEL_RULE).where(LABEL_RULE.KIND.eq(kind.key()))
                .orderBy(LABEL_RULE.NAME, LABEL_RULE.LANG)
                .forEach(r -> {
                    queries.computeIfAbsent(r.getName(), k -> new LinkedHashMap<>()).put(r.getLang(), r.getQuery());
                    titles.put(r.getName(), r.getTitle());
                });
        List<NamedQueries.Definition> result = new ArrayList<>();
        queries.forEach((name, q) -> result.add(new NamedQueries.Definition(name, titles.get(name), q)));
        return result;
    }

    /** Replaces the edited definition of a theme or craft. */
    public void saveRule(LabelKind kind, NamedQueries.Definition d, String by, Instant at) {
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.deleteFrom(LABEL_RULE).where(LABEL_RULE.KIND.eq(kind.key())).and(LABEL_RULE.NAME.eq(d.name())).execute();
            d.queries().forEach((lang, q) -> tx.insertInto(LABEL_RULE)
                    .set(LABEL_RULE.KIND, kind.key())
                    .set(LABEL_RULE.NAME, d.name())
                    .set(LABEL_RULE.TITLE, d.label())
                    .set(LABEL_RULE.LANG, lang)
                    .set(LABEL_RULE.QUERY, q)
                    .set(LABEL_RULE.UPDATED_BY, by)
                    .set(LABEL_RULE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                    .execute());
        });
    }

    /** Removes an edit, so the shipped definition applies again. */
    public boolean removeRule(LabelKind kind, String name) {
        return db.deleteFrom(LABEL_RULE).where(LABEL_RULE.KIND.eq(kind.key())).and(LABEL_RULE.NAME.eq(name))
                .execute() > 0;
    }

    /** Changes whenever an edited rule does; cheap to ask often. */
    public String rulesFingerprint() {
        var r = db.select(org.jooq.impl.DSL.count(), org.jooq.impl.DSL.max(LABEL_RULE.UPDATED_AT))
                .from(LABEL_RULE).fetchOne();
        return r.value1() + "/" + r.value2();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
