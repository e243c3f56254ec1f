package org.reelpulse.event;

import static org.reelpulse.jooq.Tables.TRACKED_EVENT;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public Optional<TrackedEvent> find(String slug) {
        return db.selectFrom(TRACKED_EVENT).where(TRACKED_EVENT.SLUG.eq(slug)).fetchOptional(EventRepository::toEvent);
    }

    /** Inserts the event, or updates the one with the same slug; returns it as stored. */
    public TrackedEvent save(TrackedEvent e) {
        TrackedEventRecord r = db.fetchOptional(TRACKED_EVENT, TRACKED_EVENT.SLUG.eq(e.slug()))
                .orElseGet(() -> db.newRecord(TRACKED_EVENT));
        r.setSlug(e.slug());
        r.setName(e.name());
        r.setQuery(e.query());
        r.setDescription(e.description());
        r.setParties(e.parties().isEmpty() ? null : String.join("\n", e.parties()));
        r.setQueryEn(e.queries().get("en"));
        r.setQueryFr(e.queries().get("fr"));
        r.setQueryEs(e.queries().get("es"));
        r.setQueryDe(e.queries().get("de"));
        r.setColour(e.colour());
        r.setAnnouncedAt(at(e.announcedAt()));
        r.setWindowFrom(at(e.from()));
        r.setWindowTo(at(e.to()));
        r.store();
        return toEvent(r);
    }

    /** Removes the event; false when there is none with this slug. */
    public boolean delete(String slug) {
        return db.deleteFrom(TRACKED_EVENT).where(TRACKED_EVENT.SLUG.eq(slug)).execute() > 0;
    }

    private static OffsetDateTime at(java.time.Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static TrackedEvent toEvent(Record r) {
        OffsetDateTime announced = r.get(TRACKED_EVENT.ANNOUNCED_AT);
        String parties = r.get(TRACKED_EVENT.PARTIES);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("en", r.get(TRACKED_EVENT.QUERY_EN));
        queries.put("fr", r.get(TRACKED_EVENT.QUERY_FR));
        queries.put("es", r.get(TRACKED_EVENT.QUERY_ES));
        queries.put("de", r.get(TRACKED_EVENT.QUERY_DE));
        return new TrackedEvent(r.get(TRACKED_EVENT.ID), r.get(TRACKED_EVENT.SLUG), r.get(TRACKED_EVENT.NAME),
                r.get(TRACKED_EVENT.DESCRIPTION),
                parties == null || parties.isBlank() ? List.of() : Arrays.asList(parties.split("\n")),
                announced == null ? null : announced.toInstant(), r.get(TRACKED_EVENT.QUERY), queries,
                r.get(TRACKED_EVENT.COLOUR), r.get(TRACKED_EVENT.WINDOW_FROM).toInstant(),
                r.get(TRACKED_EVENT.WINDOW_TO).toInstant());
    }
}
