package org.reelpulse.post;

import static org.reelpulse.jooq.Tables.ANALYSIS;
import static org.reelpulse.jooq.Tables.POST;
import static org.reelpulse.jooq.Tables.POST_LABEL;
import static org.reelpulse.jooq.Tables.SOURCE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The post store. Idempotent on (source, externalId). */
@Repository
public class PostRepository {

    private final DSLContext db;
    private final Clock clock;

    PostRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The ids of the known sources, e.g. {@code mastodon}, {@code union}. */
    public Set<String> sourceIds() {
        return new HashSet<>(db.select(SOURCE.ID).from(SOURCE).fetch(SOURCE.ID));
    }

    /**
     * Stores the posts that are not stored yet, in one transaction; a post whose (source,
     * externalId) is already stored, or repeated within the batch, counts as a duplicate. A stored post
     * offered again with another text is an edit: its text is replaced and it is analysed again.
     */
    public InsertOutcome insertNew(List<NewPost> posts) {
        return store(posts, false);
    }

    /**
     * Like {@link #insertNew}, and also recognises cross-posts: a new post whose text (its letters and
     * digits, links left out, at least {@value #CROSS_POST_MIN_CHARS} of them) the same author already
     * posted on the same platform within {@link #CROSS_POST_WINDOW} is not stored a second time. For
     * collectors, which meet the same words in several communities; imports keep every row they are given.
     */
    public InsertOutcome insertCollected(List<NewPost> posts) {
        return store(posts, true);
    }

    /** Fewest letters and digits a text needs before two copies of it count as one cross-post. */
    static final int CROSS_POST_MIN_CHARS = 40;
    /** How far apart in time two copies may be and still count as one cross-post. */
    static final Duration CROSS_POST_WINDOW = Duration.ofHours(48);

    private InsertOutcome store(List<NewPost> posts, boolean recogniseCrossPosts) {
        if (posts.isEmpty()) {
            return new InsertOutcome(0, 0);
        }
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SeqOrder.lock(tx);
            List<Row2<String, String>> keys = posts.stream()
                    .map(p -> DSL.row(p.source(), p.externalId())).toList();
            Map<String, Record> stored = new HashMap<>();
            tx.select(POST.ID, POST.SOURCE, POST.EXTERNAL_ID, POST.TEXT, POST.DELETED_AT, POST.LIKES, POST.REPOSTS,
                    POST.REPLIES, POST.QUOTES).from(POST)
                    .where(DSL.row(POST.SOURCE, POST.EXTERNAL_ID).in(keys))
                    .forEach(r -> stored.put(key(r.get(POST.SOURCE), r.get(POST.EXTERNAL_ID)), r));
            Set<String> offered = new HashSet<>();
            Map<String, String> hashes = new HashMap<>();
            for (NewPost p : posts) {
                if (!stored.containsKey(key(p.source(), p.externalId()))) {
                    hashes.put(key(p.source(), p.externalId()), TextFingerprint.of(p.text()));
                }
            }
            // when each author posted each text before, on each platform: stored posts (one query) and this batch
            Map<String, List<Instant>> posted = recogniseCrossPosts ? postedBefore(tx, posts, hashes) : new HashMap<>();
            OffsetDateTime now = OffsetDateTime.now(clock);
            int inserted = 0;
            int edited = 0;
            int crossPosts = 0;
            for (NewPost p : posts) {
                String key = key(p.source(), p.externalId());
                if (!offered.add(key)) {
                    continue;
                }
                Metrics m = p.metrics() == null ? Metrics.UNKNOWN : p.metrics();
                Record old = stored.get(key);
                if (old != null) {
                    if (old.get(POST.DELETED_AT) == null) {
                        edited += refresh(tx, old, p, m, now) ? 1 : 0;
                    }
                    continue;
                }
                String hash = hashes.get(key);
                if (hash != null) {
                    List<Instant> before = posted.computeIfAbsent(copy(p, hash), k -> new ArrayList<>());
                    if (recogniseCrossPosts && before.stream().anyMatch(t -> Duration.between(t, p.publishedAt())
                            .abs().compareTo(CROSS_POST_WINDOW) <= 0)) {
                        crossPosts++;
                        continue;
                    }
                    before.add(p.publishedAt());
                }
                tx.insertInto(POST)
                        .set(POST.SEQ, SeqOrder.next())
                        .set(POST.SOURCE, p.source())
                        .set(POST.EXTERNAL_ID, p.externalId())
                        .set(POST.URL, p.url())
                        .set(POST.AUTHOR_HANDLE, p.author().handle())
                        .set(POST.AUTHOR_NAME, p.author().name())
                        .set(POST.AUTHOR_BIO, p.author().bio())
                        .set(POST.TEXT, p.text())
                        .set(POST.LANG, p.lang())
                        .set(POST.PUBLISHED_AT, p.publishedAt().atOffset(ZoneOffset.UTC))
                        .set(POST.LIKES, m.likes())
                        .set(POST.REPOSTS, m.reposts())
                        .set(POST.REPLIES, m.replies())
                        .set(POST.QUOTES, m.quotes())
                        .set(POST.REPLY_TO, p.replyTo())
                        .set(POST.REPOST_OF, p.repostOf())
                        .set(POST.COLLECTED_AT, now)
                        .set(POST.SOURCE_NAME, p.sourceName())
                        .set(POST.TEXT_HASH, hash)
                        .execute();
                inserted++;
            }
            return new InsertOutcome(inserted, posts.size() - inserted - edited - crossPosts, edited, crossPosts);
        });
    }

    /**
     * A stored post offered again. Another text is an edit: the text replaces the old one, the analysis
     * and labels of the old text are dropped so the analysis stage scores it again, and true is returned.
     * Only other counts (likes, reposts …): they are refreshed, and the seq raised so the index shows them.
     */
    private static boolean refresh(DSLContext tx, Record old, NewPost p, Metrics m, OffsetDateTime now) {
        long id = old.get(POST.ID);
        if (!old.get(POST.TEXT).equals(p.text())) {
            dropAnalysis(tx, id);
            tx.update(POST)
                    .set(POST.SEQ, SeqOrder.next())
                    .set(POST.TEXT, p.text())
                    .set(POST.TEXT_HASH, TextFingerprint.of(p.text()))
                    .set(POST.LANG, p.lang())
                    .set(POST.URL, p.url())
                    .set(POST.LIKES, m.likes())
                    .set(POST.REPOSTS, m.reposts())
                    .set(POST.REPLIES, m.replies())
                    .set(POST.QUOTES, m.quotes())
                    .set(POST.EDITED_AT, now)
                    .where(POST.ID.eq(id))
                    .execute();
            return true;
        }
        if (p.metrics() != null && !m.equals(new Metrics(old.get(POST.LIKES), old.get(POST.REPOSTS),
                old.get(POST.REPLIES), old.get(POST.QUOTES)))) {
            tx.update(POST)
                    .set(POST.SEQ, SeqOrder.next())
                    .set(POST.LIKES, m.likes())
                    .set(POST.REPOSTS, m.reposts())
                    .set(POST.REPLIES, m.replies())
                    .set(POST.QUOTES, m.quotes())
                    .where(POST.ID.eq(id))
                    .execute();
        }
        return false;
    }

    /** The key under which one author's copies of one text on one platform are found. */
    private static String copy(NewPost p, String hash) {
        return p.source() + '\u0000' + p.author().handle() + '\u0000' + hash;
    }

    /**
     * When the authors of the batch's new posts posted the same texts before, on the same platforms, within
     * the window of any of them: one query for the whole batch, by the (author, text fingerprint) index.
     */
    private static Map<String, List<Instant>> postedBefore(DSLContext tx, List<NewPost> posts,
            Map<String, String> hashes) {
        Map<String, List<Instant>> posted = new HashMap<>();
        List<Row2<String, String>> pairs = new ArrayList<>();
        Instant earliest = null;
        Instant latest = null;
        for (NewPost p : posts) {
            String hash = hashes.get(key(p.source(), p.externalId()));
            if (hash != null) {
                pairs.add(DSL.row(p.author().handle(), hash));
                earliest = earliest == null || p.publishedAt().isBefore(earliest) ? p.publishedAt() : earliest;
                latest = latest == null || p.publishedAt().isAfter(latest) ? p.publishedAt() : latest;
            }
        }
        if (pairs.isEmpty()) {
            return posted;
        }
        tx.select(POST.SOURCE, POST.AUTHOR_HANDLE, POST.TEXT_HASH, POST.PUBLISHED_AT).from(POST)
                .where(DSL.row(POST.AUTHOR_HANDLE, POST.TEXT_HASH).in(pairs), POST.DELETED_AT.isNull(),
                        POST.PUBLISHED_AT.between(earliest.minus(CROSS_POST_WINDOW).atOffset(ZoneOffset.UTC),
                                latest.plus(CROSS_POST_WINDOW).atOffset(ZoneOffset.UTC)))
                .forEach(r -> posted.computeIfAbsent(r.value1() + '\u0000' + r.value2() + '\u0000' + r.value3(),
                        k -> new ArrayList<>()).add(r.value4().toInstant()));
        return posted;
    }

    /** Drops a post's analysis and labels, so a changed text is scored again and a removed one counts nowhere. */
    private static void dropAnalysis(DSLContext tx, long id) {
        tx.deleteFrom(ANALYSIS).where(ANALYSIS.POST_ID.eq(id)).execute();
        tx.deleteFrom(POST_LABEL).where(POST_LABEL.POST_ID.eq(id)).execute();
    }

    /**
     * Turns a stored post into a tombstone: its text and author's name and bio are removed, its analysis
     * dropped, and its seq raised so the index removes it. False when no such post is stored (nothing to
     * remove) or it is a tombstone already.
     */
    public boolean tombstone(String source, String externalId) {
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SeqOrder.lock(tx);
            Long id = tx.select(POST.ID).from(POST)
                    .where(POST.SOURCE.eq(source), POST.EXTERNAL_ID.eq(externalId), POST.DELETED_AT.isNull())
                    .fetchOne(POST.ID);
            if (id == null) {
                return false;
            }
            dropAnalysis(tx, id);
            tx.update(POST)
                    .set(POST.SEQ, SeqOrder.next())
                    .set(POST.TEXT, "")
                    .setNull(POST.TEXT_HASH)
                    .setNull(POST.AUTHOR_NAME)
                    .setNull(POST.AUTHOR_BIO)
                    .set(POST.DELETED_AT, OffsetDateTime.now(clock))
                    .where(POST.ID.eq(id))
                    .execute();
            return true;
        });
    }

    private static String key(String source, String externalId) {
        return source + '\u0000' + externalId;
    }

    public Optional<Post> findById(long id) {
        return db.selectFrom(POST).where(POST.ID.eq(id)).fetchOptional(PostRepository::toPost);
    }

    /** The posts with these ids, keyed by id; ids that do not exist are absent. */
    public Map<Long, Post> findByIds(Collection<Long> ids) {
        Map<Long, Post> result = new HashMap<>();
        for (List<Long> chunk : chunks(ids, 1000)) {
            db.selectFrom(POST).where(POST.ID.in(chunk))
                    .forEach(r -> result.put(r.getId(), toPost(r)));
        }
        return result;
    }

    /** Posts whose seq is above {@code seq}, lowest first. */
    public List<Post> findAfterSeq(long seq, int limit) {
        return db.selectFrom(POST).where(POST.SEQ.gt(seq)).orderBy(POST.SEQ).limit(limit)
                .fetch(PostRepository::toPost);
    }

    /** Posts stored, tombstones left out. */
    public long count() {
        return db.fetchCount(POST, POST.DELETED_AT.isNull());
    }

    public long maxSeq() {
        Long max = db.select(DSL.max(POST.SEQ)).from(POST).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /** Maps a row of the post table; for the repositories of later stages that join it. */
    public static Post toPost(Record r) {
        return new Post(r.get(POST.ID), r.get(POST.SEQ), r.get(POST.SOURCE), r.get(POST.EXTERNAL_ID),
                r.get(POST.URL),
                new Author(r.get(POST.AUTHOR_HANDLE), r.get(POST.AUTHOR_NAME), r.get(POST.AUTHOR_BIO)),
                r.get(POST.TEXT), r.get(POST.LANG), instant(r.get(POST.PUBLISHED_AT)),
                new Metrics(r.get(POST.LIKES), r.get(POST.REPOSTS), r.get(POST.REPLIES), r.get(POST.QUOTES)),
                r.get(POST.REPLY_TO), r.get(POST.REPOST_OF), instant(r.get(POST.COLLECTED_AT)),
                r.get(POST.SOURCE_NAME), instant(r.get(POST.DELETED_AT)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Splits ids into lists of at most {@code size}, for IN clauses. */
    public static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** Number of posts per source id, for status pages. */
    public Map<String, Integer> countBySource() {
        return db.select(POST.SOURCE, DSL.count()).from(POST).groupBy(POST.SOURCE)
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }
}
