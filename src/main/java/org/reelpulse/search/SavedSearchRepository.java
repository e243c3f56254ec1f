package org.reelpulse.search;

import static org.reelpulse.jooq.Tables.SAVED_SEARCH;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Saved searches, each visible to its owner only. */
@Repository
public class SavedSearchRepository {

    private final DSLContext db;

    SavedSearchRepository(DSLContext db) {
        this.db = db;
    }

    public List<SavedSearch> findByOwner(String owner) {
        return db.selectFrom(SAVED_SEARCH).where(SAVED_SEARCH.OWNER.eq(owner)).orderBy(SAVED_SEARCH.NAME)
                .fetch(SavedSearchRepository::toSaved);
    }

    /** Saves a search, replacing the owner's search of the same name. */
    public SavedSearch save(String owner, String name, String query, String from, String to, String sort, Instant at) {
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.deleteFrom(SAVED_SEARCH).where(SAVED_SEARCH.OWNER.eq(owner)).and(SAVED_SEARCH.NAME.eq(name)).execute();
            return toSaved(tx.insertInto(SAVED_SEARCH)
                    .set(SAVED_SEARCH.OWNER, owner)
                    .set(SAVED_SEARCH.NAME, name)
                    .set(SAVED_SEARCH.QUERY, query)
                    .set(SAVED_SEARCH.DATE_FROM, from)
                    .set(SAVED_SEARCH.DATE_TO, to)
                    .set(SAVED_SEARCH.SORT, sort)
                    .set(SAVED_SEARCH.CREATED_AT, at.atOffset(ZoneOffset.UTC))
                    .returning().fetchOne());
        });
    }

    /** Deletes one of the owner's searches; false when the owner has none with this id. */
    public boolean delete(String owner, long id) {
        return db.deleteFrom(SAVED_SEARCH).where(SAVED_SEARCH.ID.eq(id)).and(SAVED_SEARCH.OWNER.eq(owner)).execute() > 0;
    }

    private static SavedSearch toSaved(Record r) {
        return new SavedSearch(r.get(SAVED_SEARCH.ID), r.get(SAVED_SEARCH.OWNER), r.get(SAVED_SEARCH.NAME),
                r.get(SAVED_SEARCH.QUERY), r.get(SAVED_SEARCH.DATE_FROM), r.get(SAVED_SEARCH.DATE_TO),
                r.get(SAVED_SEARCH.SORT), r.get(SAVED_SEARCH.CREATED_AT).toInstant());
    }
}
