package org.reelpulse.report;

import org.junit.jupiter.api.Tag;
import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Weekly reports on a real PostgreSQL: two nodes claiming the same report meet in its row locks. */
@Tag("postgres")
class PostgresReportIT extends ReportContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestData.postgres(registry);
    }
}
