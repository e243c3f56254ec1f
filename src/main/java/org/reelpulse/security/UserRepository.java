package org.reelpulse.security;

import static org.reelpulse.jooq.Tables.APP_USER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** User accounts. */
@Repository
class UserRepository {

    private final DSLContext db;
    private final Clock clock;

    UserRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<AppUser> findByUsername(String username) {
        return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional(UserRepository::toUser);
    }

    List<AppUser> findAll() {
        return db.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetch(UserRepository::toUser);
    }

    long count() {
        return db.fetchCount(APP_USER);
    }

    void insert(String username, String passwordHash, Role role) {
        db.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.ROLE, role.name())
                .set(APP_USER.ENABLED, true)
                .set(APP_USER.CREATED_AT, OffsetDateTime.now(clock))
                .execute();
    }

    void setEnabled(long id, boolean enabled) {
        db.update(APP_USER).set(APP_USER.ENABLED, enabled).where(APP_USER.ID.eq(id)).execute();
    }

    private static AppUser toUser(Record r) {
        return new AppUser(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), r.get(APP_USER.PASSWORD_HASH),
                Role.valueOf(r.get(APP_USER.ROLE)), r.get(APP_USER.ENABLED));
    }
}
