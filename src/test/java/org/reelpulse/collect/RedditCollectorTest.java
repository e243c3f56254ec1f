package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** The Reddit adapter over real HTTP on loopback, with answers in Reddit's OAuth API JSON and headers. */
class RedditCollectorTest {

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final RedditCollector collector = new RedditCollector(properties);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();
    /** Every post offered to the store, in order, the ones the store already had included. */
    private final List<NewPost> offered = new CopyOnWriteArrayList<>();
    private final CollectContext.PostSink offering = new CollectContext.PostSink() {
        @Override
        public org.reelpulse.post.InsertOutcome insertNew(List<NewPost> posts) {
            offered.addAll(posts);
            return sink.insertNew(posts);
        }

        @Override
        public boolean tombstone(String source, String externalId) {
            return sink.tombstone(source, externalId);
        }
    };
    /** The bodies of the token requests, as the server read them. */
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    /** A submission as Reddit's Listing children carry it, trimmed to the fields that matter plus a few that do not. */
    static String post(String id, String title, String selftext, String author, String extra) {
        return """
                {"kind":"t3","data":{"approved_at_utc":null,"subreddit":"movies","selftext":"%s",
                 "author_fullname":"t2_9xk1m","saved":false,"gilded":0,"title":"%s","subreddit_name_prefixed":"r/movies",
                 "name":"t3_%s","upvote_ratio":0.94,"ups":1234,"score":1234,"domain":"variety.com","is_self":false,
                 "removed_by_category":null,"over_18":false,"id":"%s","author":"%s","num_comments":321,
                 "num_crossposts":2,"permalink":"/r/movies/comments/%s/lionsgate_runway/","stickied":false,
                 "url":"https://variety.com/2024/film/news/lionsgate-runway-ai-deal-1236148969/",
                 "created_utc":1726675200.0,"media":null,"is_video":false%s}}
                """.formatted(selftext, title, id, id, author, id, extra);
    }

    static String post(String id, String title, String selftext) {
        return post(id, title, selftext, "filmfan_88", "");
    }

    static String comment(String id, String body, String author) {
        return """
                {"kind":"t1","data":{"subreddit_id":"t5_2qh3s","link_title":"Lionsgate signs deal with Runway",
                 "author":"%s","author_fullname":"t2_4b7q","body":"%s","body_html":"&lt;div class=\\"md\\"&gt;&lt;/div&gt;",
                 "name":"t1_%s","id":"%s","parent_id":"t3_1fk2b1c","link_id":"t3_1fk2b1c","score":87,
                 "created_utc":1726680000.0,"subreddit":"movies","over_18":false,
                 "permalink":"/r/movies/comments/1fk2b1c/lionsgate_runway/%s/",
                 "link_permalink":"https://www.reddit.com/r/movies/comments/1fk2b1c/lionsgate_runway/"}}
                """.formatted(author, body, id, id, id);
    }

    static String listing(String after, String... children) {
        return """
                {"kind":"Listing","data":{"after":%s,"dist":%d,"modhash":"","geo_filter":"","children":[%s],"before":null}}
                """.formatted(after == null ? "null" : "\"" + after + "\"", children.length, String.join(",", children));
    }

    private static Map<String, String> json(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=UTF-8");
        h.put("x-ratelimit-used", "2");
        h.put("x-ratelimit-remaining", "598.0");
        h.put("x-ratelimit-reset", "412");
        h.putAll(more);
        return h;
    }

    private static LoopbackServer.Answer page(String after, String... children) {
        return body(200, json(Map.of()), listing(after, children).getBytes(StandardCharsets.UTF_8));
    }

    private LoopbackServer.Answer token(String value, int expiresIn) {
        return ex -> {
            tokenForms.add(form(ex));
            byte[] b = ("{\"access_token\": \"" + value + "\", \"token_type\": \"bearer\", \"expires_in\": " + expiresIn
                    + ", \"scope\": \"*\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        };
    }

    private static String form(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials, Clock clock,
            List<WatchTerms> watch) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.putIfAbsent("authUrl", server.uri("/api/v1/access_token").toString());
        JsonNode checked = collector.checkSettings(null, new ObjectMapper().valueToTree(s), new SsrfGuard(true));
        CollectSource source = new CollectSource(1, RedditCollector.KIND, "Reddit film", server.uri("/").toString(),
                checked, List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null, null, null, null, null, null);
        return new CollectContext(source, credentials, http.session(), cursors, offering, clock, watch);
    }

    private CollectContext context(Map<String, Object> settings) {
        return context(settings, credentials(), CollectTesting.clock(), List.of());
    }

    private CollectContext movies() {
        return context(Map.of("subreddits", List.of("r/movies")));
    }

    private static Map<String, String> credentials() {
        return Map.of("clientId", "p-jcoLKBynTLew", "clientSecret", "gko_LXELoV07ZBNUXrvWZfzE3aI");
    }

    private List<String> paths() {
        return server.requests.stream().map(LoopbackServer.Seen::path).toList();
    }

    private NewPost stored(String name) {
        return sink.posts.stream().filter(p -> p.externalId().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldAskForAnAppOnlyTokenAndReadTheNewListingPageByPage() {
        server.then(token("eyJhbGciOiJSUzI1NiIs.app-only", 86400),
                page("t3_1fk2b1b", post("1fk2b1c", "Lionsgate signs deal with Runway", "")),
                page("t3_1fk2b1a", post("1fk2b1b", "Runway and Lionsgate: what it means", "")),
                page(null));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(paths()).containsExactly("/api/v1/access_token",
                "/r/movies/new?limit=100&raw_json=1",
                "/r/movies/new?limit=100&raw_json=1&after=t3_1fk2b1b",
                "/r/movies/new?limit=100&raw_json=1&after=t3_1fk2b1a");
        LoopbackServer.Seen tokenRequest = server.requests.get(0);
        assertThat(tokenRequest.method()).isEqualTo("POST");
        assertThat(tokenRequest.headers().getFirst("Authorization")).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString("p-jcoLKBynTLew:gko_LXELoV07ZBNUXrvWZfzE3aI".getBytes()));
        assertThat(tokenRequest.headers().getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(tokenForms).containsExactly("grant_type=client_credentials");
        LoopbackServer.Seen api = server.requests.get(1);
        assertThat(api.method()).isEqualTo("GET");
        assertThat(api.headers().getFirst("Authorization")).isEqualTo("Bearer eyJhbGciOiJSUzI1NiIs.app-only");
        assertThat(api.headers().get("User-Agent")).as("one User-Agent, Reddit's format").containsExactly(
                "server:org.reelpulse:dev (+https://reelpulse.example/about)");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("t3_1fk2b1c", "t3_1fk2b1b");
        assertThat(cursors.values).containsEntry("new:movies", "t3_1fk2b1c");
        assertThat(c.stored()).isEqualTo(2);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldNameTheAccountInTheUserAgentWhenGiven() {
        server.then(token("t", 3600), page(null));

        collector.collect(context(Map.of("subreddits", List.of("movies"), "username", "/u/reelpulse_bot")));

        assertThat(server.requests).allSatisfy(r -> assertThat(r.headers().get("User-Agent"))
                .containsExactly("server:org.reelpulse:dev (by /u/reelpulse_bot)"));
    }

    @Test
    void shouldMapPostsAndCommentsWithEntitiesEmojiAndOtherScripts() {
        String self = post("1fk2b1c", "Lionsgate &amp; Runway sign an AI deal 🎬",
                "First line\\n\\nЛайонсгейт и Runway: сделка. 映画スタジオのAI契約 &lt;3");
        server.then(token("t", 3600), page(null, self),
                page(null, comment("lnv8x2k", "Unions won&#39;t like this 😬\\n\\n> quoted", "crew_member")));
        CollectContext c = context(Map.of("subreddits", List.of("movies"), "listings", List.of("new", "comments")));

        collector.collect(c);

        NewPost p = stored("t3_1fk2b1c");
        assertThat(p.text()).isEqualTo("Lionsgate & Runway sign an AI deal 🎬\n\nFirst line\n\n"
                + "Лайонсгейт и Runway: сделка. 映画スタジオのAI契約 <3");
        assertThat(p.source()).isEqualTo("reddit");
        assertThat(p.sourceName()).isEqualTo("Reddit film");
        assertThat(p.url()).isEqualTo("https://www.reddit.com/r/movies/comments/1fk2b1c/lionsgate_runway/");
        assertThat(p.author()).isEqualTo(new Author("filmfan_88", "filmfan_88", null));
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-09-18T16:00:00Z"));
        assertThat(p.metrics()).isEqualTo(new Metrics(1234, 2, 321, null));
        assertThat(p.replyTo()).isNull();
        NewPost k = stored("t1_lnv8x2k");
        assertThat(k.text()).isEqualTo("Unions won't like this 😬\n\n> quoted");
        assertThat(k.url()).isEqualTo("https://www.reddit.com/r/movies/comments/1fk2b1c/lionsgate_runway/lnv8x2k/");
        assertThat(k.replyTo()).isEqualTo("t3_1fk2b1c");
        assertThat(k.metrics()).isEqualTo(new Metrics(87, null, null, null));
        assertThat(paths()).contains("/r/movies/comments?limit=100&raw_json=1");
        assertThat(cursors.values).containsEntry("comments:movies", "t1_lnv8x2k");
    }

    @Test
    void shouldTombstoneDeletedAndRemovedItemsAndSkipNsfw() {
        sink.insertNew(List.of(new NewPost("reddit", "t3_1fk2b1a", "https://www.reddit.com/r/movies/comments/1fk2b1a/x/",
                new Author("someone", "someone", null), "Stored before", null, Instant.parse("2024-09-18T10:00:00Z"),
                Metrics.UNKNOWN, null, null, "Reddit film")));
        server.then(token("t", 3600), page(null,
                post("1fk2b1d", "Runway deal thread", "", "filmfan_88", ""),
                post("1fk2b1c", "Gone", "[deleted]", "[deleted]", ""),
                post("1fk2b1b", "Removed by mods", "[removed]", "[deleted]", ""),
                post("1fk2b1a", "Stored before", "", "someone", "").replace("\"removed_by_category\":null",
                        "\"removed_by_category\":\"moderator\""),
                post("1fk2b19", "NSFW", "", "x", "").replace("\"over_18\":false", "\"over_18\":true")),
                page(null, comment("lnv8x2k", "[deleted]", "[deleted]"), comment("lnv8x2j", "[removed]", "[deleted]")));
        CollectContext c = context(Map.of("subreddits", List.of("movies"), "listings", List.of("new", "comments")));

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("t3_1fk2b1a", "t3_1fk2b1d");
        assertThat(sink.tombstones).containsExactly("reddit|t3_1fk2b1a");
        assertThat(stored("t3_1fk2b1a").text()).isEmpty();
        assertThat(sink.posts).extracting(NewPost::text).noneMatch(t -> t.contains("[deleted]") || t.contains("[removed]"));
        assertThat(c.deleted()).isEqualTo(1);
        assertThat(c.skipped()).as("the NSFW post").isEqualTo(1);
    }

    @Test
    void shouldStoreTheOriginalOfCrosspostsOnce() {
        String original = post("1fj0aaa", "Original: Lionsgate x Runway", "Details inside", "studio_watch", "")
                .replaceFirst("^\\s*\\{\"kind\":\"t3\",\"data\":", "").replaceFirst("}\\s*$", "")
                .replace("\"score\":1234", "\"score\":5000");
        String crosspost1 = post("1fk2b1c", "xpost from r/Filmmakers", "", "fan_a",
                ",\"crosspost_parent\":\"t3_1fj0aaa\",\"crosspost_parent_list\":[" + original + "]");
        String crosspost2 = post("1fk2b1b", "also here", "", "fan_b",
                ",\"crosspost_parent\":\"t3_1fj0aaa\",\"crosspost_parent_list\":[" + original + "]");
        String withoutOriginal = post("1fk2b1a", "orphan xpost", "", "fan_c", ",\"crosspost_parent\":\"t3_1fi0zzz\"");
        server.then(token("t", 3600), page(null, crosspost1, crosspost2, withoutOriginal));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        NewPost p = sink.posts.get(0);
        assertThat(p.externalId()).isEqualTo("t3_1fj0aaa");
        assertThat(p.author().handle()).isEqualTo("studio_watch");
        assertThat(p.text()).isEqualTo("Original: Lionsgate x Runway\n\nDetails inside");
        assertThat(p.metrics().likes()).isEqualTo(5000);
        assertThat(c.skipped()).isEqualTo(1);
        assertThat(cursors.values).as("the listing's own position").containsEntry("new:movies", "t3_1fk2b1c");
    }

    @Test
    void shouldAskOnlyForNewerItemsWithBeforeAndMoveTheCursorAfterEachPage() {
        cursors.put("new:movies", "t3_1fk2b1c");
        server.then(token("t", 3600), page(null, post("1fk2b1f", "Newest", ""), post("1fk2b1e", "Newer", "")),
                page(null, post("1fk2b1g", "Even newer", "")), page(null));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(paths()).containsExactly("/api/v1/access_token",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1c",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1f",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1g");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("t3_1fk2b1f", "t3_1fk2b1e", "t3_1fk2b1g");
        assertThat(cursors.values).containsEntry("new:movies", "t3_1fk2b1g");
    }

    @Test
    void shouldReadFromTheTopAndStopAtTheFirstSeenItemWhenTheCursorItemIsGone() {
        cursors.put("new:movies", "t3_1fk2b1c"); // since deleted: before=t3_1fk2b1c answers nothing
        server.then(token("t", 3600), page(null),
                page("t3_1fk2b1a", post("1fk2b1e", "New since", ""), post("1fk2b1d", "Also new", ""),
                        post("1fk2b1b", "Seen last run", "")));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(paths()).containsExactly("/api/v1/access_token",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1c", "/r/movies/new?limit=100&raw_json=1");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("t3_1fk2b1e", "t3_1fk2b1d");
        assertThat(cursors.values).containsEntry("new:movies", "t3_1fk2b1e");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldWarnWhenMoreThanMaxPagesAreNewAfterTheCursorItemIsGone() {
        cursors.put("new:movies", "t3_1fk2b10");
        server.then(token("t", 3600), page(null), page("t3_1fk2b1e", post("1fk2b1f", "A", "")),
                page("t3_1fk2b1d", post("1fk2b1e", "B", "")), page("t3_1fk2b1c", post("1fk2b1d", "C", "")));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(server.requests).hasSize(1 + 1 + properties.maxPages());
        assertThat(sink.posts).hasSize(3);
        assertThat(c.warnings()).singleElement().asString().contains("may be missed");
        assertThat(cursors.values).containsEntry("new:movies", "t3_1fk2b1f");
    }

    @Test
    void shouldResumeFromTheStoredCursorAfterARunStoppedMidwayWithoutDuplicates() {
        cursors.put("new:movies", "t3_1fk2b1c");
        server.then(token("t", 3600), page(null, post("1fk2b1e", "First page", ""), post("1fk2b1d", "First too", "")),
                LoopbackServer.status(502, Map.of()));
        assertThatThrownBy(() -> collector.collect(movies())).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED));
        assertThat(cursors.values).containsEntry("new:movies", "t3_1fk2b1e");
        server.requests.clear();

        // the restarted run: its token is still cached; Reddit hands the first page again, dedupe absorbs it
        server.then(page(null, post("1fk2b1f", "After the restart", "")), page(null));
        CollectContext again = movies();
        collector.collect(again);

        assertThat(paths()).containsExactly("/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1e",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1f");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("t3_1fk2b1e", "t3_1fk2b1d", "t3_1fk2b1f");
        assertThat(again.stored()).isEqualTo(1);
    }

    @Test
    void shouldSearchInTheSubredditsForTheTrackedEventsTerms() {
        server.then(token("t", 3600), page(null, post("1fk2b1c", "Lionsgate Runway", "")), page(null));
        List<WatchTerms> watch = List.of(
                new WatchTerms("lionsgate-runway", "en", List.of("Lionsgate Runway", "Runway"), List.of("LionsgateRunway"),
                        List.of("lionsgate")),
                new WatchTerms("lionsgate-runway", "fr", List.of("Lionsgate Runway", "Runway"), List.of("LionsgateRunway"),
                        List.of()));
        CollectContext c = context(Map.of("subreddits", List.of("movies", "Filmmakers"), "listings", List.of("search")),
                credentials(), CollectTesting.clock(), watch);

        collector.collect(c);

        String q = "q=%22Lionsgate+Runway%22+OR+Runway+OR+LionsgateRunway&sort=new&limit=100&raw_json=1&restrict_sr=1";
        assertThat(paths()).as("one query for both languages").containsExactly("/api/v1/access_token",
                "/r/movies/search?" + q,
                "/r/Filmmakers/search?" + q);
        assertThat(cursors.values).containsEntry("search:movies:\"lionsgate runway\" or runway or lionsgaterunway",
                "t3_1fk2b1c");
    }

    @Test
    void shouldSearchSiteWideForTheSettingsQueriesWithoutSubreddits() {
        server.then(token("t", 3600), page(null, post("1fk2b1c", "Lionsgate Runway", "")));

        collector.collect(context(Map.of("queries", List.of("lionsgate runway", "\"AI deal\" studio"))));

        assertThat(paths()).containsExactly("/api/v1/access_token",
                "/search?q=lionsgate+runway&sort=new&limit=100&raw_json=1&type=link",
                "/search?q=%22AI+deal%22+studio&sort=new&limit=100&raw_json=1&type=link");
        assertThat(sink.posts).hasSize(1);
    }

    @Test
    void shouldWarnWhenThereIsNothingToSearchFor() {
        CollectContext c = context(Map.of());

        collector.collect(c);

        assertThat(server.requests).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("settings.queries");
    }

    @Test
    void shouldKeepTheTokenUntilItExpiresAcrossRuns() {
        server.then(token("first", 3600), page(null), page(null), token("second", 3600), page(null));
        Instant start = Instant.parse("2024-09-25T12:00:00Z");

        collector.collect(context(Map.of("subreddits", List.of("movies")), credentials(),
                Clock.fixed(start, ZoneOffset.UTC), List.of()));
        collector.collect(context(Map.of("subreddits", List.of("movies")), credentials(),
                Clock.fixed(start.plusSeconds(3000), ZoneOffset.UTC), List.of()));
        collector.collect(context(Map.of("subreddits", List.of("movies")), credentials(),
                Clock.fixed(start.plusSeconds(3600), ZoneOffset.UTC), List.of()));

        assertThat(paths()).filteredOn(p -> p.equals("/api/v1/access_token")).hasSize(2);
        assertThat(server.requests.get(4).headers().getFirst("Authorization")).isEqualTo("Bearer second");
    }

    @Test
    void shouldAskForANewTokenOnceWhenTheApiRefusesTheCachedOne() {
        server.then(token("first", 3600), page(null));
        collector.collect(movies());
        server.requests.clear();
        server.then(body(401, json(Map.of()), "{\"message\": \"Unauthorized\", \"error\": 401}".getBytes()),
                token("renewed", 3600), page(null, post("1fk2b1c", "After renewal", "")));

        collector.collect(movies());

        assertThat(paths()).containsExactly("/r/movies/new?limit=100&raw_json=1", "/api/v1/access_token",
                "/r/movies/new?limit=100&raw_json=1");
        assertThat(server.requests.get(2).headers().getFirst("Authorization")).isEqualTo("Bearer renewed");
        assertThat(sink.posts).hasSize(1);
    }

    @Test
    void shouldNeedCredentialsWhenTheTokenEndpointRefusesThemAndNeverEchoThem() {
        server.then(body(401, Map.of("Content-Type", "application/json"),
                "{\"message\": \"Unauthorized\", \"error\": 401}".getBytes()));

        assertThatThrownBy(() -> collector.collect(movies()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("clientSecret").hasMessageNotContaining("gko_LXELoV07ZBNUXrvWZfzE3aI")
                .hasMessageNotContaining("p-jcoLKBynTLew");
        assertThat(server.requests).hasSize(1);
        assertThat(sink.posts).isEmpty();
    }

    @Test
    void shouldNeedCredentialsBeforeAnyRequestWhenNoneAreGiven() {
        assertThatThrownBy(() -> collector.collect(context(Map.of("subreddits", List.of("movies")), Map.of(),
                CollectTesting.clock(), List.of())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("{\"clientId\", \"clientSecret\"}");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldWarnAboutAPrivateSubredditAndReadTheOthers() {
        server.then(token("t", 3600), body(403, json(Map.of()), "{\"reason\": \"private\", \"message\": \"Forbidden\", \"error\": 403}"
                .getBytes()), page(null, post("1fk2b1c", "Open subreddit", "")));
        CollectContext c = context(Map.of("subreddits", List.of("secretfilm", "movies")));

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("/r/secretfilm/new").contains("private");
        assertThat(cursors.values).doesNotContainKey("new:secretfilm");
    }

    @Test
    void shouldWarnAboutASubredditThatDoesNotExistWhenRedditRedirectsToASearch() {
        server.then(token("t", 3600), LoopbackServer.status(302, Map.of("Location",
                "/subreddits/search.json?q=nosuchfilmsub&limit=100&raw_json=1")),
                body(200, json(Map.of()), listing(null, "{\"kind\":\"t5\",\"data\":{\"name\":\"t5_2qh3s\","
                        + "\"display_name\":\"movies\"}}").getBytes(StandardCharsets.UTF_8)));
        CollectContext c = context(Map.of("subreddits", List.of("nosuchfilmsub")));

        collector.collect(c);

        assertThat(sink.posts).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("does not exist");
        assertThat(cursors.values).isEmpty();
    }

    @Test
    void shouldWaitForTheResetWhenTheFloatRemainingIsSpent() {
        server.then(token("t", 3600), body(200, json(Map.of("x-ratelimit-remaining", "0.0", "x-ratelimit-used", "600",
                "x-ratelimit-reset", "42")), listing("t3_1fk2b1b", post("1fk2b1c", "A", "")).getBytes(StandardCharsets.UTF_8)),
                page(null, post("1fk2b1b", "B", "")));

        collector.collect(movies());

        assertThat(sink.posts).hasSize(2);
        assertThat(sleeper.waits).as("recorded, never slept").containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void shouldGetThroughA429WithRetryAfter() {
        server.then(token("t", 3600), LoopbackServer.status(429, json(Map.of("Retry-After", "7",
                "x-ratelimit-remaining", "0.0", "x-ratelimit-reset", "7"))), page(null, post("1fk2b1c", "A", "")));
        CollectContext c = movies();

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(3);
        assertThat(sleeper.waits).contains(Duration.ofSeconds(7));
    }

    @Test
    void shouldGetThroughA5xxAndATimeout() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(300)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        server.then(token("t", 3600), LoopbackServer.status(503, Map.of()), ex -> {
            try {
                stalled.await(5, java.util.concurrent.TimeUnit.SECONDS); // far past the 300 ms read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, page(null, post("1fk2b1c", "A", "")));
        CollectContext base = movies();
        CollectContext c = new CollectContext(base.source(), credentials(), impatient.session(), cursors, sink,
                CollectTesting.clock());

        collector.collect(c);
        stalled.countDown();

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(4);
    }

    @Test
    void shouldLeaveTheRunDegradedOnMalformedJsonAndMoveNoCursor() {
        cursors.put("new:movies", "t3_1fk2b1c");
        server.then(token("t", 3600), body(200, json(Map.of()), listing(null, post("1fk2b1d", "A", ""))
                .substring(0, 150).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(movies()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("JSON").hasMessageContaining("/r/movies/new");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).containsExactly(Map.entry("new:movies", "t3_1fk2b1c"));
    }

    @Test
    void shouldLeaveTheRunDegradedWhenTheAnswerIsNotAListing() {
        server.then(token("t", 3600), body(200, json(Map.of()), "{\"kind\": \"t5\", \"data\": {}}".getBytes()));

        assertThatThrownBy(() -> collector.collect(movies()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("Listing");
    }

    @Test
    void shouldCompareFullnamesAsBase36Counters() {
        assertThat(RedditCollector.newer("t3_1fk2b1c", "t3_1fk2b1b")).isTrue();
        assertThat(RedditCollector.newer("t3_zz", "t3_100")).isFalse();
        assertThat(RedditCollector.newer("t3_1fk2b1c", "t3_1fk2b1c")).isFalse();
    }

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("subreddits").add("r/movies").add("/r/Filmmakers").add("Movies");
        JsonNode checked = collector.checkSettings(null, ok, strict);
        assertThat(checked.toString()).isEqualTo("{\"subreddits\":[\"movies\",\"Filmmakers\"],\"queries\":[],"
                + "\"listings\":[\"new\"],\"authUrl\":\"https://www.reddit.com/api/v1/access_token\","
                + "\"recheck\":\"PT48H\"}");
        ObjectNode siteWide = JsonNodeFactory.instance.objectNode();
        siteWide.putArray("queries").add(" Lionsgate Runway ");
        siteWide.put("username", "u/reelpulse_bot");
        assertThat(collector.checkSettings(null, siteWide, strict).toString()).isEqualTo("{\"subreddits\":[],"
                + "\"queries\":[\"Lionsgate Runway\"],\"listings\":[\"search\"],"
                + "\"authUrl\":\"https://www.reddit.com/api/v1/access_token\",\"recheck\":\"PT48H\","
                + "\"username\":\"reelpulse_bot\"}");

        ObjectNode badSub = JsonNodeFactory.instance.objectNode();
        badSub.putArray("subreddits").add("https://reddit.com/r/movies");
        assertField(badSub, "settings.subreddits");
        ObjectNode newWithoutSubs = JsonNodeFactory.instance.objectNode();
        newWithoutSubs.putArray("listings").add("comments");
        assertField(newWithoutSubs, "settings.subreddits");
        ObjectNode badListing = ok.deepCopy();
        badListing.putArray("listings").add("hot");
        assertField(badListing, "settings.listings");
        ObjectNode emptyQuery = JsonNodeFactory.instance.objectNode();
        emptyQuery.putArray("queries").add("  ");
        assertField(emptyQuery, "settings.queries");
        ObjectNode notList = JsonNodeFactory.instance.objectNode();
        notList.put("subreddits", "movies");
        assertField(notList, "settings.subreddits");
        ObjectNode privateAuth = ok.deepCopy();
        privateAuth.put("authUrl", "http://127.0.0.1/api/v1/access_token");
        assertField(privateAuth, "settings.authUrl");
        ObjectNode badUser = ok.deepCopy();
        badUser.put("username", "no spaces please");
        assertField(badUser, "settings.username");
        ObjectNode unknown = ok.deepCopy();
        unknown.put("sort", "hot");
        assertField(unknown, "settings.sort");
    }

    /** A day after the template's posts (2024-09-18T16:00Z) and comments (20:00Z): inside the default window. */
    private static Clock dayAfter() {
        return Clock.fixed(Instant.parse("2024-09-19T12:00:00Z"), ZoneOffset.UTC);
    }

    private CollectContext recent(Map<String, Object> settings) {
        Map<String, Object> s = new LinkedHashMap<>(Map.of("subreddits", List.of("movies")));
        s.putAll(settings);
        return context(s, credentials(), dayAfter(), List.of());
    }

    private List<String> infoPaths() {
        return paths().stream().filter(p -> p.startsWith("/api/info")).toList();
    }

    @Test
    void shouldTombstoneWhatWasDeletedSinceAndOfferAnEditAgainAfterARestart() {
        server.then(token("t", 3600), page(null, post("1fk2b1c", "Lionsgate x Runway", "First take"),
                post("1fk2b1b", "Runway deal", "Will be removed"), comment("lnv8x2k", "Unions will hate it", "crew")),
                page(null, comment("lnv8x2k", "Unions will hate it", "crew")));
        CollectContext first = recent(Map.of("listings", List.of("new", "comments")));
        collector.collect(first);
        assertThat(infoPaths()).as("what this run read is fresh: asked for from the next run on").isEmpty();
        assertThat(cursors.values.get("recheck:0")).isEqualTo(
                "t1_lnv8x2k:1726680000 t3_1fk2b1c:1726675200 t3_1fk2b1b:1726675200");
        server.requests.clear();

        // a restart: a new collector (no token cached) with the same cursors
        RedditCollector restarted = new RedditCollector(properties);
        server.then(token("t2", 3600),
                page(null, post("1fk2b1d", "New since", "")), page(null), page(null),
                page(null, comment("lnv8x2k", "Unions will hate it", "crew")),
                page(null, post("1fk2b1c", "Lionsgate x Runway", "Edited: first take, now with the contract"),
                        post("1fk2b1b", "Runway deal", "[removed]", "[deleted]", "")
                                .replace("\"removed_by_category\":null", "\"removed_by_category\":\"moderator\"")));
        CollectContext second = recent(Map.of("listings", List.of("new", "comments")));
        JsonNode checked = second.settings();
        restarted.collect(new CollectContext(second.source(), credentials(), http.session(), cursors, offering,
                dayAfter(), List.of()));

        assertThat(checked.path("recheck").asText()).isEqualTo("PT48H");
        assertThat(paths()).containsExactly("/api/v1/access_token",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1c",
                "/r/movies/new?limit=100&raw_json=1&before=t3_1fk2b1d",
                "/r/movies/comments?limit=100&raw_json=1&before=t1_lnv8x2k",
                "/r/movies/comments?limit=100&raw_json=1",
                "/api/info?id=t1_lnv8x2k,t3_1fk2b1c,t3_1fk2b1b&raw_json=1");
        assertThat(infoPaths()).containsExactly("/api/info?id=t1_lnv8x2k,t3_1fk2b1c,t3_1fk2b1b&raw_json=1");
        LoopbackServer.Seen info = server.requests.get(server.requests.size() - 1);
        assertThat(info.headers().getFirst("Authorization")).isEqualTo("Bearer t2");
        assertThat(sink.tombstones).containsExactly("reddit|t3_1fk2b1b");
        assertThat(offered).filteredOn(p -> p.externalId().equals("t3_1fk2b1c")).extracting(NewPost::text)
                .containsExactly("Lionsgate x Runway\n\nFirst take",
                        "Lionsgate x Runway\n\nEdited: first take, now with the contract");
        assertThat(cursors.values.get("recheck:0")).as("the removed one leaves; the comment Reddit left out stays")
                .isEqualTo("t1_lnv8x2k:1726680000 t3_1fk2b1d:1726675200 t3_1fk2b1c:1726675200");
    }

    @Test
    void shouldNotAskForItemsOlderThanTheWindow() {
        cursors.put("recheck:0", "t3_1fk2b1c:1726675200 t1_lnv8x2k:1726600000 t3_1fk2b10:1726000000");
        server.then(token("t", 3600), page(null), page(null, post("1fk2b1c", "Still here", "")));

        collector.collect(recent(Map.of("recheck", "PT24H")));

        assertThat(infoPaths()).containsExactly("/api/info?id=t3_1fk2b1c&raw_json=1");
        assertThat(cursors.values.get("recheck:0")).isEqualTo("t3_1fk2b1c:1726675200");
    }

    @Test
    void shouldAskForTheNewest300In100sAndKeepThemUnder4000CharactersACursor() {
        long newest = Instant.parse("2024-09-19T11:00:00Z").getEpochSecond();
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 320; i++) {
            StringBuilder to = i < 160 ? a : b;
            to.append(to.length() == 0 ? "" : " ").append("t3_").append(Long.toString(60_000_000_000L + i, 36))
                    .append(':').append(newest - i * 60);
        }
        cursors.put("recheck:0", a.toString());
        cursors.put("recheck:1", b.toString());
        server.then(token("t", 3600), page(null), page(null));

        CollectContext c = recent(Map.of());
        collector.collect(c);

        List<String> asked = infoPaths();
        assertThat(paths()).hasSize(5);
        assertThat(asked).hasSize(3);
        assertThat(asked).allSatisfy(p -> assertThat(p.substring(p.indexOf("id=") + 3, p.indexOf('&')).split(","))
                .hasSize(100));
        assertThat(asked.get(0)).startsWith("/api/info?id=t3_" + Long.toString(60_000_000_000L, 36) + ",");
        assertThat(asked.get(2)).contains(Long.toString(60_000_000_299L, 36) + "&")
                .doesNotContain(Long.toString(60_000_000_300L, 36));
        assertThat(c.http().requests()).as("token, listing and one request per 100 recent items").isEqualTo(5);
        List<String> kept = cursors.values.entrySet().stream().filter(e -> e.getKey().startsWith("recheck:"))
                .map(Map.Entry::getValue).toList();
        assertThat(kept).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(4000));
        assertThat(kept.stream().filter(v -> !v.isEmpty()).flatMap(v -> java.util.Arrays.stream(v.split(" ")))).hasSize(300);
    }

    @Test
    void shouldMakeNoRequestWhenTheRecheckIsOff() {
        cursors.put("recheck:0", "t3_1fk2b1c:1726675200");
        server.then(token("t", 3600), page(null, post("1fk2b1d", "New", "")));

        collector.collect(recent(Map.of("recheck", "PT0S")));

        assertThat(paths()).containsExactly("/api/v1/access_token", "/r/movies/new?limit=100&raw_json=1");
        assertThat(cursors.values.get("recheck:0")).isEqualTo("t3_1fk2b1c:1726675200");
    }

    @Test
    void shouldRefuseABadRecheckNamingTheField() {
        for (Object bad : List.of("P8D", "two days", "-PT1H", 2)) {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.putArray("subreddits").add("movies");
            s.set("recheck", new ObjectMapper().valueToTree(bad));
            assertField(s, "settings.recheck");
        }
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("subreddits").add("movies");
        ok.put("recheck", "PT12H");
        assertThat(collector.checkSettings(null, ok, new SsrfGuard(false)).path("recheck").asText()).isEqualTo("PT12H");
        ok.put("recheck", "P7D");
        assertThat(collector.checkSettings(null, ok, new SsrfGuard(false)).path("recheck").asText()).isEqualTo("PT168H");
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings(null, settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }
}
