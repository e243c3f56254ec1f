package org.reelpulse.collect;

import org.junit.jupiter.api.Tag;
import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sources and their runs on a real PostgreSQL (full profile), in a schema of its own. */
@Tag("postgres")
class PostgresCollectIT extends CollectContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestData.postgres(registry);
    }
}
