package org.reelpulse.collect;

/**
 * Why a run of a source did not end well, as the source's status will show it: the message says what
 * went wrong and, where it can, what to do. It never carries a credential.
 */
public class CollectException extends RuntimeException {

    /** How a failed run leaves its source. */
    public enum Outcome {
        /** The source answered with something unreadable (malformed XML or JSON); the next run tries again. */
        DEGRADED,
        /** The source could not be reached or refused the request. */
        FAILED,
        /** The source wants credentials, or the ones given are missing or refused. */
        NEEDS_CREDENTIALS
    }

    private final Outcome outcome;

    public CollectException(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public CollectException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
