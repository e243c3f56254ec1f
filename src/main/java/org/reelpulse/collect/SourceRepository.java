package org.reelpulse.collect;

import static org.reelpulse.jooq.Tables.COLLECT_CURSOR;
import static org.reelpulse.jooq.Tables.COLLECT_RUN;
import static org.reelpulse.jooq.Tables.COLLECT_SOURCE;
import static org.reelpulse.jooq.Tables.POST;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Configured sources, their cursors and runs. A source is run by one node at a time: claiming it is
 * one conditional update that only succeeds while nobody holds it (or the holder's lease ran out).
 */
@Repository
class SourceRepository {

    /** A stored source with its sealed credentials (references or ciphertexts), which never leave collect/. */
    record Stored(CollectSource source, Map<String, String> credentials) {
    }

    private final DSLContext db;
    private final ObjectMapper json;

    SourceRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    List<Stored> findAll() {
        return db.selectFrom(COLLECT_SOURCE).orderBy(COLLECT_SOURCE.ID).fetch(this::toStored);
    }

    Optional<Stored> find(long id) {
        return db.selectFrom(COLLECT_SOURCE).where(COLLECT_SOURCE.ID.eq(id)).fetchOptional(this::toStored);
    }

    Optional<Long> findIdByName(String name) {
        return db.select(COLLECT_SOURCE.ID).from(COLLECT_SOURCE).where(COLLECT_SOURCE.NAME.eq(name))
                .fetchOptional(COLLECT_SOURCE.ID);
    }

    long insert(String kind, String name, String baseUrl, JsonNode settings, Map<String, String> credentials,
            Schedule schedule, boolean enabled, Instant now) {
        return db.insertInto(COLLECT_SOURCE)
                .set(COLLECT_SOURCE.KIND, kind)
                .set(COLLECT_SOURCE.NAME, name)
                .set(COLLECT_SOURCE.BASE_URL, baseUrl)
                .set(COLLECT_SOURCE.SETTINGS, write(settings))
                .set(COLLECT_SOURCE.CREDENTIALS, credentials.isEmpty() ? null : write(credentials))
                .set(COLLECT_SOURCE.SCHEDULE, schedule.text())
                .set(COLLECT_SOURCE.ENABLED, enabled)
                .set(COLLECT_SOURCE.STATUS, CollectSource.NEW)
                .set(COLLECT_SOURCE.NEXT_RUN_AT, at(schedule.first(now)))
                .set(COLLECT_SOURCE.CREATED_AT, at(now))
                .set(COLLECT_SOURCE.UPDATED_AT, at(now))
                .returningResult(COLLECT_SOURCE.ID)
                .fetchSingle().value1();
    }

    void update(long id, String name, String baseUrl, JsonNode settings, Map<String, String> credentials,
            Schedule schedule, boolean enabled, Instant now) {
        db.update(COLLECT_SOURCE)
                .set(COLLECT_SOURCE.NAME, name)
                .set(COLLECT_SOURCE.BASE_URL, baseUrl)
                .set(COLLECT_SOURCE.SETTINGS, write(settings))
                .set(COLLECT_SOURCE.CREDENTIALS, credentials.isEmpty() ? null : write(credentials))
                .set(COLLECT_SOURCE.SCHEDULE, schedule.text())
                .set(COLLECT_SOURCE.ENABLED, enabled)
                // a changed source is due at once (or at its next cron time), so a fixed URL or token is tried
                .set(COLLECT_SOURCE.NEXT_RUN_AT, at(schedule.first(now)))
                .set(COLLECT_SOURCE.UPDATED_AT, at(now))
                .where(COLLECT_SOURCE.ID.eq(id))
                .execute();
    }

    /** Pauses or resumes the source; a resumed one is due at {@code nextRunAt}. False when it does not exist. */
    boolean enable(long id, boolean enabled, Instant nextRunAt, Instant now) {
        var u = db.update(COLLECT_SOURCE).set(COLLECT_SOURCE.ENABLED, enabled).set(COLLECT_SOURCE.UPDATED_AT, at(now));
        if (nextRunAt != null) {
            u = u.set(COLLECT_SOURCE.NEXT_RUN_AT, at(nextRunAt));
        }
        return u.where(COLLECT_SOURCE.ID.eq(id)).execute() == 1;
    }

    boolean delete(long id) {
        return db.deleteFrom(COLLECT_SOURCE).where(COLLECT_SOURCE.ID.eq(id)).execute() == 1;
    }

    /** Free to be claimed: nobody holds it, or the holder's lease ran out (it crashed or hangs). */
    private static Condition free(Instant now) {
        return COLLECT_SOURCE.CLAIMED_BY.isNull().or(COLLECT_SOURCE.LEASE_UNTIL.lt(at(now)));
    }

    /** The enabled sources due now, the longest due first. */
    List<Long> dueIds(Instant now) {
        return db.select(COLLECT_SOURCE.ID).from(COLLECT_SOURCE)
                .where(COLLECT_SOURCE.ENABLED.isTrue(), COLLECT_SOURCE.NEXT_RUN_AT.le(at(now)), free(now))
                .orderBy(COLLECT_SOURCE.NEXT_RUN_AT, COLLECT_SOURCE.ID).fetch(COLLECT_SOURCE.ID);
    }

    /**
     * Takes the source for {@code node} until {@code leaseUntil}; false when another holds it or (unless
     * {@code evenIfNotDue}, for "collect now") it is not due or not enabled.
     */
    boolean claim(long id, String node, Instant now, Instant leaseUntil, boolean evenIfNotDue) {
        Condition due = evenIfNotDue ? org.jooq.impl.DSL.noCondition()
                : COLLECT_SOURCE.ENABLED.isTrue().and(COLLECT_SOURCE.NEXT_RUN_AT.le(at(now)));
        return db.update(COLLECT_SOURCE)
                .set(COLLECT_SOURCE.CLAIMED_BY, node)
                .set(COLLECT_SOURCE.LEASE_UNTIL, at(leaseUntil))
                .where(COLLECT_SOURCE.ID.eq(id)).and(free(now)).and(due)
                .execute() == 1;
    }

    /** Ends the run held by {@code node}: the status, the success or error, when it is due next, and frees it. */
    void release(long id, String node, String status, Instant success, String error, Instant now, Instant next) {
        var u = db.update(COLLECT_SOURCE)
                .set(COLLECT_SOURCE.STATUS, status)
                .set(COLLECT_SOURCE.NEXT_RUN_AT, at(next))
                .set(COLLECT_SOURCE.CLAIMED_BY, (String) null)
                .set(COLLECT_SOURCE.LEASE_UNTIL, (OffsetDateTime) null);
        if (success != null) {
            u = u.set(COLLECT_SOURCE.LAST_SUCCESS_AT, at(success));
        }
        if (error != null) {
            u = u.set(COLLECT_SOURCE.LAST_ERROR, truncate(error, 4000)).set(COLLECT_SOURCE.LAST_ERROR_AT, at(now));
        } else {
            u = u.set(COLLECT_SOURCE.LAST_ERROR, (String) null);
        }
        u.where(COLLECT_SOURCE.ID.eq(id), COLLECT_SOURCE.CLAIMED_BY.eq(node)).execute();
    }

    Optional<String> cursor(long sourceId, String key) {
        return db.select(COLLECT_CURSOR.VAL).from(COLLECT_CURSOR)
                .where(COLLECT_CURSOR.SOURCE_ID.eq(sourceId), COLLECT_CURSOR.CURSOR_KEY.eq(key))
                .fetchOptional(COLLECT_CURSOR.VAL);
    }

    void cursor(long sourceId, String key, String value, Instant now) {
        int updated = db.update(COLLECT_CURSOR).set(COLLECT_CURSOR.VAL, value).set(COLLECT_CURSOR.UPDATED_AT, at(now))
                .where(COLLECT_CURSOR.SOURCE_ID.eq(sourceId), COLLECT_CURSOR.CURSOR_KEY.eq(key)).execute();
        if (updated == 0) {
            db.insertInto(COLLECT_CURSOR)
                    .set(COLLECT_CURSOR.SOURCE_ID, sourceId)
                    .set(COLLECT_CURSOR.CURSOR_KEY, key)
                    .set(COLLECT_CURSOR.VAL, value)
                    .set(COLLECT_CURSOR.UPDATED_AT, at(now))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /** Forgets where the source got to (its URL changed: the old ETag says nothing about the new one). */
    void clearCursors(long sourceId) {
        db.deleteFrom(COLLECT_CURSOR).where(COLLECT_CURSOR.SOURCE_ID.eq(sourceId)).execute();
    }

    long startRun(long sourceId, Instant now) {
        return db.insertInto(COLLECT_RUN)
                .set(COLLECT_RUN.SOURCE_ID, sourceId)
                .set(COLLECT_RUN.STARTED_AT, at(now))
                .set(COLLECT_RUN.STATUS, SourceRun.RUNNING)
                .set(COLLECT_RUN.ITEMS_SEEN, 0)
                .set(COLLECT_RUN.ITEMS_NEW, 0)
                .set(COLLECT_RUN.REQUESTS, 0)
                .returningResult(COLLECT_RUN.ID)
                .fetchSingle().value1();
    }

    /**
     * Closes the source's runs still marked running: called by the node that just claimed the source,
     * so they belong to a node that stopped mid-run (its lease ran out). How many were closed.
     */
    int abandonRuns(long sourceId, Instant now) {
        return db.update(COLLECT_RUN)
                .set(COLLECT_RUN.STATUS, SourceRun.FAILED)
                .set(COLLECT_RUN.FINISHED_AT, at(now))
                .set(COLLECT_RUN.ERROR, "Did not finish: the node running it stopped, and another took the source over.")
                .where(COLLECT_RUN.SOURCE_ID.eq(sourceId), COLLECT_RUN.STATUS.eq(SourceRun.RUNNING))
                .execute();
    }

    void finishRun(long runId, String status, int seen, int stored, int requests, String error, Instant now) {
        db.update(COLLECT_RUN)
                .set(COLLECT_RUN.STATUS, status)
                .set(COLLECT_RUN.ITEMS_SEEN, seen)
                .set(COLLECT_RUN.ITEMS_NEW, stored)
                .set(COLLECT_RUN.REQUESTS, requests)
                .set(COLLECT_RUN.ERROR, truncate(error, 4000))
                .set(COLLECT_RUN.FINISHED_AT, at(now))
                .where(COLLECT_RUN.ID.eq(runId))
                .execute();
    }

    Optional<SourceRun> run(long runId) {
        return db.selectFrom(COLLECT_RUN).where(COLLECT_RUN.ID.eq(runId)).fetchOptional(SourceRepository::toRun);
    }

    /** The source's runs, the latest first. */
    List<SourceRun> runs(long sourceId, int limit) {
        return db.selectFrom(COLLECT_RUN).where(COLLECT_RUN.SOURCE_ID.eq(sourceId))
                .orderBy(COLLECT_RUN.STARTED_AT.desc(), COLLECT_RUN.ID.desc()).limit(limit)
                .fetch(SourceRepository::toRun);
    }

    /** Items stored as new by each source's runs: since {@code today} and in all (by source id). */
    Map<Long, long[]> itemsNew(Instant today) {
        Field<BigDecimal> total = DSL.sum(COLLECT_RUN.ITEMS_NEW);
        Field<BigDecimal> since = DSL.sum(DSL.when(COLLECT_RUN.STARTED_AT.ge(at(today)), COLLECT_RUN.ITEMS_NEW)
                .otherwise(0));
        Map<Long, long[]> out = new LinkedHashMap<>();
        db.select(COLLECT_RUN.SOURCE_ID, since, total).from(COLLECT_RUN).groupBy(COLLECT_RUN.SOURCE_ID)
                .forEach(r -> out.put(r.value1(), new long[] {number(r.value2()), number(r.value3())}));
        return out;
    }

    private static long number(BigDecimal n) {
        return n == null ? 0 : n.longValue();
    }

    /**
     * The median of (collected_at - published_at) over the posts each configured source (by name) stored
     * since {@code since} that were also published since then, so the old posts a first run reads back do
     * not count as lag; a source that stored none has no entry.
     */
    Map<String, Duration> lag(Instant since) {
        Field<BigDecimal> seconds = DSL.percentileCont(BigDecimal.valueOf(0.5)).withinGroupOrderBy(
                DSL.extract(POST.COLLECTED_AT, DatePart.EPOCH).minus(DSL.extract(POST.PUBLISHED_AT, DatePart.EPOCH)));
        Map<String, Duration> out = new LinkedHashMap<>();
        db.select(POST.SOURCE_NAME, seconds).from(POST)
                .where(POST.SOURCE_NAME.isNotNull(), POST.COLLECTED_AT.ge(at(since)), POST.PUBLISHED_AT.ge(at(since)))
                .groupBy(POST.SOURCE_NAME)
                .forEach(r -> {
                    if (r.value2() != null) {
                        out.put(r.value1(), Duration.ofSeconds(Math.max(0, Math.round(r.value2().doubleValue()))));
                    }
                });
        return out;
    }

    /** Which of these external ids of the kind {@code source} are stored already. */
    Set<String> storedIds(String source, java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return new java.util.HashSet<>(db.select(POST.EXTERNAL_ID).from(POST)
                .where(POST.SOURCE.eq(source), POST.EXTERNAL_ID.in(externalIds)).fetch(POST.EXTERNAL_ID));
    }

    private static SourceRun toRun(Record r) {
        return new SourceRun(r.get(COLLECT_RUN.ID), r.get(COLLECT_RUN.SOURCE_ID), instant(r.get(COLLECT_RUN.STARTED_AT)),
                instant(r.get(COLLECT_RUN.FINISHED_AT)), r.get(COLLECT_RUN.STATUS), r.get(COLLECT_RUN.ITEMS_SEEN),
                r.get(COLLECT_RUN.ITEMS_NEW), r.get(COLLECT_RUN.REQUESTS), r.get(COLLECT_RUN.ERROR));
    }

    private Stored toStored(Record r) {
        Map<String, String> credentials = r.get(COLLECT_SOURCE.CREDENTIALS) == null ? Map.of()
                : read(r.get(COLLECT_SOURCE.CREDENTIALS), new TypeReference<LinkedHashMap<String, String>>() { });
        boolean enabled = r.get(COLLECT_SOURCE.ENABLED);
        CollectSource s = new CollectSource(r.get(COLLECT_SOURCE.ID), r.get(COLLECT_SOURCE.KIND),
                r.get(COLLECT_SOURCE.NAME), r.get(COLLECT_SOURCE.BASE_URL),
                read(r.get(COLLECT_SOURCE.SETTINGS), new TypeReference<JsonNode>() { }),
                List.copyOf(credentials.keySet()), Schedule.stored(r.get(COLLECT_SOURCE.SCHEDULE)), enabled,
                enabled ? r.get(COLLECT_SOURCE.STATUS) : CollectSource.PAUSED, instant(r.get(COLLECT_SOURCE.NEXT_RUN_AT)),
                instant(r.get(COLLECT_SOURCE.LAST_SUCCESS_AT)), r.get(COLLECT_SOURCE.LAST_ERROR),
                instant(r.get(COLLECT_SOURCE.LAST_ERROR_AT)), instant(r.get(COLLECT_SOURCE.CREATED_AT)),
                instant(r.get(COLLECT_SOURCE.UPDATED_AT)));
        return new Stored(s, credentials);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored source holds JSON that cannot be read", e);
        }
    }

    static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
