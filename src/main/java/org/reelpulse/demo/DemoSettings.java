package org.reelpulse.demo;

import static org.reelpulse.jooq.Tables.APP_SETTING;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Remembers that the demo was loaded, so it is never loaded twice. */
@Repository
class DemoSettings {

    static final String LOADED = "demo.loaded";

    private final DSLContext db;
    private final Clock clock;

    DemoSettings(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    boolean isLoaded() {
        return db.fetchExists(APP_SETTING, APP_SETTING.NAME.eq(LOADED));
    }

    void markLoaded(String summary) {
        db.insertInto(APP_SETTING)
                .set(APP_SETTING.NAME, LOADED)
                .set(APP_SETTING.VAL, summary)
                .set(APP_SETTING.UPDATED_AT, OffsetDateTime.now(clock))
                .execute();
    }

    /** The name of the database product, to keep the demo out of anything but the embedded H2. */
    String databaseProduct() {
        return db.connectionResult(c -> c.getMetaData().getDatabaseProductName());
    }
}
