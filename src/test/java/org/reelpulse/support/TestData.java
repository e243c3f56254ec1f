package org.reelpulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Helpers shared by the integration tests. */
public final class TestData {

    private TestData() {
    }

    /** A fresh folder for one test context's database and index. */
    public static Path newDataDir(String name) {
        try {
            return Files.createTempDirectory("reelpulse-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An application of its own: a fresh data folder, no demo corpus, but the demo accounts the
     * tests sign in with.
     */
    public static void emptyApplication(DynamicPropertyRegistry registry, String name) {
        // one folder per application, made now: the registry may ask its suppliers more than once
        String dataDir = newDataDir(name).toString();
        registry.add("reelpulse.data-dir", () -> dataDir);
        registry.add("reelpulse.demo.enabled", () -> "false");
        registry.add("reelpulse.security.demo-accounts", () -> "true");
    }

    /**
     * The application on the PostgreSQL of {@link #postgresUrl()}, in a schema of its own so runs never
     * see each other's data.
     */
    public static void postgres(DynamicPropertyRegistry registry) {
        String url = postgresUrl();
        String schema = "rp_it_" + Long.toString(System.nanoTime(), 36);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
    }

    /** One post in the canonical NDJSON format. */
    public static String post(String source, String externalId, String lang, String publishedAt, int likes,
            String text) {
        return "{\"source\":\"" + source + "\",\"externalId\":\"" + externalId + "\",\"url\":\"https://example.org/"
                + externalId + "\",\"author\":{\"handle\":\"" + externalId + "_author\",\"name\":\"Tester\"},"
                + "\"text\":\"" + text + "\"," + (lang == null ? "" : "\"lang\":\"" + lang + "\",")
                + "\"publishedAt\":\"" + publishedAt + "\",\"metrics\":{\"likes\":" + likes
                + ",\"reposts\":1,\"replies\":0,\"quotes\":0}}";
    }

    /**
     * The PostgreSQL URL for the full profile, from REELPULSE_TEST_POSTGRES_URL. Fails, never skips,
     * when it is missing.
     */
    public static String postgresUrl() {
        String url = System.getProperty("reelpulse.test.postgres-url");
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv("REELPULSE_TEST_POSTGRES_URL");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("The PostgreSQL tests need a server: set REELPULSE_TEST_POSTGRES_URL, e.g. "
                    + "jdbc:postgresql://localhost:5432/reelpulse?user=reelpulse&password=reelpulse (see README)");
        }
        return url;
    }
}
