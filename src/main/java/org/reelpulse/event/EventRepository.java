package org.reelpulse.event;

import static org.reelpulse.jooq.Tables.TRACKED_EVENT;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Tracked events, unique by slug. */
@Repository
public class EventRepository {

    private final DSLContext db;

    EventRepository(DSLContext db) {
        this.db = db;
    }

    public List<TrackedEvent> findAll() {
        return db.selectFrom(TRACKED_EVENT).orderBy(TRACKED_EVENT.WINDOW_FROM.desc(), TRACKED_EVENT.ID)
                .fetch(EventRepository::toEvent);
    }

    /** Inserts the event, or updates the one with the same slug. */
    public void save(TrackedEvent e) {
        int updated = db.update(TRACKED_EVENT)
                .set(TRACKED_EVENT.NAME, e.name())
                .set(TRACKED_EVENT.QUERY, e.query())
                .set(TRACKED_EVENT.DESCRIPTION, e.description())
                .set(TRACKED_EVENT.ANNOUNCED_AT, at(e.announcedAt()))
                .set(TRACKED_EVENT.WINDOW_FROM, at(e.from()))
                .set(TRACKED_EVENT.WINDOW_TO, at(e.to()))
                .where(TRACKED_EVENT.SLUG.eq(e.slug()))
                .execute();
        if (updated == 0) {
            db.insertInto(TRACKED_EVENT)
                    .set(TRACKED_EVENT.SLUG, e.slug())
                    .set(TRACKED_EVENT.NAME, e.name())
                    .set(TRACKED_EVENT.QUERY, e.query())
                    .set(TRACKED_EVENT.DESCRIPTION, e.description())
                    .set(TRACKED_EVENT.ANNOUNCED_AT, at(e.announcedAt()))
                    .set(TRACKED_EVENT.WINDOW_FROM, at(e.from()))
                    .set(TRACKED_EVENT.WINDOW_TO, at(e.to()))
                    .execute();
        }
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
