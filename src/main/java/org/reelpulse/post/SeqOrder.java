package org.reelpulse.post;

import static org.reelpulse.jooq.Sequences.POST_SEQ;
import static org.reelpulse.jooq.Tables.SEQ_LOCK;

import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Hands out {@code post.seq} values so that they become visible in the order they were handed out:
 * every transaction that takes a value first locks one row and keeps the lock until it commits. A
 * reader that remembers the highest seq it has processed therefore never misses a later commit with
 * a lower value. Works the same on H2 and PostgreSQL, and across several application nodes.
 * Only for repositories: it runs inside their jOOQ transactions.
 */
public final class SeqOrder {

    private SeqOrder() {
    }

    /** Call first in a transaction that will assign seq values. */
    public static void lock(DSLContext tx) {
        tx.selectFrom(SEQ_LOCK).where(SEQ_LOCK.ID.eq(1)).forUpdate().fetch();
    }

    /** The next seq value, for use in an insert or update after {@link #lock}. */
    public static Field<Long> next() {
        return POST_SEQ.nextval();
    }
}
