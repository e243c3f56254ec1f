package org.reelpulse.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code reelpulse.demo.*}: the demo corpus of the embedded default.
 *
 * @param enabled  load the demo corpus into an empty embedded database
 * @param location where the corpus is: a Spring resource pattern for the {@code *.ndjson} post files;
 *                 {@code events.json} is read from the same folder
 */
@Validated
@ConfigurationProperties("reelpulse.demo")
public record DemoProperties(boolean enabled, @NotBlank String location) {
}
