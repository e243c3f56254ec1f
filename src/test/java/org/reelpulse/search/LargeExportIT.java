package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.reelpulse.post.PostRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An export far larger than a chunk streams: every match arrives once, oldest first, and the
 * application's live heap does not grow with what has been written. The heap is read after a full
 * collection, so it counts what is kept, not what is passing through.
 */
@org.springframework.boot.test.context.SpringBootTest(
        webEnvironment = org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.annotation.DirtiesContext
class LargeExportIT {

    private static final int POSTS = 20_000;
    private static final int TEXT_CHARS = 3_000;

    /** An application of its own: its 20,000 long posts must not reach the other tests' databases. */
    @org.springframework.test.context.DynamicPropertySource
    static void application(org.springframework.test.context.DynamicPropertyRegistry registry) {
        org.reelpulse.support.TestData.emptyApplication(registry, "large-export");
        registry.add("reelpulse.analyze.enabled", () -> "false");
        registry.add("reelpulse.search.indexing", () -> "false");
    }

    @Autowired
    PostRepository posts;
    @Autowired
    PostIndexer indexer;
    @LocalServerPort
    int port;

    @Test
    void shouldStreamEveryMatchWithoutHoldingTheExportInMemory() throws Exception {
        storeGeneratedPosts();
        indexer.catchUp();
        long heapBefore = liveHeap();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/export?format=ndjson&q=export"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("analyst:reelpulse-demo".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(POSTS));

        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        String previous = "";
        long bytes = 0;
        long heapEarly = 0;
        long bytesEarly = 0;
        long heapLate = 0;
        long bytesLate = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                bytes += line.length() + 1;
                JsonNode post = json.readTree(line);
                assertThat(seen.add(post.get("externalId").asText())).as("each post once").isTrue();
                String published = post.get("publishedAt").asText();
                assertThat(published).as("oldest first").isGreaterThanOrEqualTo(previous);
                previous = published;
                if (seen.size() == POSTS / 10) {
                    heapEarly = liveHeap();
                    bytesEarly = bytes;
                } else if (seen.size() == POSTS * 9 / 10) {
                    heapLate = liveHeap();
                    bytesLate = bytes;
                }
            }
        }
        assertThat(seen).hasSize(POSTS);
        long written = bytesLate - bytesEarly;
        assertThat(written).as("enough written between the two readings to tell").isGreaterThan(25_000_000L);
        assertThat(heapLate - heapEarly).as("live heap growth while %,d characters streamed", written)
                .isLessThan(written / 5);
        assertThat(Math.max(heapEarly, heapLate) - heapBefore).as("live heap kept for an export of %,d characters",
                bytes).isLessThan(bytes / 2);
    }

    /** Posts that all match "export", each with a long text, one per minute. */
    private void storeGeneratedPosts() {
        Random random = new Random(7);
        String[] words = {"export", "runway", "lionsgate", "artists", "union", "jobs", "consent", "model", "film",
                "crew", "studio", "training", "library", "contract", "pay"};
        Instant start = Instant.parse("2024-09-01T00:00:00Z");
        List<NewPost> batch = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            StringBuilder text = new StringBuilder("export");
            while (text.length() < TEXT_CHARS) {
                text.append(' ').append(words[random.nextInt(words.length)]).append(random.nextInt(1000));
            }
            batch.add(new NewPost("mastodon", "export-" + i, null, new Author("author" + (i % 500), null, null),
                    text.toString(), "en", start.plusSeconds(60L * i), new Metrics(i % 7, 0, 0, 0), null, null));
            if (batch.size() == 1_000) {
                posts.insertNew(batch);
                batch.clear();
            }
        }
        posts.insertNew(batch);
    }

    /** The heap in use right after a full collection: what the application keeps. */
    private static long liveHeap() {
        System.gc();
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
