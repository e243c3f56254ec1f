package org.reelpulse.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One adapter per source kind. Spring finds every bean of this type; a kind exists for users exactly
 * when its adapter does.
 */
public interface Collector {

    /** The kind users write in a source's JSON, e.g. {@code feed}; also a row of the {@code source} table. */
    String kind();

    /**
     * The settings as they will be stored (defaults filled in), or a {@link
     * org.reelpulse.base.UserInputException} naming the field (e.g. {@code settings.url}) and saying
     * what to write. URLs are checked by the {@code guard}.
     */
    JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard);

    /**
     * Collects what is new: stores posts and moves cursors through the context. Throws a {@link
     * CollectException} when the run cannot go on; what it stored before stays stored.
     */
    void collect(CollectContext context);
}
