package org.reelpulse;

import org.junit.jupiter.api.Tag;
import org.reelpulse.support.TestData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API contract on a real PostgreSQL (full profile), in a schema of its own so runs never see
 * each other's data.
 */
@Tag("postgres")
class PostgresApiIT extends ApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestData.postgresUrl();
        String schema = "rp_it_" + Long.toString(System.nanoTime(), 36);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
    }
}
