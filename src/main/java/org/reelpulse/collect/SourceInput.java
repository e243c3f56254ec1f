package org.reelpulse.collect;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A source as a user sends it. {@code credentials} values are literal secrets (stored encrypted) or
 * references to environment variables like {@code ${MASTODON_TOKEN}}; on a change, null keeps the
 * stored credentials and a key with an empty value removes that key.
 */
public record SourceInput(String kind, String name, String baseUrl, JsonNode settings,
        Map<String, String> credentials, String schedule, Boolean enabled) {
}
