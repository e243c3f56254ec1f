package org.reelpulse;

import org.junit.jupiter.api.Tag;
import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard's API contract on a real PostgreSQL (full profile), in a schema of its own. */
@Tag("postgres")
class PostgresDashboardApiIT extends DashboardApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestData.postgres(registry);
    }
}
