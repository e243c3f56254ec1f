package org.reelpulse.event;

import static org.reelpulse.jooq.Tables.TRACKED_EVENT;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.reelpulse.jooq.tables.records.TrackedEventRecord;
import org.springframework.stereotype.Repository;

/** Tracked events, unique by slug. */
@Repository
public class EventRepository {

    private final DSLContext db;

    EventRepository(DSLContext db) {
        this.db = db;
    }

    /** All events, in the order they were added: the first is the default on the dashboard. */
    public List<TrackedEvent> findAll() {
        return db.selectFrom(TRACKED_EVENT).orderBy(TRACKED_EVENT.ID)
                .fetch(EventRepository::toEvent);
    }

    /** Inserts the event, or updates the one with the same slug. */
    public void save(TrackedEvent e) {
        TrackedEventRecord r = db.fetchOptional(TRACKED_EVENT, TRACKED_EVENT.SLUG.eq(e.slug()))
                .orElseGet(() -> db.newRecord(TRACKED_EVENT));
        r.setSlug(e.slug());
        r.setName(e.name());
        r.setQuery(e.query());
        r.setDescription(e.description());
        r.setAnnouncedAt(at(e.announcedAt()));
        r.setWindowFrom(at(e.from()));
        r.setWindowTo(at(e.to()));
        r.store();
    }

    private static OffsetDateTime at(java.time.Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static TrackedEvent toEvent(Record r) {
        OffsetDateTime announced = r.get(TRACKED_EVENT.ANNOUNCED_AT);
        return new TrackedEvent(r.get(TRACKED_EVENT.ID), r.get(TRACKED_EVENT.SLUG), r.get(TRACKED_EVENT.NAME),
                r.get(TRACKED_EVENT.QUERY), r.get(TRACKED_EVENT.DESCRIPTION),
                announced == null ? null : announced.toInstant(), r.get(TRACKED_EVENT.WINDOW_FROM).toInstant(),
                r.get(TRACKED_EVENT.WINDOW_TO).toInstant());
    }
}
