package org.reelpulse.report;

import static org.reelpulse.jooq.Tables.REPORT_DELIVERY;
import static org.reelpulse.jooq.Tables.REPORT_SEND;
import static org.reelpulse.report.SubscriptionRepository.at;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The sends of reports and their recipients. Every change of state is one conditional statement, so
 * two nodes (or two threads) never both hold a send: planning a scheduled report inserts it under a
 * unique key, and claiming one is an update that only succeeds while it is free.
 */
@Repository
class SendRepository {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String RETRYING = "retrying";
    static final String SENT = "sent";
    static final String PARTIAL = "partial";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    private final DSLContext db;

    SendRepository(DSLContext db) {
        this.db = db;
    }

    /** When the latest scheduled report of the subscription was due; empty when none was planned yet. */
    Optional<Instant> lastScheduled(long subscriptionId) {
        OffsetDateTime last = db.select(DSL.max(REPORT_SEND.DUE_AT)).from(REPORT_SEND)
                .where(REPORT_SEND.SUBSCRIPTION_ID.eq(subscriptionId), REPORT_SEND.KIND.eq("scheduled"))
                .fetchOne(0, OffsetDateTime.class);
        return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
    }

    /**
     * Plans the scheduled report of the subscription for the week, once: false when it exists already
     * (planned earlier, or by another node at the same moment).
     */
    boolean planScheduled(long subscriptionId, ReportWeek week, String status, Instant now) {
        return db.insertInto(REPORT_SEND)
                .set(REPORT_SEND.SUBSCRIPTION_ID, subscriptionId)
                .set(REPORT_SEND.WEEK, week.id())
                .set(REPORT_SEND.KIND, "scheduled")
                .set(REPORT_SEND.SCHEDULE_KEY, subscriptionId + ":" + week.id())
                .set(REPORT_SEND.STATUS, status)
                .set(REPORT_SEND.ATTEMPTS, 0)
                .set(REPORT_SEND.DUE_AT, at(week.at()))
                .set(REPORT_SEND.PERIOD_FROM, at(week.from()))
                .set(REPORT_SEND.PERIOD_TO, at(week.at()))
                .set(REPORT_SEND.NEXT_ATTEMPT_AT, at(week.at()))
                .set(REPORT_SEND.CREATED_AT, at(now))
                .set(REPORT_SEND.FINISHED_AT, SKIPPED.equals(status) ? at(now) : null)
                .set(REPORT_SEND.ERROR, SKIPPED.equals(status)
                        ? "Not sent: ReelPulse was not running at the scheduled time, and it is older than the catch-up "
                                + "window (reelpulse.report.catch-up)." : null)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /**
     * A "send now" of the week's report, asked for by {@code user}, held by {@code node} from the start
     * (so no scheduler takes it while the request sends it); its id.
     */
    long createManual(long subscriptionId, ReportWeek week, String user, String node, Instant now,
            Instant leaseUntil) {
        return db.insertInto(REPORT_SEND)
                .set(REPORT_SEND.SUBSCRIPTION_ID, subscriptionId)
                .set(REPORT_SEND.WEEK, week.id())
                .set(REPORT_SEND.KIND, "manual")
                .set(REPORT_SEND.STATUS, SENDING)
                .set(REPORT_SEND.CLAIMED_BY, node)
                .set(REPORT_SEND.LEASE_UNTIL, at(leaseUntil))
                .set(REPORT_SEND.ATTEMPTS, 1)
                .set(REPORT_SEND.DUE_AT, at(now))
                .set(REPORT_SEND.PERIOD_FROM, at(week.from()))
                .set(REPORT_SEND.PERIOD_TO, at(week.at()))
                .set(REPORT_SEND.NEXT_ATTEMPT_AT, at(now))
                .set(REPORT_SEND.REQUESTED_BY, user)
                .set(REPORT_SEND.CREATED_AT, at(now))
                .returningResult(REPORT_SEND.ID)
                .fetchSingle().value1();
    }

    /** Free to be claimed: waiting and due, or held by a node whose lease ran out (it crashed or hangs). */
    private static Condition claimable(Instant now) {
        return REPORT_SEND.STATUS.in(PENDING, RETRYING).and(REPORT_SEND.NEXT_ATTEMPT_AT.le(at(now)))
                .or(REPORT_SEND.STATUS.eq(SENDING).and(REPORT_SEND.LEASE_UNTIL.lt(at(now))));
    }

    /** The sends that can be claimed now, the longest due first. */
    List<Long> claimableIds(Instant now, int limit) {
        return db.select(REPORT_SEND.ID).from(REPORT_SEND).where(claimable(now))
                .orderBy(REPORT_SEND.DUE_AT, REPORT_SEND.ID).limit(limit).fetch(REPORT_SEND.ID);
    }

    /** Takes the send for {@code node} until {@code leaseUntil}; false when it is not free (any more). */
    boolean claim(long id, String node, Instant now, Instant leaseUntil) {
        return db.update(REPORT_SEND)
                .set(REPORT_SEND.STATUS, SENDING)
                .set(REPORT_SEND.CLAIMED_BY, node)
                .set(REPORT_SEND.LEASE_UNTIL, at(leaseUntil))
                .set(REPORT_SEND.ATTEMPTS, REPORT_SEND.ATTEMPTS.plus(1))
                .where(REPORT_SEND.ID.eq(id)).and(claimable(now))
                .execute() == 1;
    }

    /** Whether {@code node} still holds the send (its lease was not taken over). */
    boolean holds(long id, String node) {
        return db.fetchExists(REPORT_SEND, REPORT_SEND.ID.eq(id), REPORT_SEND.STATUS.eq(SENDING),
                REPORT_SEND.CLAIMED_BY.eq(node));
    }

    /** Ends the send held by {@code node}: sent, partial or failed. */
    boolean finish(long id, String node, String status, String error, Instant now) {
        return db.update(REPORT_SEND)
                .set(REPORT_SEND.STATUS, status)
                .set(REPORT_SEND.ERROR, error)
                .set(REPORT_SEND.FINISHED_AT, at(now))
                .set(REPORT_SEND.LEASE_UNTIL, (OffsetDateTime) null)
                .where(REPORT_SEND.ID.eq(id), REPORT_SEND.STATUS.eq(SENDING), REPORT_SEND.CLAIMED_BY.eq(node))
                .execute() == 1;
    }

    /** Frees the send held by {@code node} to be tried again at {@code next}. */
    boolean retry(long id, String node, Instant next, String error) {
        return db.update(REPORT_SEND)
                .set(REPORT_SEND.STATUS, RETRYING)
                .set(REPORT_SEND.ERROR, error)
                .set(REPORT_SEND.NEXT_ATTEMPT_AT, at(next))
                .set(REPORT_SEND.LEASE_UNTIL, (OffsetDateTime) null)
                .where(REPORT_SEND.ID.eq(id), REPORT_SEND.STATUS.eq(SENDING), REPORT_SEND.CLAIMED_BY.eq(node))
                .execute() == 1;
    }

    /** Adds each recipient not yet listed for the send, as pending. */
    void addRecipients(long sendId, List<String> recipients) {
        for (String r : recipients) {
            db.insertInto(REPORT_DELIVERY)
                    .set(REPORT_DELIVERY.SEND_ID, sendId)
                    .set(REPORT_DELIVERY.RECIPIENT, r)
                    .set(REPORT_DELIVERY.STATUS, PENDING)
                    .set(REPORT_DELIVERY.ATTEMPTS, 0)
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /**
     * Marks the recipient as being sent to, as long as {@code node} holds the send: false when it does
     * not any more, and then it must not send.
     */
    boolean startDelivery(long sendId, String recipient, String node, String messageId) {
        return db.update(REPORT_DELIVERY)
                .set(REPORT_DELIVERY.STATUS, SENDING)
                .set(REPORT_DELIVERY.ATTEMPTS, REPORT_DELIVERY.ATTEMPTS.plus(1))
                .set(REPORT_DELIVERY.MESSAGE_ID, messageId)
                .where(REPORT_DELIVERY.SEND_ID.eq(sendId), REPORT_DELIVERY.RECIPIENT.eq(recipient),
                        REPORT_DELIVERY.STATUS.in(PENDING, SENDING))
                .and(DSL.exists(DSL.selectOne().from(REPORT_SEND).where(REPORT_SEND.ID.eq(sendId),
                        REPORT_SEND.STATUS.eq(SENDING), REPORT_SEND.CLAIMED_BY.eq(node))))
                .execute() == 1;
    }

    /** The recipient's report was accepted by the mail server (or written to the outbox). */
    void delivered(long sendId, String recipient, Instant now) {
        db.update(REPORT_DELIVERY)
                .set(REPORT_DELIVERY.STATUS, SENT)
                .set(REPORT_DELIVERY.ERROR, (String) null)
                .set(REPORT_DELIVERY.SENT_AT, at(now))
                .where(REPORT_DELIVERY.SEND_ID.eq(sendId), REPORT_DELIVERY.RECIPIENT.eq(recipient))
                .execute();
    }

    /** The recipient failed: for good ({@code failed}), or to be tried again with the send ({@code pending}). */
    void deliveryFailed(long sendId, String recipient, boolean permanent, String error) {
        db.update(REPORT_DELIVERY)
                .set(REPORT_DELIVERY.STATUS, permanent ? FAILED : PENDING)
                .set(REPORT_DELIVERY.ERROR, truncate(error, 2000))
                .where(REPORT_DELIVERY.SEND_ID.eq(sendId), REPORT_DELIVERY.RECIPIENT.eq(recipient))
                .execute();
    }

    Optional<ReportSend> find(long id) {
        return db.selectFrom(REPORT_SEND).where(REPORT_SEND.ID.eq(id)).fetchOptional()
                .map(r -> toSend(r, deliveries(List.of(id)).getOrDefault(id, List.of())));
    }

    /** The subscription's sends, the latest first. */
    List<ReportSend> history(long subscriptionId, int limit) {
        List<? extends Record> sends = db.selectFrom(REPORT_SEND).where(REPORT_SEND.SUBSCRIPTION_ID.eq(subscriptionId))
                .orderBy(REPORT_SEND.DUE_AT.desc(), REPORT_SEND.ID.desc()).limit(limit).fetch();
        Map<Long, List<ReportSend.Delivery>> deliveries = deliveries(sends.stream().map(r -> r.get(REPORT_SEND.ID))
                .toList());
        return sends.stream().map(r -> toSend(r, deliveries.getOrDefault(r.get(REPORT_SEND.ID), List.of()))).toList();
    }

    private Map<Long, List<ReportSend.Delivery>> deliveries(List<Long> sendIds) {
        return db.selectFrom(REPORT_DELIVERY).where(REPORT_DELIVERY.SEND_ID.in(sendIds))
                .orderBy(REPORT_DELIVERY.RECIPIENT).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.get(REPORT_DELIVERY.SEND_ID), Collectors.mapping(
                        r -> new ReportSend.Delivery(r.getRecipient(), r.getStatus(), r.getAttempts(), r.getMessageId(),
                                r.getError(), r.getSentAt() == null ? null : r.getSentAt().toInstant()),
                        Collectors.toList())));
    }

    private static ReportSend toSend(Record r, List<ReportSend.Delivery> deliveries) {
        return new ReportSend(r.get(REPORT_SEND.ID), r.get(REPORT_SEND.SUBSCRIPTION_ID), r.get(REPORT_SEND.WEEK),
                r.get(REPORT_SEND.KIND), r.get(REPORT_SEND.STATUS), r.get(REPORT_SEND.ATTEMPTS),
                instant(r.get(REPORT_SEND.DUE_AT)), instant(r.get(REPORT_SEND.PERIOD_FROM)),
                instant(r.get(REPORT_SEND.PERIOD_TO)), instant(r.get(REPORT_SEND.NEXT_ATTEMPT_AT)),
                r.get(REPORT_SEND.REQUESTED_BY), instant(r.get(REPORT_SEND.CREATED_AT)),
                instant(r.get(REPORT_SEND.FINISHED_AT)), r.get(REPORT_SEND.ERROR), deliveries);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
