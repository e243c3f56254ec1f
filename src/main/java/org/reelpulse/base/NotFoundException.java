package org.reelpulse.base;

/** Something a user asked for does not exist; answered with 404 and the message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
