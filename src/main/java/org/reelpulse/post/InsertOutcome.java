package org.reelpulse.post;

/** How many of the offered posts were new and how many were already stored. */
public record InsertOutcome(int inserted, int duplicates) {
}
