package org.reelpulse;

import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the embedded H2 file database. */
class H2ApiIT extends ApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("reelpulse.data-dir", () -> TestData.newDataDir("h2-api").toString());
        registry.add("reelpulse.demo.enabled", () -> "false");
        registry.add("reelpulse.security.demo-accounts", () -> "true");
        registry.add("reelpulse.analyze.poll-interval", () -> "PT0.2S");
        registry.add("reelpulse.search.poll-interval", () -> "PT0.2S");
    }
}
