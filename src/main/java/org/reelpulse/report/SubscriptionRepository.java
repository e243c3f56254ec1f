package org.reelpulse.report;

import static org.reelpulse.jooq.Tables.REPORT_SUBSCRIPTION;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.reelpulse.jooq.tables.records.ReportSubscriptionRecord;
import org.springframework.stereotype.Repository;

/** Report subscriptions, unique by name. */
@Repository
class SubscriptionRepository {

    private final DSLContext db;

    SubscriptionRepository(DSLContext db) {
        this.db = db;
    }

    List<Subscription> findAll() {
        return db.selectFrom(REPORT_SUBSCRIPTION).orderBy(REPORT_SUBSCRIPTION.NAME, REPORT_SUBSCRIPTION.ID)
                .fetch(SubscriptionRepository::toSubscription);
    }

    List<Subscription> findEnabled() {
        return db.selectFrom(REPORT_SUBSCRIPTION).where(REPORT_SUBSCRIPTION.ENABLED.isTrue())
                .orderBy(REPORT_SUBSCRIPTION.ID).fetch(SubscriptionRepository::toSubscription);
    }

    Optional<Subscription> find(long id) {
        return db.selectFrom(REPORT_SUBSCRIPTION).where(REPORT_SUBSCRIPTION.ID.eq(id))
                .fetchOptional(SubscriptionRepository::toSubscription);
    }

    Optional<Subscription> findByName(String name) {
        return db.selectFrom(REPORT_SUBSCRIPTION).where(REPORT_SUBSCRIPTION.NAME.eq(name))
                .fetchOptional(SubscriptionRepository::toSubscription);
    }

    /** Inserts a subscription (id 0) or replaces the one with its id; returns it as stored. */
    Subscription save(Subscription s) {
        ReportSubscriptionRecord r = s.id() == 0 ? db.newRecord(REPORT_SUBSCRIPTION)
                : db.fetchSingle(REPORT_SUBSCRIPTION, REPORT_SUBSCRIPTION.ID.eq(s.id()));
        r.setName(s.name());
        r.setRecipients(lines(s.recipients()));
        r.setEvents(lines(s.events()));
        r.setSources(s.sources().isEmpty() ? null : lines(s.sources()));
        r.setLangs(s.langs().isEmpty() ? null : lines(s.langs()));
        r.setStakeholderGroups(s.groups().isEmpty() ? null : lines(s.groups()));
        r.setWeekday((short) s.weekday().getValue());
        r.setSendTime(s.time().toString());
        r.setTimeZone(s.zone().getId());
        r.setLang(s.language());
        r.setNameAuthors(!s.pseudonymise());
        r.setEnabled(s.enabled());
        r.setCreatedBy(s.createdBy());
        r.setCreatedAt(at(s.createdAt()));
        r.setUpdatedAt(at(s.updatedAt()));
        r.store();
        return toSubscription(r);
    }

    boolean delete(long id) {
        return db.deleteFrom(REPORT_SUBSCRIPTION).where(REPORT_SUBSCRIPTION.ID.eq(id)).execute() > 0;
    }

    private static String lines(List<String> values) {
        return String.join("\n", values);
    }

    private static List<String> list(String lines) {
        return lines == null || lines.isBlank() ? List.of() : Arrays.asList(lines.split("\n"));
    }

    static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Subscription toSubscription(Record r) {
        return new Subscription(r.get(REPORT_SUBSCRIPTION.ID), r.get(REPORT_SUBSCRIPTION.NAME),
                list(r.get(REPORT_SUBSCRIPTION.RECIPIENTS)), list(r.get(REPORT_SUBSCRIPTION.EVENTS)),
                list(r.get(REPORT_SUBSCRIPTION.SOURCES)), list(r.get(REPORT_SUBSCRIPTION.LANGS)),
                list(r.get(REPORT_SUBSCRIPTION.STAKEHOLDER_GROUPS)),
                DayOfWeek.of(r.get(REPORT_SUBSCRIPTION.WEEKDAY)), LocalTime.parse(r.get(REPORT_SUBSCRIPTION.SEND_TIME)),
                ZoneId.of(r.get(REPORT_SUBSCRIPTION.TIME_ZONE)), r.get(REPORT_SUBSCRIPTION.LANG),
                !r.get(REPORT_SUBSCRIPTION.NAME_AUTHORS), r.get(REPORT_SUBSCRIPTION.ENABLED),
                r.get(REPORT_SUBSCRIPTION.CREATED_BY), r.get(REPORT_SUBSCRIPTION.CREATED_AT).toInstant(),
                r.get(REPORT_SUBSCRIPTION.UPDATED_AT).toInstant());
    }
}
