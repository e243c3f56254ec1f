package org.reelpulse.collect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code reelpulse.collect.sources.*}: how the admin side of the sources behaves.
 *
 * @param answerWithin    how long "collect now" waits for the run before it answers that it is still
 *                        running (and where to poll)
 * @param catalog         the catalog of suggested sources added (disabled) at startup
 */
@Validated
@ConfigurationProperties("reelpulse.collect.sources")
public record SourceProperties(Duration answerWithin, Catalog catalog) {

    public SourceProperties {
        if (answerWithin == null || answerWithin.isNegative()) {
            answerWithin = Duration.ofSeconds(10);
        }
        if (catalog == null) {
            catalog = new Catalog(true, null);
        }
    }

    /**
     * @param enabled  whether the catalog's sources not stored yet (by name) are added at startup
     * @param location where the catalog is (a Spring resource location)
     */
    public record Catalog(Boolean enabled, String location) {

        public Catalog {
            if (enabled == null) {
                enabled = true;
            }
            if (location == null || location.isBlank()) {
                location = "classpath:sources.yml";
            }
        }
    }
}
