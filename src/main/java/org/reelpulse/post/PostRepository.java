package org.reelpulse.post;

import static org.reelpulse.jooq.Tables.ANALYSIS;
import static org.reelpulse.jooq.Tables.POST;
import static org.reelpulse.jooq.Tables.POST_LABEL;
import static org.reelpulse.jooq.Tables.SOURCE;

import java.time.Clock;
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
    static final java.time.Duration CROSS_POST_WINDOW = java.time.Duration.ofHours(48);

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
            Map<String, Instant> fingerprints = new HashMap<>();
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
                String hash = TextFingerprint.of(p.text());
                Record old = stored.get(key);
                if (old != null) {
                    if (old.get(POST.DELETED_AT) == null) {
                        edited += refresh(tx, old, p, m, hash, now) ? 1 : 0;
                    }
                    continue;
                }
                String author = p.source() + '\u0000' + p.author().handle() + '\u0000' + hash;
                if (recogniseCrossPosts && hash != null && crossPost(tx, p, hash, fingerprints.get(author))) {
                    crossPosts++;
                    continue;
                }
                if (hash != null) {
                    fingerprints.putIfAbsent(author, p.publishedAt());
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
    private static boolean refresh(DSLContext tx, Record old, NewPost p, Metrics m, String hash, OffsetDateTime now) {
        long id = old.get(POST.ID);
        if (!old.get(POST.TEXT).equals(p.text())) {
            tx.deleteFrom(ANALYSIS).where(ANALYSIS.POST_ID.eq(id)).execute();
            tx.deleteFrom(POST_LABEL).where(POST_LABEL.POST_ID.eq(id)).execute();
            tx.update(POST)
                    .set(POST.SEQ, SeqOrder.next())
                    .set(POST.TEXT, p.text())
                    .set(POST.TEXT_HASH, hash)
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

    /**
     * Whether the same author posted the same text on the same platform within the window: stored before,
     * or earlier in this batch.
     */
    private static boolean crossPost(DSLContext tx, NewPost p, String hash, Instant earlierInBatch) {
        if (earlierInBatch != null && java.time.Duration.between(earlierInBatch, p.publishedAt()).abs()
                .compareTo(CROSS_POST_WINDOW) <= 0) {
            return true;
        }
        OffsetDateTime at = p.publishedAt().atOffset(ZoneOffset.UTC);
        return tx.fetchExists(tx.selectOne().from(POST).where(POST.AUTHOR_HANDLE.eq(p.author().handle()),
                POST.TEXT_HASH.eq(hash), POST.SOURCE.eq(p.source()), POST.DELETED_AT.isNull(),
                POST.PUBLISHED_AT.between(at.minus(CROSS_POST_WINDOW), at.plus(CROSS_POST_WINDOW))));
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
            tx.deleteFrom(ANALYSIS).where(ANALYSIS.POST_ID.eq(id)).execute();
            tx.deleteFrom(POST_LABEL).where(POST_LABEL.POST_ID.eq(id)).execute();
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
