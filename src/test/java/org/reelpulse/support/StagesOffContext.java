package org.reelpulse.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application on a fresh H2 file database whose background stages do not run, so a test can
 * drive analysis and indexing step by step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StagesOffContext {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestData.emptyApplication(registry, "stages-off");
        registry.add("reelpulse.analyze.enabled", () -> "false");
        registry.add("reelpulse.search.indexing", () -> "false");
    }
}
