package org.reelpulse.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo corpus loaded into a running application through its API, as a user would: the demo's
 * tracked events first (so that posts are labelled toward them once, as they are analysed), then its
 * 584 posts and any extra NDJSON lines, then a wait until every post is analysed and indexed.
 */
public final class DemoCorpus {

    public static final String PASSWORD = "reelpulse-demo";
    public static final int POSTS = 584;

    private DemoCorpus() {
    }

    /** Loads the demo events and posts, and {@code extraPosts} (NDJSON lines); returns the posts imported. */
    public static long load(TestRestTemplate http, List<String> extraPosts) {
        ObjectMapper json = new ObjectMapper();
        try {
            for (JsonNode e : json.readTree(Path.of("data/demo/events.json").toFile())) {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                ResponseEntity<JsonNode> created = http.withBasicAuth("analyst", PASSWORD).exchange("/api/events",
                        HttpMethod.POST, new HttpEntity<>(e.toString(), headers), JsonNode.class);
                assertThat(created.getStatusCode()).as(created.toString()).isEqualTo(HttpStatus.CREATED);
            }
            List<String> bodies = new ArrayList<>();
            for (String file : List.of("lionsgate-runway.ndjson", "blumhouse-meta.ndjson")) {
                bodies.add(Files.readString(Path.of("data/demo", file)));
            }
            if (!extraPosts.isEmpty()) {
                bodies.add(String.join("\n", extraPosts) + "\n");
            }
            long posts = 0;
            for (String body : bodies) {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
                ResponseEntity<JsonNode> r = http.withBasicAuth("analyst", PASSWORD).exchange("/api/import",
                        HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
                assertThat(r.getBody().path("rejectedCount").asInt()).as(r.toString()).isZero();
                posts += r.getBody().path("inserted").asLong();
            }
            assertThat(posts).isEqualTo(POSTS + extraPosts.size());
            long expected = posts;
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode status = http.withBasicAuth("viewer", PASSWORD).getForEntity("/api/status", JsonNode.class)
                        .getBody();
                assertThat(status.path("analysed").asLong()).isEqualTo(expected);
                assertThat(status.path("indexUpToDate").asBoolean()).isTrue();
            });
            return posts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
