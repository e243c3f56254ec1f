package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reelpulse.collect.LoopbackServer.body;
import static org.reelpulse.collect.LoopbackServer.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.support.StagesOffContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sources through the API and runs through the runner, against feeds served on loopback (hence private
 * addresses allowed here; {@link SsrfGuardTest} proves the refusal). Run on H2 and on PostgreSQL.
 */
abstract class CollectContract extends StagesOffContext {

    @DynamicPropertySource
    static void collect(DynamicPropertyRegistry registry) {
        registry.add("reelpulse.collect.allow-private-addresses", () -> "true");
        registry.add("reelpulse.collect.scheduling", () -> "false");
        registry.add("reelpulse.collect.host-spacing", () -> "PT0S");
        registry.add("reelpulse.collect.backoff-first", () -> "PT0.01S");
        registry.add("reelpulse.collect.backoff-max", () -> "PT0.05S");
        registry.add("reelpulse.collect.max-attempts", () -> "2");
        // long enough for a loopback feed, short enough to see a run that is held answered with 202
        registry.add("reelpulse.collect.sources.answer-within", () -> "PT3S");
        // the tests name their sources; the catalog test loads the catalog itself
        registry.add("reelpulse.collect.sources.catalog.enabled", () -> "false");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    SourceRepository repository;
    @Autowired
    CollectRunner runner;
    @Autowired
    PostRepository posts;
    @Autowired
    Credentials credentials;
    @Autowired
    SsrfGuard guard;
    @Autowired
    FeedCollector feeds;
    @Autowired
    CollectProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    EventTerms eventTerms;
    @Autowired
    SourceCatalog catalog;

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void removeSources() {
        server.close();
        repository.findAll().forEach(s -> repository.delete(s.source().id()));
    }

    private ResponseEntity<Map<String, Object>> send(HttpMethod method, String path, Object body) {
        return rest.withBasicAuth("admin", "reelpulse-demo").exchange(path, method,
                body == null ? null : new HttpEntity<>(body), new ParameterizedTypeReference<>() {
                });
    }

    private long create(String name, String path) {
        ResponseEntity<Map<String, Object>> r = send(HttpMethod.POST, "/api/sources", Map.of("kind", "feed", "name",
                name, "settings", Map.of("url", server.uri(path).toString())));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return ((Number) r.getBody().get("id")).longValue();
    }

    private static byte[] rss(String tag, int items) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Deadline</title><link>https://deadline.com</link><description>d</description>");
        for (int i = 1; i <= items; i++) {
            b.append("<item><title>Story ").append(i).append(" about Lionsgate</title><link>https://deadline.com/2024/09/story-")
                    .append(i).append("/</link><guid isPermaLink=\"false\">https://deadline.com/?p=").append(i).append("-")
                    .append(tag).append("</guid><pubDate>Wed, 18 Sep 2024 1").append(i).append(":00:00 +0000</pubDate>"
                            + "<description>&lt;p&gt;Text ").append(i).append("&lt;/p&gt;</description></item>");
        }
        return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The feed posts a source stored (the database is shared by the tests of this class). */
    private List<Post> feedPosts(String sourceName) {
        return posts.findAfterSeq(0, 1000).stream().filter(p -> p.source().equals("feed"))
                .filter(p -> sourceName.equals(p.sourceName())).toList();
    }

    @Test
    void shouldRefuseBadSourcesNamingTheFieldAndSayingWhatToDo() {
        Map<String, Object> feed = Map.of("url", server.uri("/feed/").toString());
        record Case(Map<String, Object> body, String field, String says) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", "A", "settings", feed), "kind",
                        "use one of [bluesky, feed, file, hackernews, mastodon, page, reddit, x, youtube]"),
                new Case(Map.of("kind", "myspace", "name", "A", "settings", feed), "kind", "cannot collect"),
                new Case(Map.of("kind", "mastodon", "name", "A", "settings", Map.of("hashtags", List.of("x"))),
                        "baseUrl", "https://mastodon.social"),
                new Case(Map.of("kind", "mastodon", "name", "A", "baseUrl", "https://mastodon.social", "settings",
                        Map.of("hashtags", List.of("Lionsgate Runway"))), "settings.hashtags", "without '#'"),
                new Case(Map.of("kind", "feed", "settings", feed), "name", "Give the source a name"),
                new Case(Map.of("kind", "feed", "name", "A"), "settings.url", "settings.url"),
                new Case(Map.of("kind", "feed", "name", "A", "settings", Map.of("url", "not a url")), "settings.url",
                        "not a URL"),
                new Case(Map.of("kind", "feed", "name", "A", "settings", feed, "schedule", "15 minutes"), "schedule",
                        "PT15M"),
                new Case(Map.of("kind", "feed", "name", "A", "settings", feed, "schedule", "PT5S"), "schedule",
                        "between PT1M and P7D"),
                new Case(Map.of("kind", "feed", "name", "A", "settings", feed, "credentials", Map.of("token",
                        "literal-secret")), "credentials.token", "REELPULSE_SECRET_KEY"));
        for (Case c : cases) {
            ResponseEntity<Map<String, Object>> r = send(HttpMethod.POST, "/api/sources", c.body());
            assertThat(r.getStatusCode()).as(c.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(c.toString()).containsEntry("field", c.field());
            assertThat((String) r.getBody().get("error")).as(c.toString()).contains(c.says())
                    .doesNotContain("literal-secret");
        }
        create("Taken", "/feed/");
        ResponseEntity<Map<String, Object>> taken = send(HttpMethod.POST, "/api/sources",
                Map.of("kind", "feed", "name", "Taken", "settings", feed));
        assertThat(taken.getBody()).containsEntry("field", "name");
        assertThat(rest.withBasicAuth("analyst", "reelpulse-demo").getForEntity("/api/sources", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldCollectNowKeepTheSourceNameAndNeverReturnCredentials() {
        server.then(body(200, Map.of("Content-Type", "application/rss+xml", "ETag", "\"v1\""), rss("now", 2)));
        ResponseEntity<Map<String, Object>> created = send(HttpMethod.POST, "/api/sources", Map.of("kind", "feed",
                "name", "Deadline", "settings", Map.of("url", server.uri("/feed/").toString()),
                "credentials", Map.of("token", "${REELPULSE_IT_UNSET_TOKEN}"), "schedule", "PT30M"));
        long id = ((Number) created.getBody().get("id")).longValue();
        assertThat(created.getBody()).containsEntry("credentialsSet", List.of("token")).containsEntry("schedule", "PT30M")
                .containsEntry("status", "new").doesNotContainKey("credentials");

        ResponseEntity<Map<String, Object>> needs = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);
        assertThat(needs.getBody()).containsEntry("status", "failed");
        Map<String, Object> source = send(HttpMethod.GET, "/api/sources/" + id, null).getBody();
        assertThat(source).containsEntry("status", "needs-credentials");
        assertThat((String) source.get("lastError")).contains("REELPULSE_IT_UNSET_TOKEN");
        assertThat(server.requests).as("no request without its credentials").isEmpty();

        // a key sent empty is removed; the feed needs none
        send(HttpMethod.PUT, "/api/sources/" + id, Map.of("name", "Deadline", "settings", Map.of("url",
                server.uri("/feed/").toString()), "credentials", Map.of("token", "")));
        ResponseEntity<Map<String, Object>> run = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);

        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(run.getBody()).containsEntry("status", "ok").containsEntry("itemsSeen", 2)
                .containsEntry("itemsNew", 2).containsEntry("requests", 1);
        assertThat(feedPosts("Deadline")).hasSize(2).allSatisfy(p -> assertThat(p.sourceName()).isEqualTo("Deadline"));
        assertThat(feedPosts("Deadline")).extracting(Post::text).contains("Story 1 about Lionsgate\n\nText 1");
        Map<String, Object> postJson = send(HttpMethod.GET, "/api/posts/" + feedPosts("Deadline").get(0).id(), null)
                .getBody();
        assertThat(postJson).containsEntry("source", "feed").containsEntry("sourceName", "Deadline");
        String all = rest.withBasicAuth("admin", "reelpulse-demo").getForObject("/api/sources", String.class);
        assertThat(all).contains("\"status\":\"healthy\"").contains("\"lastSuccessAt\":\"")
                .doesNotContain("REELPULSE_IT_UNSET_TOKEN");
        ResponseEntity<List<Map<String, Object>>> runs = rest.withBasicAuth("admin", "reelpulse-demo").exchange(
                "/api/sources/" + id + "/runs", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(runs.getBody()).extracting(r -> r.get("status")).containsExactly("ok", "failed");
    }

    @Test
    void shouldCollectAMastodonHashtagEndToEndAndAskOnlyForNewerStatusesNext() {
        ResponseEntity<Map<String, Object>> created = send(HttpMethod.POST, "/api/sources", Map.of("kind", "mastodon",
                "name", "mastodon.loopback", "baseUrl", server.uri("/").toString(), "settings",
                Map.of("hashtags", List.of("#LionsgateRunway"))));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = ((Number) created.getBody().get("id")).longValue();
        String status = """
                {"id":"113170000000000003","created_at":"2024-09-19T10:15:30.000Z","spoiler_text":"","language":"en",
                 "uri":"https://kino.example/users/kinoman/statuses/55","url":"https://kino.example/@kinoman/55",
                 "replies_count":2,"reblogs_count":5,"favourites_count":11,"content":"<p>Lionsgate &amp; Runway</p>",
                 "reblog":null,"account":{"id":"7","username":"kinoman","acct":"kinoman@kino.example",
                 "display_name":"Kinoman","indexable":true}}""";
        server.then(body(200, Map.of("Content-Type", "application/json"), ("[" + status + "]").getBytes(
                StandardCharsets.UTF_8)), body(200, Map.of("Content-Type", "application/json"), "[]".getBytes()));

        ResponseEntity<Map<String, Object>> run = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);

        assertThat(run.getBody()).containsEntry("status", "ok").containsEntry("itemsNew", 1);
        assertThat(server.requests.get(0).path()).isEqualTo("/api/v1/timelines/tag/LionsgateRunway?limit=40");
        List<Post> stored = posts.findAfterSeq(0, 1000).stream().filter(p -> p.source().equals("mastodon")).toList();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).externalId()).isEqualTo("https://kino.example/users/kinoman/statuses/55");
        assertThat(stored.get(0).text()).isEqualTo("Lionsgate & Runway");

        server.requests.clear();
        ResponseEntity<Map<String, Object>> again = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);
        assertThat(again.getBody()).containsEntry("status", "ok").containsEntry("itemsNew", 0);
        assertThat(server.requests.get(0).path())
                .isEqualTo("/api/v1/timelines/tag/LionsgateRunway?limit=40&min_id=113170000000000003");

        server.then(body(401, Map.of("Content-Type", "application/json"),
                "{\"error\":\"This API requires an authenticated user\"}".getBytes()));
        send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);
        Map<String, Object> source = send(HttpMethod.GET, "/api/sources/" + id, null).getBody();
        assertThat(source).containsEntry("status", "needs-credentials");
        assertThat((String) source.get("lastError")).contains("{\"token\"}");
    }

    /**
     * A runner whose node has these environment variables, for sources whose credentials refer to them (the
     * test JVM cannot set variables of its own, and literal secrets need REELPULSE_SECRET_KEY).
     */
    private CollectRunner runnerWith(Map<String, String> environment, Collector collector) {
        return new CollectRunner(repository, new Credentials(environment::get), new PoliteHttp(properties, guard, clock),
                posts, List.of(collector), properties, eventTerms, clock);
    }

    @Autowired
    BlueskyCollector bluesky;
    @Autowired
    XCollector x;

    @Test
    void shouldCollectABlueskySearchEndToEndWithOneLoginAndAskOnlySinceTheNewestPostNext() {
        ResponseEntity<Map<String, Object>> created = send(HttpMethod.POST, "/api/sources", Map.of("kind", "bluesky",
                "name", "bluesky.loopback", "baseUrl", server.uri("/").toString(), "settings",
                Map.of("queries", List.of("Lionsgate Runway"), "lang", "en"), "credentials",
                Map.of("identifier", "${REELPULSE_IT_BSKY_IDENTIFIER}", "password", "${REELPULSE_IT_BSKY_PASSWORD}")));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("credentialsSet")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("identifier", "password");
        long id = ((Number) created.getBody().get("id")).longValue();
        CollectRunner node = runnerWith(Map.of("REELPULSE_IT_BSKY_IDENTIFIER", "reelpulse.bsky.social",
                "REELPULSE_IT_BSKY_PASSWORD", "abcd-efgh-ijkl-mnop"), bluesky);
        String session = """
                {"did":"did:plc:reelpulse","handle":"reelpulse.bsky.social","accessJwt":"%s","refreshJwt":"r1"}"""
                .formatted(BlueskyCollectorTest.jwt(clock.instant().plusSeconds(7200)));
        String found = "{\"posts\":[" + BlueskyCollectorTest.a() + "]}";
        server.then(body(200, Map.of("Content-Type", "application/json"), session.getBytes(StandardCharsets.UTF_8)),
                body(200, Map.of("Content-Type", "application/json"), found.getBytes(StandardCharsets.UTF_8)));

        SourceRun run = node.run(id, true).orElseThrow();

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo("ok");
        assertThat(run.itemsNew()).isEqualTo(1);
        assertThat(run.requests()).isEqualTo(2);
        assertThat(server.requests.get(0).path()).isEqualTo("/xrpc/com.atproto.server.createSession");
        List<Post> stored = posts.findAfterSeq(0, 1000).stream().filter(p -> p.source().equals("bluesky"))
                .filter(p -> "bluesky.loopback".equals(p.sourceName())).toList();
        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.externalId()).isEqualTo("at://did:plc:framewatcher/app.bsky.feed.post/3l4abc2def22x");
            assertThat(p.url()).isEqualTo("https://bsky.app/profile/framewatcher.bsky.social/post/3l4abc2def22x");
        });
        assertThat(repository.cursor(id, "search:lionsgate runway lang:en")).contains("2024-09-19T10:15:30Z");

        server.requests.clear();
        SourceRun again = node.run(id, true).orElseThrow();
        assertThat(again.status()).isEqualTo("ok");
        assertThat(again.itemsNew()).isZero();
        assertThat(server.requests).as("the session of the run before, no second login").singleElement()
                .satisfies(r -> assertThat(r.path()).contains("searchPosts").contains("since=2024-09-19T10%3A15%3A30Z"));
    }

    @Test
    void shouldCollectAnXSearchEndToEndAndAskForATokenWhenItIsRefused() {
        ResponseEntity<Map<String, Object>> created = send(HttpMethod.POST, "/api/sources", Map.of("kind", "x",
                "name", "x.loopback", "baseUrl", server.uri("/").toString(), "settings",
                Map.of("queries", List.of("#LionsgateRunway")), "credentials",
                Map.of("bearerToken", "${REELPULSE_IT_X_TOKEN}")));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = ((Number) created.getBody().get("id")).longValue();
        CollectRunner node = runnerWith(Map.of("REELPULSE_IT_X_TOKEN", "x-secret-token"), x);
        String page = """
                {"data":[{"id":"1836000000000000003","text":"Lionsgate &amp; Runway","author_id":"1001",
                  "created_at":"2024-09-19T10:15:30.000Z","lang":"en","edit_history_tweet_ids":["1836000000000000003"],
                  "public_metrics":{"retweet_count":5,"reply_count":2,"like_count":11,"quote_count":1}}],
                 "includes":{"users":[{"id":"1001","username":"framewatcher","name":"Frame Watcher","description":"Film"}]},
                 "meta":{"newest_id":"1836000000000000003","oldest_id":"1836000000000000003","result_count":1}}""";
        server.then(body(200, Map.of("Content-Type", "application/json"), page.getBytes(StandardCharsets.UTF_8)));

        SourceRun run = node.run(id, true).orElseThrow();

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo("ok");
        assertThat(run.itemsNew()).isEqualTo(1);
        assertThat(server.requests.get(0).headers().getFirst("Authorization")).isEqualTo("Bearer x-secret-token");
        List<Post> stored = posts.findAfterSeq(0, 1000).stream().filter(p -> p.source().equals("x")).toList();
        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo("Lionsgate & Runway");
            assertThat(p.url()).isEqualTo("https://x.com/framewatcher/status/1836000000000000003");
        });
        assertThat(repository.cursor(id, "query:#lionsgaterunway")).contains("1836000000000000003");

        server.then(body(401, Map.of("Content-Type", "application/json"),
                "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Unauthorized\"}".getBytes()));
        node.run(id, true);
        Map<String, Object> source = send(HttpMethod.GET, "/api/sources/" + id, null).getBody();
        assertThat(source).containsEntry("status", "needs-credentials");
        assertThat((String) source.get("lastError")).contains("{\"bearerToken\"}").doesNotContain("x-secret-token");
        assertThat(server.requests.get(1).path()).contains("since_id=1836000000000000003");
    }

    @Test
    void shouldResumeFromTheStoredCursorAfterARestartWithoutDuplicates() {
        long id = create("Variety", "/feed/");
        server.then(body(200, Map.of("Content-Type", "application/rss+xml", "ETag", "\"v1\""), rss("resume", 3)));
        assertThat(runner.run(id, true).orElseThrow().itemsNew()).isEqualTo(3);

        // a restarted node: nothing in memory, only what the database holds (and a run the old one left open)
        long crashed = repository.startRun(id, clock.instant());
        CollectRunner restarted = new CollectRunner(repository, credentials, new PoliteHttp(properties, guard, clock),
                posts, List.of(feeds), properties, eventTerms, clock);
        server.then(status(304, Map.of("ETag", "\"v1\"")));
        SourceRun unchanged = restarted.run(id, true).orElseThrow();
        assertThat(server.requests.get(1).headers().getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(unchanged.status()).isEqualTo("ok");
        assertThat(unchanged.itemsNew()).isZero();

        server.then(body(200, Map.of("Content-Type", "application/rss+xml", "ETag", "\"v2\""), rss("resume", 4)));
        SourceRun grown = restarted.run(id, true).orElseThrow();
        assertThat(grown.itemsSeen()).isEqualTo(4);
        assertThat(grown.itemsNew()).isEqualTo(1);
        assertThat(feedPosts("Variety")).hasSize(4);
        assertThat(repository.cursor(id, FeedCollector.ETAG)).contains("\"v2\"");
        SourceRun left = repository.run(crashed).orElseThrow();
        assertThat(left.status()).isEqualTo("failed");
        assertThat(left.error()).contains("stopped");
    }

    @Test
    void shouldNeverRunOneSourceTwiceAtOnceEvenFromTwoNodes() throws Exception {
        long id = create("Hollywood Reporter", "/feed/");
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.then(ex -> {
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            byte[] b = rss("once", 1);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        });
        CollectProperties otherNode = new CollectProperties(true, properties.pollInterval(), true,
                properties.contactUrl(), properties.connectTimeout(), properties.readTimeout(), properties.hostSpacing(),
                properties.maxAttempts(), properties.backoffFirst(), properties.backoffMax(), properties.maxWait(),
                properties.maxBodyBytes(), properties.lease(), properties.maxRedirects(), properties.maxPages(),
                "other-node", properties.importDir());
        CollectRunner second = new CollectRunner(repository, credentials, new PoliteHttp(otherNode, guard, clock),
                posts, List.of(feeds), otherNode, eventTerms, clock);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(runner::runDue);
        assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
        int secondRan = second.runDue();
        Optional<SourceRun> secondNow = second.run(id, true);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(secondRan).isZero();
        assertThat(secondNow).isEmpty();
        assertThat(server.requests).hasSize(1);
        assertThat(repository.runs(id, 10)).hasSize(1);
        ResponseEntity<Map<String, Object>> busy = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);
        assertThat(busy.getStatusCode()).as("free again after the run").isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldKeepCollectingTheOthersWhenOneSourceFails() {
        long gone = create("Gone", "/gone/");
        long broken = create("Broken", "/broken/");
        long fine = create("Fine", "/fine/");
        try (LoopbackServer s = server) {
            // the server answers in order of the runs: by due time, then id
            server.then(status(404, Map.of()), body(200, Map.of("Content-Type", "application/rss+xml"),
                    "<rss><channel><item><title>cut".getBytes(StandardCharsets.UTF_8)),
                    body(200, Map.of("Content-Type", "application/rss+xml"), rss("others", 2)));

            assertThat(runner.runDue()).isEqualTo(3);
        }
        assertThat(send(HttpMethod.GET, "/api/sources/" + gone, null).getBody()).containsEntry("status", "failing")
                .containsEntry("lastSuccessAt", null);
        Map<String, Object> degraded = send(HttpMethod.GET, "/api/sources/" + broken, null).getBody();
        assertThat(degraded).containsEntry("status", "degraded");
        assertThat((String) degraded.get("lastError")).contains("/broken/").contains("malformed XML");
        assertThat(send(HttpMethod.GET, "/api/sources/" + fine, null).getBody()).containsEntry("status", "healthy");
        assertThat(feedPosts("Fine")).hasSize(2);
        assertThat(runner.runDue()).as("none is due again before its schedule").isZero();
    }

    private long createWith(Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> r = send(HttpMethod.POST, "/api/sources", body);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.CREATED);
        return ((Number) r.getBody().get("id")).longValue();
    }

    private Map<String, Object> source(long id) {
        return send(HttpMethod.GET, "/api/sources/" + id, null).getBody();
    }

    private static Instant instant(Object json) {
        return Instant.parse((String) json);
    }

    @Test
    void shouldScheduleByIntervalOrCronAndRefuseABadCronNamingWhatIsWrong() {
        Map<String, Object> feed = Map.of("url", server.uri("/feed/").toString());
        record Case(String schedule, String says) {
        }
        for (Case c : List.of(new Case("*/20 * * * *", "has five: put the second first, e.g. '0 */20 * * * *'"),
                new Case("0 75 * * * *", "the minute field '75' is not valid"),
                new Case("0 0 9 * * FUNDAY", "the day-of-week field 'FUNDAY' is not valid"),
                new Case("* * * * * *", "more often than once a minute"),
                new Case("0 0 9 * *  * *", "is neither"))) {
            ResponseEntity<Map<String, Object>> r = send(HttpMethod.POST, "/api/sources", Map.of("kind", "feed", "name",
                    "Cron", "settings", feed, "schedule", c.schedule()));
            assertThat(r.getStatusCode()).as(c.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(c.toString()).containsEntry("field", "schedule");
            assertThat((String) r.getBody().get("error")).as(c.toString()).contains(c.says());
        }

        Instant before = clock.instant();
        // longer than the 40 characters the column first had
        String weekdays = "0 0,10,20,30,40,50 8-18 * JAN-MAR,OCT-DEC MON-FRI";
        long cron = createWith(Map.of("kind", "feed", "name", "Cron", "settings", feed, "schedule", "0  */20 * * * *"));
        long office = createWith(Map.of("kind", "feed", "name", "Office hours", "settings", feed, "schedule", weekdays));
        long interval = createWith(Map.of("kind", "feed", "name", "Interval", "settings", feed, "schedule", "PT1H"));
        Map<String, Object> c = source(cron);
        assertThat(c).containsEntry("schedule", "0 */20 * * * *");
        ZonedDateTime next = instant(c.get("nextRunAt")).atZone(ZoneOffset.UTC);
        assertThat(next.toInstant()).as("a cron source waits for its time").isAfter(before)
                .isBefore(before.plus(Duration.ofMinutes(21)));
        assertThat(next.getMinute() % 20).isZero();
        assertThat(next.getSecond()).isZero();
        assertThat(source(office)).containsEntry("schedule", weekdays);
        assertThat(instant(source(interval).get("nextRunAt"))).as("an interval source is due at once")
                .isBeforeOrEqualTo(clock.instant());

        server.then(body(200, Map.of("Content-Type", "application/rss+xml"), rss("cron", 1)));
        assertThat(send(HttpMethod.POST, "/api/sources/" + cron + "/collect", null).getBody())
                .containsEntry("status", "ok");
        ZonedDateTime after = instant(source(cron).get("nextRunAt")).atZone(ZoneOffset.UTC);
        assertThat(after.getMinute() % 20).isZero();
        assertThat(after.toInstant()).isAfter(clock.instant().minusSeconds(1));
        send(HttpMethod.POST, "/api/sources/" + interval + "/collect", null);
        Instant intervalNext = instant(source(interval).get("nextRunAt"));
        assertThat(intervalNext).as("one hour after the run").isAfter(clock.instant().plus(Duration.ofMinutes(59)))
                .isBefore(clock.instant().plus(Duration.ofMinutes(61)));
    }

    @Test
    void shouldPauseAndResumeASource() {
        Map<String, Object> feed = Map.of("url", server.uri("/feed/").toString());
        long interval = createWith(Map.of("kind", "feed", "name", "Paused interval", "settings", feed, "schedule",
                "PT2H"));
        long cron = createWith(Map.of("kind", "feed", "name", "Paused cron", "settings", feed, "schedule",
                "0 0 6 * * *"));
        server.then(body(200, Map.of("Content-Type", "application/rss+xml"), rss("pause", 1)));
        send(HttpMethod.POST, "/api/sources/" + interval + "/collect", null);

        Map<String, Object> paused = send(HttpMethod.POST, "/api/sources/" + interval + "/pause", null).getBody();
        assertThat(paused).containsEntry("status", "paused").containsEntry("enabled", false);
        send(HttpMethod.POST, "/api/sources/" + cron + "/pause", null);
        assertThat(repository.dueIds(clock.instant().plus(Duration.ofDays(2)))).doesNotContain(interval, cron);

        Map<String, Object> resumed = send(HttpMethod.POST, "/api/sources/" + interval + "/resume", null).getBody();
        assertThat(resumed).containsEntry("enabled", true).containsEntry("status", "healthy");
        assertThat(instant(resumed.get("nextRunAt"))).as("due at once").isBeforeOrEqualTo(clock.instant());
        Map<String, Object> cronResumed = send(HttpMethod.POST, "/api/sources/" + cron + "/resume", null).getBody();
        assertThat(cronResumed).containsEntry("status", "new");
        ZonedDateTime six = instant(cronResumed.get("nextRunAt")).atZone(ZoneOffset.UTC);
        assertThat(six.getHour()).as("at its next time").isEqualTo(6);
        assertThat(six.toInstant()).isAfter(clock.instant());
        assertThat(send(HttpMethod.POST, "/api/sources/999999/pause", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldTestASourceWithoutStoringAnythingOrMovingACursor() {
        server.then(body(200, Map.of("Content-Type", "application/rss+xml", "ETag", "\"t1\""), rss("test", 4)));
        String url = server.uri("/feed/").toString();

        ResponseEntity<Map<String, Object>> unsaved = send(HttpMethod.POST, "/api/sources/test", Map.of("kind", "feed",
                "name", "Tested", "settings", Map.of("url", url), "credentials", Map.of("token", "literal-secret")));
        assertThat(unsaved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unsaved.getBody()).containsEntry("status", "ok").containsEntry("itemsSeen", 4)
                .containsEntry("itemsNew", 4).containsEntry("requests", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) unsaved.getBody().get("samples");
        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).get("text")).asString().contains("about Lionsgate");
        assertThat(samples.get(0).get("url")).asString().startsWith("https://deadline.com/2024/09/story-");
        assertThat(unsaved.getBody().toString()).doesNotContain("literal-secret");
        assertThat(feedPosts("Tested")).isEmpty();
        assertThat(repository.findIdByName("Tested")).isEmpty();

        long id = create("Tested", "/feed/");
        Map<String, Object> saved = send(HttpMethod.POST, "/api/sources/" + id + "/test", null).getBody();
        assertThat(saved).containsEntry("status", "ok").containsEntry("itemsSeen", 4).containsEntry("itemsNew", 4);
        assertThat(server.requests.get(1).headers().getFirst("If-None-Match")).as("no stored cursor was read").isNull();
        assertThat(repository.cursor(id, FeedCollector.ETAG)).as("no cursor moved").isEmpty();
        assertThat(feedPosts("Tested")).isEmpty();
        assertThat(repository.runs(id, 10)).as("a test is not a run").isEmpty();
        assertThat(source(id)).containsEntry("status", "new").containsEntry("itemsTotal", 0);

        assertThat(send(HttpMethod.POST, "/api/sources/" + id + "/collect", null).getBody())
                .containsEntry("itemsNew", 4);
        Map<String, Object> again = send(HttpMethod.POST, "/api/sources/" + id + "/test", null).getBody();
        assertThat(again).as("all stored already").containsEntry("itemsSeen", 4).containsEntry("itemsNew", 0);

        // the changes of a form not saved yet; the stored credentials would be kept
        server.then(status(404, Map.of()));
        Map<String, Object> changed = send(HttpMethod.POST, "/api/sources/" + id + "/test", Map.of("name", "Tested",
                "settings", Map.of("url", server.uri("/moved/").toString()))).getBody();
        assertThat(changed).containsEntry("status", "failing").containsEntry("itemsSeen", 0);
        assertThat((String) changed.get("message")).contains("/moved/");
        assertThat(source(id)).containsEntry("status", "healthy");

        Map<String, Object> needs = send(HttpMethod.POST, "/api/sources/test", Map.of("kind", "feed", "settings",
                Map.of("url", url), "credentials", Map.of("token", "${REELPULSE_IT_UNSET_TOKEN}"))).getBody();
        assertThat(needs).containsEntry("status", "needs-credentials").containsEntry("requests", 0);
        ResponseEntity<Map<String, Object>> bad = send(HttpMethod.POST, "/api/sources/test", Map.of("kind", "feed",
                "settings", Map.of("url", "not a url")));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).containsEntry("field", "settings.url");
    }

    @Test
    void shouldTestOnlyTheFirstPageOfAPagedTimeline() {
        long id = createWith(Map.of("kind", "mastodon", "name", "mastodon.paged", "baseUrl", server.uri("/").toString(),
                "settings", Map.of("hashtags", List.of("LionsgateRunway"))));
        String page1 = "[" + mastodonStatus("113170000000000004") + "," + mastodonStatus("113170000000000003") + "]";
        String page2 = "[" + mastodonStatus("113170000000000002") + "]";
        String next = "<" + server.uri("/api/v1/timelines/tag/LionsgateRunway?limit=40&max_id=113170000000000003")
                + ">; rel=\"next\"";
        server.then(body(200, Map.of("Content-Type", "application/json", "Link", next), page1.getBytes(
                StandardCharsets.UTF_8)), body(200, Map.of("Content-Type", "application/json"), page2.getBytes(
                StandardCharsets.UTF_8)), body(200, Map.of("Content-Type", "application/json"), "[]".getBytes()));

        Map<String, Object> tested = send(HttpMethod.POST, "/api/sources/" + id + "/test", null).getBody();

        assertThat(tested).containsEntry("status", "ok").containsEntry("itemsSeen", 2);
        assertThat((Integer) tested.get("requests")).isLessThanOrEqualTo(2);
        assertThat(posts.findAfterSeq(0, 1000).stream().filter(p -> p.source().equals("mastodon"))
                .filter(p -> "mastodon.paged".equals(p.sourceName()))).isEmpty();
        assertThat(repository.cursor(id, "tag:lionsgaterunway")).isEmpty();
    }

    private static String mastodonStatus(String id) {
        return """
                {"id":"%s","created_at":"2024-09-19T10:15:30.000Z","spoiler_text":"","language":"en",
                 "uri":"https://kino.example/users/kinoman/statuses/%s","url":"https://kino.example/@kinoman/%s",
                 "replies_count":0,"reblogs_count":0,"favourites_count":1,"content":"<p>Runway %s</p>",
                 "reblog":null,"account":{"id":"7","username":"kinoman","acct":"kinoman@kino.example",
                 "display_name":"Kinoman","indexable":true}}""".formatted(id, id, id, id);
    }

    @Test
    void shouldAnswerCollectNowWithTheRunWhenQuickAndWithWhereToPollWhenNot() throws Exception {
        long id = create("Slow", "/feed/");
        CountDownLatch release = new CountDownLatch(1);
        server.then(ex -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            byte[] b = rss("slow", 2);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        });
        try {
            ResponseEntity<Map<String, Object>> accepted = send(HttpMethod.POST, "/api/sources/" + id + "/collect",
                    null);
            assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(accepted.getBody()).containsEntry("status", "running");
            long runId = ((Number) accepted.getBody().get("id")).longValue();
            String location = accepted.getHeaders().getLocation().toString();
            assertThat(location).endsWith("/api/sources/" + id + "/runs/" + runId);
            assertThat(send(HttpMethod.GET, location, null).getBody()).containsEntry("status", "running");
            assertThat(send(HttpMethod.POST, "/api/sources/" + id + "/collect", null).getStatusCode())
                    .isEqualTo(HttpStatus.CONFLICT);
            release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    send(HttpMethod.GET, location, null).getBody()).containsEntry("status", "ok")
                    .containsEntry("itemsNew", 2));
        } finally {
            release.countDown();
        }
        server.then(body(200, Map.of("Content-Type", "application/rss+xml"), rss("slow", 3)));
        ResponseEntity<Map<String, Object>> quick = send(HttpMethod.POST, "/api/sources/" + id + "/collect", null);
        assertThat(quick.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(quick.getBody()).containsEntry("status", "ok").containsEntry("itemsNew", 1);
        long other = create("Other", "/feed/");
        assertThat(send(HttpMethod.GET, "/api/sources/" + other + "/runs/" + quick.getBody().get("id"), null)
                .getStatusCode()).as("a run of another source").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldCountTodaysAndAllItemsAndMeasureTheLag() {
        long id = create("Lagging", "/feed/");
        long quiet = create("Quiet", "/quiet/");
        Instant now = clock.instant();
        DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
        StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Lagging</title><link>https://example.org</link><description>d</description>");
        // published 10, 20 and 90 minutes before now: the median lag is about 20 minutes; two posts two years
        // old, read back by this first run, are no lag (with them the median would be 90 minutes)
        for (int minutes : new int[] {10, 20, 90, 1_051_200, 1_051_260}) {
            feed.append("<item><title>Item ").append(minutes).append("</title><link>https://example.org/")
                    .append(minutes).append("</link><guid>lag-").append(minutes).append("</guid><pubDate>")
                    .append(rfc.format(now.minus(Duration.ofMinutes(minutes)).atZone(ZoneOffset.UTC)))
                    .append("</pubDate></item>");
        }
        server.then(body(200, Map.of("Content-Type", "application/rss+xml"), feed.append("</channel></rss>").toString()
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(send(HttpMethod.POST, "/api/sources/" + id + "/collect", null).getBody())
                .containsEntry("itemsNew", 5);
        // a run of the day before counts in all, not today
        long yesterday = repository.startRun(id, now.minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC)
                .toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600));
        repository.finishRun(yesterday, SourceRun.OK, 7, 5, 1, null, now.minus(Duration.ofDays(1)));

        Map<String, Object> lagging = source(id);
        assertThat(lagging).containsEntry("itemsToday", 5).containsEntry("itemsTotal", 10);
        Duration lag = Duration.parse((String) lagging.get("lag"));
        assertThat(lag).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(22));
        Map<String, Object> none = source(quiet);
        assertThat(none).containsEntry("itemsToday", 0).containsEntry("itemsTotal", 0).containsEntry("lag", null);
        ResponseEntity<List<Map<String, Object>>> all = rest.withBasicAuth("admin", "reelpulse-demo").exchange(
                "/api/sources", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(all.getBody()).filteredOn(s -> "Lagging".equals(s.get("name"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("itemsTotal", 10).containsKey("lag"));
    }

    @Test
    void shouldAddTheCatalogOnceAndDisabled() {
        SourceCatalog.Loaded first = catalog.load("classpath:sources.yml");
        assertThat(first.added()).contains("Variety", "Deadline", "mastodon.social #LionsgateRunway", "r/vfx",
                "Bluesky — Lionsgate Runway", "Hacker News — Lionsgate Runway", "WGA West news");
        assertThat(first.skipped()).as("every shipped entry passes its kind's checks").isEmpty();
        for (String name : first.added()) {
            long id = repository.findIdByName(name).orElseThrow();
            assertThat(source(id)).as(name).containsEntry("enabled", false).containsEntry("status", "paused");
        }
        assertThat(repository.dueIds(clock.instant().plus(Duration.ofDays(8)))).isEmpty();

        SourceCatalog.Loaded second = catalog.load("classpath:sources.yml");
        assertThat(second.added()).as("idempotent").isEmpty();
        assertThat(second.present()).containsAll(first.added());

        // one bad entry, one of a kind this version lacks: the others still go in
        SourceCatalog.Loaded mixed = catalog.load("classpath:collect/catalog-mixed.yml");
        assertThat(mixed.added()).containsExactly("Catalog good");
        assertThat(source(repository.findIdByName("Catalog good").orElseThrow())).as("off whatever the file says")
                .containsEntry("enabled", false);
        assertThat(mixed.skipped()).containsExactly("'Catalog bad url'", "'Catalog future kind'");
        assertThat(mixed.present()).containsExactly("Variety");
    }
}
