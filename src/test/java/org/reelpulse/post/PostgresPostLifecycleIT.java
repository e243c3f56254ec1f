package org.reelpulse.post;

import org.junit.jupiter.api.Tag;
import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Edits, deletions and cross-posts on a real PostgreSQL (full profile), in a schema of its own. */
@Tag("postgres")
class PostgresPostLifecycleIT extends PostLifecycleContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestData.postgres(registry);
    }
}
