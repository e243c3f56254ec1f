package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Bluesky adapter over real HTTP on loopback, with answers in the AT Protocol's JSON and headers. */
class BlueskyCollectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = CollectTesting.clock().instant();

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final BlueskyCollector collector = new BlueskyCollector(properties);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();
    /** The bodies of the POSTs the server got, in order. */
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    // --- answers in the wire format -------------------------------------------------------------------

    static String jwt(Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"at+jwt\",\"alg\":\"ES256K\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"scope\":\"com.atproto.appPass\",\"sub\":\"did:plc:reelpulse\",\"iat\":"
                        + (expires.getEpochSecond() - 7200) + ",\"exp\":" + expires.getEpochSecond() + ",\"aud\":"
                        + "\"did:web:bsky.social\"}").getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    private static Map<String, String> json(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put("RateLimit-Limit", "3000");
        h.put("RateLimit-Remaining", "2999");
        h.put("RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 300));
        h.put("RateLimit-Policy", "3000;w=300");
        h.putAll(more);
        return h;
    }

    /** A createSession or refreshSession answer, its access token expiring at that time. */
    private LoopbackServer.Answer session(String name, Instant expires) {
        String answer = """
                {"did":"did:plc:reelpulse","handle":"reelpulse.bsky.social","email":"ops@reelpulse.example",
                 "emailConfirmed":true,"accessJwt":"%s","refreshJwt":"%s","active":true}
                """.formatted(jwt(expires), "refresh-" + name);
        return recording(body(200, json(Map.of()), answer.getBytes(StandardCharsets.UTF_8)));
    }

    /** Records the request body, then answers. */
    private LoopbackServer.Answer recording(LoopbackServer.Answer answer) {
        return ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer.answer(ex);
        };
    }

    private static LoopbackServer.Answer error(int status, String error, String message) {
        return body(status, json(Map.of()), ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A postView as the AppView writes it, with a few fields that do not matter. */
    static ObjectNode post(String did, String handle, String rkey, String text, String createdAt) {
        ObjectNode p = JSON.createObjectNode();
        p.put("uri", "at://" + did + "/app.bsky.feed.post/" + rkey);
        p.put("cid", "bafyreib2rxk3rh6kzwq" + rkey);
        ObjectNode author = p.putObject("author");
        author.put("did", did);
        author.put("handle", handle);
        author.put("displayName", "Frame Watcher");
        author.put("avatar", "https://cdn.bsky.app/img/avatar/plain/" + did + "/x@jpeg");
        author.putArray("labels");
        author.put("createdAt", "2023-05-01T00:00:00.000Z");
        ObjectNode record = p.putObject("record");
        record.put("$type", "app.bsky.feed.post");
        record.put("createdAt", createdAt);
        record.putArray("langs").add("en");
        record.put("text", text);
        p.putObject("embed").put("$type", "app.bsky.embed.external#view").putObject("external")
                .put("uri", "https://variety.com/").put("title", "Variety");
        p.put("bookmarkCount", 0);
        p.put("replyCount", 2);
        p.put("repostCount", 5);
        p.put("likeCount", 11);
        p.put("quoteCount", 1);
        p.put("indexedAt", createdAt.replace("Z", "").replaceAll("\\.\\d+$", "") + ".512Z");
        p.putObject("viewer").put("bookmarked", false).put("threadMuted", false);
        p.putArray("labels");
        return p;
    }

    static ObjectNode a() {
        return post("did:plc:framewatcher", "framewatcher.bsky.social", "3l4abc2def22x",
                "Lionsgate signs with Runway 🎬", "2024-09-19T10:15:30.000Z");
    }

    static ObjectNode b() {
        ObjectNode b = post("did:plc:kinoman", "kinoman.bsky.social", "3l4abc2aaa11y",
                "Кинокомпания Lionsgate заключила сделку с Runway.", "2024-09-19T09:00:00.000Z");
        ((ArrayNode) b.get("record").get("langs")).removeAll().add("ru");
        return b;
    }

    private LoopbackServer.Answer search(String cursor, ObjectNode... posts) {
        return search(Map.of(), cursor, posts);
    }

    private LoopbackServer.Answer search(Map<String, String> headers, String cursor, ObjectNode... posts) {
        ObjectNode out = JSON.createObjectNode();
        if (cursor != null) {
            out.put("cursor", cursor);
        }
        out.put("hitsTotal", posts.length);
        ArrayNode list = out.putArray("posts");
        for (ObjectNode p : posts) {
            list.add(p);
        }
        return body(200, json(headers), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private LoopbackServer.Answer feed(String cursor, JsonNode... items) {
        ObjectNode out = JSON.createObjectNode();
        if (cursor != null) {
            out.put("cursor", cursor);
        }
        ArrayNode list = out.putArray("feed");
        for (JsonNode i : items) {
            list.add(i);
        }
        return body(200, json(Map.of()), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode item(ObjectNode post) {
        ObjectNode i = JSON.createObjectNode();
        i.set("post", post);
        return i;
    }

    static ObjectNode repost(ObjectNode post, String by, String indexedAt) {
        ObjectNode i = item(post);
        ObjectNode reason = i.putObject("reason");
        reason.put("$type", BlueskyCollector.REPOST);
        reason.putObject("by").put("did", "did:plc:" + by).put("handle", by + ".bsky.social");
        reason.put("uri", "at://did:plc:" + by + "/app.bsky.feed.repost/3l4rep" + by);
        reason.put("indexedAt", indexedAt);
        return i;
    }

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials, List<WatchTerms> watch) {
        ObjectNode s = JSON.valueToTree(settings);
        CollectSource source = new CollectSource(7, BlueskyCollector.KIND, "bluesky.loopback",
                server.uri("/").toString(), s, List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null, null,
                null, null, null, null);
        return new CollectContext(source, credentials, http.session(), cursors, sink, CollectTesting.clock(), watch);
    }

    private static final Map<String, String> LOGIN = Map.of("identifier", "reelpulse.bsky.social", "password",
            "abcd-efgh-ijkl-mnop");

    private CollectContext context(Map<String, Object> settings) {
        return context(settings, LOGIN, List.of());
    }

    private CollectContext context() {
        return context(Map.of("queries", List.of("Lionsgate Runway")));
    }

    private List<String> paths() {
        return server.requests.stream().map(LoopbackServer.Seen::path).toList();
    }

    private NewPost stored(String uri) {
        return sink.posts.stream().filter(p -> p.externalId().equals(uri)).findFirst().orElseThrow();
    }

    private static String query(String path, String name) {
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // --- login and sessions ---------------------------------------------------------------------------

    @Test
    void shouldLogInWithTheAppPasswordAndSearchWithTheAccessToken() throws Exception {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a(), b()));
        CollectContext c = context();

        collector.collect(c);

        assertThat(server.requests).hasSize(2);
        LoopbackServer.Seen login = server.requests.get(0);
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.path()).isEqualTo("/xrpc/com.atproto.server.createSession");
        assertThat(login.headers().getFirst("Content-Type")).isEqualTo("application/json");
        JsonNode credentials = JSON.readTree(posted.get(0));
        assertThat(credentials.path("identifier").asText()).isEqualTo("reelpulse.bsky.social");
        assertThat(credentials.path("password").asText()).isEqualTo("abcd-efgh-ijkl-mnop");
        LoopbackServer.Seen search = server.requests.get(1);
        assertThat(search.method()).isEqualTo("GET");
        assertThat(search.path()).startsWith("/xrpc/app.bsky.feed.searchPosts?");
        assertThat(query(search.path(), "q")).isEqualTo("Lionsgate Runway");
        assertThat(query(search.path(), "sort")).isEqualTo("latest");
        assertThat(query(search.path(), "limit")).isEqualTo("100");
        assertThat(query(search.path(), "since")).as("nothing read before").isNull();
        assertThat(search.headers().getFirst("Authorization")).isEqualTo("Bearer " + jwt(NOW.plus(Duration.ofHours(2))));
        assertThat(c.stored()).isEqualTo(2);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldTurnAPostViewIntoAPostWithItsAtUriAndBskyAppUrl() {
        ObjectNode reply = a();
        ((ObjectNode) reply.get("record")).putObject("reply").putObject("parent")
                .put("uri", "at://did:plc:studio/app.bsky.feed.post/3l3parent").put("cid", "bafyparent");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, reply, b()));

        collector.collect(context());

        NewPost p = stored("at://did:plc:framewatcher/app.bsky.feed.post/3l4abc2def22x");
        assertThat(p.source()).isEqualTo("bluesky");
        assertThat(p.sourceName()).isEqualTo("bluesky.loopback");
        assertThat(p.url()).isEqualTo("https://bsky.app/profile/framewatcher.bsky.social/post/3l4abc2def22x");
        assertThat(p.text()).isEqualTo("Lionsgate signs with Runway 🎬");
        assertThat(p.author().handle()).isEqualTo("framewatcher.bsky.social");
        assertThat(p.author().name()).isEqualTo("Frame Watcher");
        assertThat(p.lang()).isEqualTo("en");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-09-19T10:15:30Z"));
        assertThat(p.metrics()).isEqualTo(new Metrics(11, 5, 2, 1));
        assertThat(p.replyTo()).isEqualTo("at://did:plc:studio/app.bsky.feed.post/3l3parent");
        assertThat(p.repostOf()).isNull();
        NewPost q = stored("at://did:plc:kinoman/app.bsky.feed.post/3l4abc2aaa11y");
        assertThat(q.text()).isEqualTo("Кинокомпания Lionsgate заключила сделку с Runway.");
        assertThat(q.lang()).isEqualTo("ru");
        assertThat(q.replyTo()).isNull();
    }

    @Test
    void shouldUseTheDidInTheUrlWhenTheHandleIsInvalid() {
        ObjectNode p = a();
        ((ObjectNode) p.get("author")).put("handle", "handle.invalid");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, p));

        collector.collect(context());

        assertThat(sink.posts.get(0).url())
                .isEqualTo("https://bsky.app/profile/did:plc:framewatcher/post/3l4abc2def22x");
        assertThat(sink.posts.get(0).author().handle()).isEqualTo("did:plc:framewatcher");
    }

    @Test
    void shouldKeepTheSessionAcrossRunsInsteadOfLoggingInAgain() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a()), search(null, a()));
        collector.collect(context());

        collector.collect(context());

        assertThat(paths()).filteredOn(p -> p.contains("createSession")).hasSize(1);
        assertThat(paths()).filteredOn(p -> p.contains("searchPosts")).hasSize(2);
        assertThat(collector.sessions().has(7)).isTrue();
    }

    @Test
    void shouldRefreshAnExpiredSessionWithTheRefreshTokenOnTheNextRun() {
        // the access token expires a minute after the first run: the second refreshes, never logs in again
        server.then(session("one", NOW.plusSeconds(30)), search(null, a()), session("two", NOW.plus(Duration.ofHours(2))),
                search(null, a()));
        collector.collect(context());

        collector.collect(context());

        assertThat(paths()).containsExactly("/xrpc/com.atproto.server.createSession",
                paths().get(1), "/xrpc/com.atproto.server.refreshSession", paths().get(3));
        LoopbackServer.Seen refresh = server.requests.get(2);
        assertThat(refresh.method()).isEqualTo("POST");
        assertThat(refresh.headers().getFirst("Authorization")).isEqualTo("Bearer refresh-one");
        assertThat(server.requests.get(3).headers().getFirst("Authorization"))
                .isEqualTo("Bearer " + jwt(NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void shouldLogInAgainWhenTheRefreshTokenIsRefusedToo() {
        server.then(session("one", NOW.minusSeconds(60)), search(null, a()),
                error(400, "ExpiredToken", "Token has been revoked"), session("two", NOW.plus(Duration.ofHours(2))),
                search(null, a()));
        collector.collect(context());

        collector.collect(context());

        assertThat(paths().subList(2, 5)).containsExactly("/xrpc/com.atproto.server.refreshSession",
                "/xrpc/com.atproto.server.createSession", paths().get(4));
        assertThat(paths().get(4)).contains("searchPosts");
    }

    @Test
    void shouldRenewTheSessionOnceWhenTheServerSaysTheTokenExpired() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), error(400, "ExpiredToken", "Token has expired"),
                session("two", NOW.plus(Duration.ofHours(4))), search(null, a()));
        CollectContext c = context();

        collector.collect(c);

        assertThat(paths()).hasSize(4);
        assertThat(paths().get(2)).isEqualTo("/xrpc/com.atproto.server.refreshSession");
        assertThat(server.requests.get(3).path()).isEqualTo(server.requests.get(1).path());
        assertThat(server.requests.get(3).headers().getFirst("Authorization"))
                .isEqualTo("Bearer " + jwt(NOW.plus(Duration.ofHours(4))));
        assertThat(c.stored()).isEqualTo(1);
    }

    @Test
    void shouldNeedCredentialsWhenTheLoginIsRefusedWithoutEchoingThePassword() {
        server.then(error(401, "AuthenticationRequired", "Invalid identifier or password"));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("reelpulse.bsky.social").hasMessageContaining("app password")
                .hasMessageNotContaining("abcd-efgh-ijkl-mnop");
        assertThat(server.requests).hasSize(1);
        assertThat(collector.sessions().has(7)).isFalse();
    }

    @Test
    void shouldNeedCredentialsBeforeAskingAnythingWhenNoneAreGiven() {
        assertThatThrownBy(() -> collector.collect(context(Map.of("queries", List.of("Lionsgate")), Map.of(), List.of())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("{\"identifier\"").hasMessageContaining("app password");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldNeedCredentialsWhenTheSessionIsRefusedEvenAfterLoggingInAgain() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), error(401, "AuthenticationRequired", "Bad token"),
                error(401, "InvalidToken", "Bad token"), session("two", NOW.plus(Duration.ofHours(2))),
                error(401, "AuthenticationRequired", "Bad token"));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageNotContaining("abcd-efgh-ijkl-mnop").hasMessageNotContaining("refresh-");
        assertThat(collector.sessions().has(7)).isFalse();
    }

    @Test
    void shouldGetThroughA429OnTheLoginWithRetryAfter() {
        server.then(recording(LoopbackServer.status(429, json(Map.of("Retry-After", "3")))),
                session("one", NOW.plus(Duration.ofHours(2))),
                search(null, a()));

        collector.collect(context());

        assertThat(paths().subList(0, 2)).containsOnly("/xrpc/com.atproto.server.createSession");
        assertThat(posted).hasSize(2).allSatisfy(b -> assertThat(b).contains("\"password\""));
        assertThat(sleeper.waits).contains(Duration.ofSeconds(3));
        assertThat(sink.posts).hasSize(1);
    }

    // --- search paging and cursors --------------------------------------------------------------------

    @Test
    void shouldPageByCursorAndReadNoMoreThanMaxPagesOnTheFirstRun() {
        ObjectNode c1 = post("did:plc:c", "c.bsky.social", "3l4c", "third", "2024-09-19T08:00:00.000Z");
        ObjectNode d1 = post("did:plc:d", "d.bsky.social", "3l4d", "fourth", "2024-09-19T07:00:00.000Z");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search("100", a()), search("200", b()),
                search("300", c1), search("400", d1));
        CollectContext c = context();

        collector.collect(c);

        List<String> searches = paths().subList(1, paths().size());
        assertThat(searches).hasSize(properties.maxPages());
        assertThat(query(searches.get(0), "cursor")).isNull();
        assertThat(query(searches.get(1), "cursor")).isEqualTo("100");
        assertThat(query(searches.get(2), "cursor")).isEqualTo("200");
        assertThat(sink.posts).hasSize(3);
        assertThat(cursors.values).containsEntry("search:lionsgate runway", "2024-09-19T10:15:30Z");
    }

    @Test
    void shouldAskOnlySinceTheNewestPostOnTheNextRunAndStoreNoDuplicate() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a(), b()));
        collector.collect(context());
        ObjectNode newer = post("did:plc:n", "n.bsky.social", "3l4new", "Update on the deal", "2024-09-20T08:00:00.000Z");
        // since is inclusive: the boundary post comes again and the dedupe absorbs it
        server.then(search(null, newer, a()));
        CollectContext second = context();

        collector.collect(second);

        String asked = paths().get(paths().size() - 1);
        assertThat(query(asked, "since")).isEqualTo("2024-09-19T10:15:30Z");
        assertThat(query(asked, "until")).isNull();
        assertThat(second.stored()).isEqualTo(1);
        assertThat(sink.posts).hasSize(3);
        assertThat(cursors.values).containsEntry("search:lionsgate runway", "2024-09-20T08:00:00Z");
    }

    @Test
    void shouldUseTheEarlierOfCreatedAtAndIndexedAtAsTheSearchPosition() {
        // a post dated ahead by its client: the AppView sorts it when it was indexed
        ObjectNode ahead = post("did:plc:f", "f.bsky.social", "3l4fut", "from the future", "2024-12-31T00:00:00.000Z");
        ahead.put("indexedAt", "2024-09-20T09:00:00.000Z");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, ahead, a()));

        collector.collect(context());

        assertThat(cursors.values).containsEntry("search:lionsgate runway", "2024-09-20T09:00:00Z");
        assertThat(stored("at://did:plc:f/app.bsky.feed.post/3l4fut").publishedAt())
                .as("more than a day ahead: when it was collected").isEqualTo(NOW);
    }

    @Test
    void shouldKeepTheWindowLeftUnreadWhenALaterRunIsCutShortAndReadItBeforeMovingOn() {
        cursors.values.put("search:lionsgate runway", "2024-09-18T00:00:00Z");
        ObjectNode p1 = post("did:plc:p", "p.bsky.social", "3l4p1", "one", "2024-09-21T10:00:00.000Z");
        ObjectNode p2 = post("did:plc:p", "p.bsky.social", "3l4p2", "two", "2024-09-21T09:00:00.000Z");
        ObjectNode p3 = post("did:plc:p", "p.bsky.social", "3l4p3", "three", "2024-09-21T08:00:00.000Z");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search("25", p1), search("50", p2), search("75", p3));

        collector.collect(context());

        assertThat(cursors.values).containsEntry("search:lionsgate runway",
                "2024-09-18T00:00:00Z 2024-09-21T08:00:00.001Z 2024-09-21T10:00:00Z");

        ObjectNode p4 = post("did:plc:p", "p.bsky.social", "3l4p4", "four", "2024-09-19T12:00:00.000Z");
        server.then(search(null, p4));
        collector.collect(context());

        String gap = paths().get(paths().size() - 1);
        assertThat(query(gap, "since")).isEqualTo("2024-09-18T00:00:00Z");
        assertThat(query(gap, "until")).isEqualTo("2024-09-21T08:00:00.001Z");
        assertThat(cursors.values).as("window read: on to the present")
                .containsEntry("search:lionsgate runway", "2024-09-21T10:00:00Z");

        server.then(search(null));
        collector.collect(context());
        String present = paths().get(paths().size() - 1);
        assertThat(query(present, "since")).isEqualTo("2024-09-21T10:00:00Z");
        assertThat(query(present, "until")).isNull();
        assertThat(sink.posts).hasSize(4);
    }

    @Test
    void shouldSearchEachWatchedPhraseAndHashtagWithItsLanguageWhenNoQueryIsSet() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a()));
        List<WatchTerms> watch = List.of(
                new WatchTerms("lionsgate-runway", "fr", List.of("Lionsgate Runway", "Runway"), List.of("LionsgateRunway"),
                        List.of("lionsgate")),
                new WatchTerms("lionsgate-runway", null, List.of("\"video model\""), List.of(), List.of()));

        collector.collect(context(Map.of(), LOGIN, watch));

        List<String> searches = paths().subList(1, paths().size());
        assertThat(searches).extracting(p -> query(p, "q")).containsExactly("\"Lionsgate Runway\"", "Runway",
                "#LionsgateRunway", "\"video model\"");
        assertThat(searches).extracting(p -> query(p, "lang")).containsExactly("fr", "fr", "fr", null);
        assertThat(cursors.values).containsKeys("search:\"lionsgate runway\" lang:fr", "search:#lionsgaterunway lang:fr");
    }

    @Test
    void shouldPreferTheSourcesQueriesAndPassItsLanguage() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a()));
        List<WatchTerms> watch = List.of(new WatchTerms("e", "en", List.of("ignored"), List.of(), List.of()));

        collector.collect(context(Map.of("queries", List.of("Lionsgate AI"), "lang", "de"), LOGIN, watch));

        assertThat(paths()).hasSize(2);
        assertThat(query(paths().get(1), "q")).isEqualTo("Lionsgate AI");
        assertThat(query(paths().get(1), "lang")).isEqualTo("de");
    }

    @Test
    void shouldKeyALongQuerysCursorByItsDigestWithinTheColumnsLength() {
        String longQuery = "Lionsgate Runway video model library ".repeat(8);

        assertThat(BlueskyCollector.key("search:", longQuery)).startsWith("search:sha256:").hasSizeLessThanOrEqualTo(200)
                .isNotEqualTo(BlueskyCollector.key("search:", longQuery + "x"));
        assertThat(BlueskyCollector.key("search:", "Lionsgate")).isEqualTo("search:lionsgate");
    }

    @Test
    void shouldWarnWhenThereIsNothingToLookFor() {
        CollectContext c = context(Map.of(), LOGIN, List.of());

        collector.collect(c);

        assertThat(server.requests).as("no login for nothing").isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("settings.queries").contains("tracked event");
    }

    @Test
    void shouldWarnAboutAQueryBlueskyCannotParseAndStillReadTheOthers() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), error(400, "BadQueryString", "could not parse query"),
                search(null, a()));
        CollectContext c = context(Map.of("queries", List.of("Lionsgate AND (", "Lionsgate Runway")));

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("BadQueryString").contains("Lionsgate AND (");
        assertThat(cursors.values).containsOnlyKeys("search:lionsgate runway");
    }

    @Test
    void shouldFailNamingTheHostWhenSearchIsForbidden() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))),
                error(403, "Forbidden", "Request forbidden by administrative rules"));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("127.0.0.1").hasMessageContaining("administrative rules");
    }

    @Test
    void shouldWaitForTheEpochResetWhenTheRateLimitIsSpent() {
        Map<String, String> spent = Map.of("RateLimit-Remaining", "0", "RateLimit-Reset",
                String.valueOf(NOW.getEpochSecond() + 30));
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(spent, "25", a()), search(null, b()));

        collector.collect(context());

        assertThat(sink.posts).hasSize(2);
        assertThat(sleeper.waits).as("recorded, never slept").containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void shouldLeaveTheRunDegradedAndStoreNothingOnMalformedJson() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))),
                body(200, json(Map.of()), "{\"posts\":[{\"uri\":\"at://x".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("JSON");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).isEmpty();
    }

    // --- reposts, facets, opt-outs --------------------------------------------------------------------

    @Test
    void shouldCollapseRepostsIntoTheOriginalPost() {
        ObjectNode original = b().put("likeCount", 42);
        server.then(session("one", NOW.plus(Duration.ofHours(2))),
                feed(null, repost(original, "fan", "2024-09-19T11:00:00.000Z"), item(original),
                        repost(original.deepCopy(), "other", "2024-09-19T10:30:00.000Z")));
        CollectContext c = context(Map.of("accounts", List.of("kinoman.bsky.social")));

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        NewPost p = sink.posts.get(0);
        assertThat(p.externalId()).isEqualTo("at://did:plc:kinoman/app.bsky.feed.post/3l4abc2aaa11y");
        assertThat(p.author().handle()).isEqualTo("kinoman.bsky.social");
        assertThat(p.metrics().likes()).isEqualTo(42);
        assertThat(p.repostOf()).isNull();
        assertThat(c.stored()).isEqualTo(1);
    }

    @Test
    void shouldSliceFacetsByUtf8BytesAfterEmojiAndCyrillic() {
        String text = "🎬 Кино: variety.com/2024/09/lio... #LionsgateRunway @sagaftra.org ✊";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int link = byteOffset(text, "variety.com");
        int tag = byteOffset(text, "#LionsgateRunway");
        int mention = byteOffset(text, "@sagaftra.org");
        assertThat(link).as("bytes, not chars").isGreaterThan(text.indexOf("variety.com"));
        ObjectNode p = post("did:plc:kinoman", "kinoman.bsky.social", "3l4fac", text, "2024-09-19T12:00:00.000Z");
        ArrayNode facets = ((ObjectNode) p.get("record")).putArray("facets");
        facet(facets, link, link + "variety.com/2024/09/lio...".getBytes(StandardCharsets.UTF_8).length)
                .put("$type", BlueskyFacets.LINK)
                .put("uri", "https://variety.com/2024/09/lionsgate-runway-ai-deal-1236151234/");
        facet(facets, tag, tag + "#LionsgateRunway".length()).put("$type", BlueskyFacets.TAG).put("tag", "LionsgateRunway");
        facet(facets, mention, mention + "@sagaftra.org".length()).put("$type", BlueskyFacets.MENTION)
                .put("did", "did:plc:sagaftra");
        // a facet past the end of the text, and one that would cut a character in two, are left out
        facet(facets, bytes.length - 2, bytes.length + 5).put("$type", BlueskyFacets.TAG).put("tag", "broken");
        facet(facets, 1, 3).put("$type", BlueskyFacets.TAG).put("tag", "halfemoji");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, p));

        collector.collect(context());

        assertThat(sink.posts.get(0).text()).isEqualTo("🎬 Кино: https://variety.com/2024/09/lionsgate-runway-ai-deal-1236151234/"
                + " #LionsgateRunway @sagaftra.org ✊");
        List<BlueskyFacets.Facet> read = BlueskyFacets.of(text, p.get("record").get("facets"));
        assertThat(read).extracting(BlueskyFacets.Facet::covered).containsExactly("variety.com/2024/09/lio...",
                "#LionsgateRunway", "@sagaftra.org");
        assertThat(read).extracting(BlueskyFacets.Facet::value).containsExactly(
                "https://variety.com/2024/09/lionsgate-runway-ai-deal-1236151234/", "LionsgateRunway", "did:plc:sagaftra");
    }

    private static int byteOffset(String text, String part) {
        return text.substring(0, text.indexOf(part)).getBytes(StandardCharsets.UTF_8).length;
    }

    private static ObjectNode facet(ArrayNode facets, int start, int end) {
        ObjectNode f = facets.addObject();
        f.put("$type", "app.bsky.richtext.facet");
        f.putObject("index").put("byteStart", start).put("byteEnd", end);
        return f.putArray("features").addObject();
    }

    @Test
    void shouldNotPutInALinkThatIsNotHttp() {
        String text = "see javascript:alert(1) now";
        ArrayNode facets = JsonNodeFactory.instance.arrayNode();
        facet(facets, 4, 23).put("$type", BlueskyFacets.LINK).put("uri", "javascript:alert(2)");

        assertThat(BlueskyFacets.withFullLinks(text, BlueskyFacets.of(text, facets))).isEqualTo(text);
    }

    @Test
    void shouldSkipAuthorsWithTheNoUnauthenticatedSelfLabel() {
        ObjectNode hidden = post("did:plc:q", "q.bsky.social", "3l4hid", "hidden", "2024-09-19T10:00:00.000Z");
        ((ArrayNode) hidden.get("author").get("labels")).addObject().put("src", "did:plc:q")
                .put("uri", "at://did:plc:q/app.bsky.actor.profile/self").put("cid", "bafyprofile")
                .put("val", "!no-unauthenticated").put("cts", "2024-01-01T00:00:00.000Z");
        ObjectNode negated = post("did:plc:r", "r.bsky.social", "3l4neg", "shown again", "2024-09-19T09:00:00.000Z");
        ((ArrayNode) negated.get("author").get("labels")).addObject().put("src", "did:plc:r")
                .put("val", "!no-unauthenticated").put("neg", true);
        ObjectNode hiddenOriginal = hidden.deepCopy().put("uri", "at://did:plc:q/app.bsky.feed.post/3l4hid2");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a(), hidden, negated),
                feed(null, repost(hiddenOriginal, "fan", "2024-09-19T11:00:00.000Z")));
        CollectContext c = context(Map.of("queries", List.of("Lionsgate"), "accounts", List.of("fan.bsky.social")));

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::text).containsExactly("Lionsgate signs with Runway 🎬", "shown again");
        assertThat(c.skipped()).isEqualTo(2);
        assertThat(c.seen()).isEqualTo(4);
        assertThat(c.warnings()).isEmpty();
    }

    // --- watched accounts -----------------------------------------------------------------------------

    @Test
    void shouldReadAWatchedAccountsFeedAndStopAtTheNewestPostOfTheRunBefore() {
        ObjectNode pinned = post("did:plc:s", "sagaftra.org", "3l1pin", "Pinned: our AI principles", "2023-01-01T00:00:00.000Z");
        ObjectNode pin = item(pinned);
        pin.putObject("reason").put("$type", BlueskyCollector.PIN);
        ObjectNode s1 = post("did:plc:s", "sagaftra.org", "3l4s1", "Statement on Lionsgate", "2024-09-19T12:00:00.000Z");
        server.then(session("one", NOW.plus(Duration.ofHours(2))), feed(null, pin, item(s1)));
        CollectContext first = context(Map.of("accounts", List.of("sagaftra.org")));

        collector.collect(first);

        String asked = paths().get(1);
        assertThat(asked).startsWith("/xrpc/app.bsky.feed.getAuthorFeed?");
        assertThat(query(asked, "actor")).isEqualTo("sagaftra.org");
        assertThat(query(asked, "limit")).isEqualTo("100");
        assertThat(sink.posts).hasSize(2);
        assertThat(cursors.values).as("the pinned post says nothing of where the feed is")
                .containsEntry("account:sagaftra.org", "2024-09-19T12:00:00Z");

        ObjectNode s2 = post("did:plc:s", "sagaftra.org", "3l4s2", "Update", "2024-09-20T12:00:00.000Z");
        ObjectNode old = post("did:plc:s", "sagaftra.org", "3l3old", "Older", "2024-09-10T12:00:00.000Z");
        server.then(feed("more", pin, item(s2), repost(a(), "sagaftra", "2024-09-20T10:00:00.000Z"), item(s1), item(old)));
        CollectContext second = context(Map.of("accounts", List.of("sagaftra.org")));

        collector.collect(second);

        assertThat(paths()).as("stopped at the newest post of the run before: no second page").hasSize(3);
        assertThat(second.stored()).isEqualTo(2);
        assertThat(sink.posts).extracting(NewPost::text).doesNotContain("Older");
        assertThat(cursors.values).containsEntry("account:sagaftra.org", "2024-09-20T12:00:00Z");
        assertThat(second.warnings()).isEmpty();
    }

    @Test
    void shouldWarnAboutAnUnknownAccountAndStillSearch() {
        server.then(session("one", NOW.plus(Duration.ofHours(2))), search(null, a()),
                error(400, "InvalidRequest", "Profile not found"));
        CollectContext c = context(Map.of("queries", List.of("Lionsgate"), "accounts", List.of("nobody.bsky.social")));

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("@nobody.bsky.social")
                .contains("Profile not found").contains("settings.accounts");
    }

    // --- settings -------------------------------------------------------------------------------------

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("queries").add(" Lionsgate Runway ").add("lionsgate runway").add("#LionsgateRunway");
        ok.putArray("accounts").add("@SAGAFTRA.org").add("did:plc:z72i7hdynmk6r22z27h6tvur").add("sagaftra.org");
        ok.put("lang", "EN");
        JsonNode checked = collector.checkSettings(null, ok, strict);
        assertThat(checked.toString()).isEqualTo("{\"queries\":[\"Lionsgate Runway\",\"#LionsgateRunway\"],"
                + "\"accounts\":[\"sagaftra.org\",\"did:plc:z72i7hdynmk6r22z27h6tvur\"],\"lang\":\"en\"}");
        assertThat(collector.checkSettings(null, JsonNodeFactory.instance.objectNode(), strict).toString())
                .as("no query: the tracked events' terms are searched").isEqualTo("{\"queries\":[],\"accounts\":[]}");

        ObjectNode notList = JsonNodeFactory.instance.objectNode();
        notList.put("queries", "Lionsgate");
        assertField(notList, "settings.queries");
        ObjectNode blank = JsonNodeFactory.instance.objectNode();
        blank.putArray("queries").add(" ");
        assertField(blank, "settings.queries");
        ObjectNode url = JsonNodeFactory.instance.objectNode();
        url.putArray("accounts").add("https://bsky.app/profile/sagaftra.org");
        assertField(url, "settings.accounts");
        ObjectNode lang = JsonNodeFactory.instance.objectNode();
        lang.put("lang", "English");
        assertField(lang, "settings.lang");
        ObjectNode unknown = JsonNodeFactory.instance.objectNode();
        unknown.put("hashtags", "x");
        assertField(unknown, "settings.hashtags");
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings(null, settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }

    @Test
    void shouldReadTheExpiryOfAJwtAndNothingFromAnythingElse() {
        assertThat(BlueskySessions.expiry(jwt(Instant.parse("2024-09-25T14:00:00Z"))))
                .contains(Instant.parse("2024-09-25T14:00:00Z"));
        assertThat(BlueskySessions.expiry("not-a-jwt")).isEmpty();
        assertThat(BlueskySessions.expiry("a.%%%.c")).isEmpty();
    }
}
