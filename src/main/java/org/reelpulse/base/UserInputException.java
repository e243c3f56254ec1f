package org.reelpulse.base;

import java.util.Map;

/**
 * Bad input from a user: the message says what was wrong and what to do. Answered with 400 and the
 * message; nothing is logged as an error.
 */
public class UserInputException extends RuntimeException {

    private final Map<String, Object> details;

    public UserInputException(String message) {
        this(message, Map.of());
    }

    public UserInputException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    /** Extra machine-readable facts, e.g. the position of a query syntax error. */
    public Map<String, Object> details() {
        return details;
    }
}
