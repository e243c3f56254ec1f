package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Mastodon adapter over real HTTP on loopback, with answers in Mastodon's JSON and headers. */
class MastodonCollectorTest {

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final MastodonCollector collector = new MastodonCollector(properties);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    @AfterEach
    void stop() {
        server.close();
    }

    /** A status as Mastodon writes it, trimmed to the fields that matter plus a few that do not. */
    static String status(String id, String uri, String acct, String content, String extra) {
        return """
                {"id":"%s","created_at":"2024-09-19T10:15:30.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,
                 "sensitive":false,"spoiler_text":"","visibility":"public","language":"en","uri":"%s",
                 "url":"%s","replies_count":2,"reblogs_count":5,"favourites_count":11,"edited_at":null,
                 "content":"%s","reblog":null,
                 "account":{"id":"1090","username":"%s","acct":"%s","display_name":"Frame Watcher","locked":false,
                   "bot":false,"discoverable":true,"indexable":true,"group":false,"note":"<p>Film</p>",
                   "url":"https://mastodon.social/@x","followers_count":3},
                 "media_attachments":[],"mentions":[],"tags":[{"name":"lionsgaterunway","url":"https://mastodon.social/tags/lionsgaterunway"}],
                 "emojis":[],"card":null,"poll":null%s}
                """.formatted(id, uri, uri.replace("/users/", "/@").replace("/statuses/", "/"), content,
                acct.split("@")[0], acct, extra);
    }

    static String boost(String id, String booster, String original) {
        return """
                {"id":"%s","created_at":"2024-09-19T11:00:00.000Z","sensitive":false,"spoiler_text":"",
                 "visibility":"public","language":null,"uri":"https://mastodon.social/users/%s/statuses/%s/activity",
                 "url":null,"replies_count":0,"reblogs_count":0,"favourites_count":0,"content":"",
                 "account":{"id":"77","username":"%s","acct":"%s","display_name":"Booster","indexable":true},
                 "reblog":%s,"media_attachments":[],"mentions":[],"tags":[],"emojis":[]}
                """.formatted(id, booster, id, booster, booster, original);
    }

    static final String A = status("113170000000000003", "https://mastodon.social/users/framewatcher/statuses/113170000000000003",
            "framewatcher", "<p>Lionsgate &amp; Runway: a <a href=\\\"https://mastodon.social/tags/LionsgateRunway\\\" "
                    + "class=\\\"mention hashtag\\\" rel=\\\"tag\\\">#<span>LionsgateRunway</span></a> deal 🎬</p>"
                    + "<p>Second paragraph<br />with a break &quot;quoted&quot;</p>", ",\"quotes_count\":1");
    static final String B = status("113170000000000002", "https://kino.example/users/kinoman/statuses/55",
            "kinoman@kino.example", "<p>Кинокомпания Lionsgate заключила сделку с Runway.</p>", "");

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials) {
        return context(settings, credentials, List.of());
    }

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials,
            List<WatchTerms> watch) {
        ObjectNode s = new ObjectMapper().valueToTree(settings);
        CollectSource source = new CollectSource(1, MastodonCollector.KIND, "mastodon.social",
                server.uri("/").toString(), s, List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null, null,
                null, null, null, null);
        return new CollectContext(source, credentials, http.session(), cursors, sink, CollectTesting.clock(), watch);
    }

    private CollectContext context() {
        return context(Map.of("hashtags", List.of("LionsgateRunway"), "local", false), Map.of());
    }

    private static Map<String, String> json(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put("X-RateLimit-Limit", "300");
        h.put("X-RateLimit-Remaining", "299");
        h.put("X-RateLimit-Reset", "2024-09-25T12:05:00.000Z");
        h.putAll(more);
        return h;
    }

    private LoopbackServer.Answer page(String link, String... statuses) {
        return body(200, link == null ? json(Map.of()) : json(Map.of("Link", link)),
                ("[" + String.join(",", statuses) + "]").getBytes(StandardCharsets.UTF_8));
    }

    private String tag(String query) {
        return "<" + server.uri("/api/v1/timelines/tag/LionsgateRunway?" + query) + ">";
    }

    private NewPost post(String uri) {
        return sink.posts.stream().filter(p -> p.externalId().equals(uri)).findFirst().orElseThrow();
    }

    @Test
    void shouldFollowTheLinkHeaderBackOnTheFirstRunAndStopAtAnEmptyPage() {
        server.then(page(tag("limit=40&max_id=113170000000000003") + "; rel=\"next\", "
                + tag("limit=40&min_id=113170000000000003") + "; rel=\"prev\"", A),
                page(tag("limit=40&max_id=113170000000000002") + "; rel=\"next\", "
                        + tag("limit=40&min_id=113170000000000002") + "; rel=\"prev\"", B),
                page(null));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly(
                "https://mastodon.social/users/framewatcher/statuses/113170000000000003",
                "https://kino.example/users/kinoman/statuses/55");
        assertThat(server.requests).extracting(LoopbackServer.Seen::path).containsExactly(
                "/api/v1/timelines/tag/LionsgateRunway?limit=40",
                "/api/v1/timelines/tag/LionsgateRunway?limit=40&max_id=113170000000000003",
                "/api/v1/timelines/tag/LionsgateRunway?limit=40&max_id=113170000000000002");
        assertThat(server.requests.get(0).headers().getFirst("Accept")).isEqualTo("application/json");
        assertThat(server.requests.get(0).headers().containsKey("Authorization")).isFalse();
        assertThat(cursors.values).containsEntry("tag:lionsgaterunway", "113170000000000003");
        assertThat(c.seen()).isEqualTo(2);
        assertThat(c.stored()).isEqualTo(2);
    }

    @Test
    void shouldReadNoMoreThanMaxPagesOnTheFirstRun() {
        String next = tag("limit=40&max_id=1") + "; rel=\"next\"";
        server.then(page(next, A), page(next, B), page(next, status("1", "https://a.example/s/1", "x@a.example",
                "<p>third</p>", "")), page(next, status("0", "https://a.example/s/0", "x@a.example", "<p>4th</p>", "")));

        collector.collect(context());

        assertThat(server.requests).hasSize(properties.maxPages());
        assertThat(sink.posts).hasSize(3);
    }

    @Test
    void shouldCleanHtmlToTextWithParagraphsEntitiesEmojiAndCyrillic() {
        server.then(page(null, A, B));

        collector.collect(context());

        NewPost a = post("https://mastodon.social/users/framewatcher/statuses/113170000000000003");
        assertThat(a.text()).isEqualTo("Lionsgate & Runway: a #LionsgateRunway deal 🎬\n\n"
                + "Second paragraph\nwith a break \"quoted\"");
        assertThat(a.url()).isEqualTo("https://mastodon.social/@framewatcher/113170000000000003");
        assertThat(a.lang()).isEqualTo("en");
        assertThat(a.source()).isEqualTo("mastodon");
        assertThat(a.sourceName()).isEqualTo("mastodon.social");
        assertThat(a.author().handle()).isEqualTo("framewatcher@127.0.0.1");
        assertThat(a.author().name()).isEqualTo("Frame Watcher");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2024-09-19T10:15:30Z"));
        assertThat(a.metrics()).isEqualTo(new Metrics(11, 5, 2, 1));
        NewPost b = post("https://kino.example/users/kinoman/statuses/55");
        assertThat(b.text()).isEqualTo("Кинокомпания Lionsgate заключила сделку с Runway.");
        assertThat(b.author().handle()).isEqualTo("kinoman@kino.example");
        assertThat(b.metrics().quotes()).as("no quotes_count before 4.5").isNull();
    }

    @Test
    void shouldCollapseBoostsIntoTheOriginalPost() {
        String original = status("9001", "https://kino.example/users/kinoman/statuses/77", "kinoman@kino.example",
                "<p>Original take</p>", "").replace("\"favourites_count\":11", "\"favourites_count\":42");
        server.then(page(null, boost("113170000000000010", "fan", original), original,
                boost("113170000000000011", "other", original)));
        CollectContext c = context(Map.of("hashtags", List.of("LionsgateRunway", "AIdeal")), Map.of());

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        NewPost p = sink.posts.get(0);
        assertThat(p.externalId()).isEqualTo("https://kino.example/users/kinoman/statuses/77");
        assertThat(p.author().handle()).isEqualTo("kinoman@kino.example");
        assertThat(p.text()).isEqualTo("Original take");
        assertThat(p.metrics().likes()).isEqualTo(42);
        assertThat(p.repostOf()).isNull();
        assertThat(server.requests).as("both hashtags asked").hasSize(2);
        assertThat(c.stored()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheContentWarningInFrontOfTheText() {
        server.then(page(null, A.replace("\"spoiler_text\":\"\"", "\"spoiler_text\":\"AI & labour\"")));

        collector.collect(context());

        assertThat(sink.posts.get(0).text()).startsWith("[Content warning: AI & labour]\n\nLionsgate & Runway");
    }

    @Test
    void shouldSkipAuthorsWhoOptedOutOfIndexing() {
        String notIndexable = status("5", "https://a.example/users/q/statuses/5", "q@a.example", "<p>hidden</p>", "")
                .replace("\"indexable\":true", "\"indexable\":false");
        String noindex = status("4", "https://a.example/users/r/statuses/4", "r@a.example", "<p>hidden too</p>", "")
                .replace("\"group\":false", "\"group\":false,\"noindex\":true");
        server.then(page(null, A, notIndexable, boost("6", "fan", noindex)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::text).noneMatch(t -> t.contains("hidden"));
        assertThat(sink.posts).hasSize(1);
        assertThat(c.skipped()).isEqualTo(2);
        assertThat(c.seen()).isEqualTo(3);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldAskForATokenWhenTheHashtagTimelineNeedsLogin() {
        server.then(body(401, json(Map.of()), "{\"error\":\"This API requires an authenticated user\"}".getBytes()));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("{\"token\"}").hasMessageContaining("4.5");
        assertThat(sink.posts).isEmpty();
    }

    @Test
    void shouldSendTheTokenAsBearer() {
        server.then(page(null, A));

        collector.collect(context(Map.of("hashtags", List.of("LionsgateRunway"), "local", true),
                Map.of("token", "s3cret")));

        assertThat(server.requests.get(0).headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(server.requests.get(0).path()).isEqualTo("/api/v1/timelines/tag/LionsgateRunway?limit=40&local=true");
    }

    @Test
    void shouldGetThroughA429WithRetryAfter() {
        server.then(LoopbackServer.status(429, json(Map.of("Retry-After", "2", "X-RateLimit-Remaining", "0"))), page(null, A));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(2);
        assertThat(sleeper.waits).contains(Duration.ofSeconds(2));
    }

    @Test
    void shouldWaitForTheIsoResetWhenTheRateLimitIsSpent() {
        Map<String, String> spent = json(Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                "2024-09-25T12:00:30.000Z", "Link", tag("limit=40&max_id=2") + "; rel=\"next\""));
        server.then(body(200, spent, ("[" + A + "]").getBytes(StandardCharsets.UTF_8)), page(null, B));

        collector.collect(context());

        assertThat(sink.posts).hasSize(2);
        assertThat(sleeper.waits).as("recorded, never slept").containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void shouldLeaveTheRunDegradedAndStoreNothingOnMalformedJson() {
        server.then(body(200, json(Map.of()), ("[" + A.substring(0, 200)).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("JSON");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).isEmpty();
    }

    @Test
    void shouldAskOnlyForNewerStatusesOnTheNextRunAndStoreNoDuplicate() {
        server.then(page(tag("limit=40&max_id=113170000000000002") + "; rel=\"next\"", A, B), page(null));
        collector.collect(context());
        assertThat(sink.posts).hasSize(2);
        server.requests.clear();

        String newer = status("113170000000000009", "https://mastodon.social/users/framewatcher/statuses/113170000000000009",
                "framewatcher", "<p>Update</p>", "");
        // an instance may hand back a status already seen: dedupe absorbs it
        server.then(page(tag("limit=40&min_id=113170000000000009") + "; rel=\"prev\"", newer, A), page(null));
        CollectContext second = context();
        collector.collect(second);

        assertThat(server.requests.get(0).path())
                .isEqualTo("/api/v1/timelines/tag/LionsgateRunway?limit=40&min_id=113170000000000003");
        assertThat(server.requests.get(1).path())
                .isEqualTo("/api/v1/timelines/tag/LionsgateRunway?limit=40&min_id=113170000000000009");
        assertThat(sink.posts).hasSize(3);
        assertThat(second.stored()).isEqualTo(1);
        assertThat(cursors.values).containsEntry("tag:lionsgaterunway", "113170000000000009");
    }

    @Test
    void shouldReadAnAccountsPublicStatusesByItsLocalId() {
        server.then(body(200, json(Map.of()), "{\"id\":\"1090\",\"username\":\"framewatcher\",\"acct\":\"framewatcher\"}"
                .getBytes()), page(null, A));

        collector.collect(context(Map.of("accounts", List.of("framewatcher")), Map.of()));

        assertThat(server.requests).extracting(LoopbackServer.Seen::path).containsExactly(
                "/api/v1/accounts/lookup?acct=framewatcher", "/api/v1/accounts/1090/statuses?limit=40");
        assertThat(sink.posts).hasSize(1);
        assertThat(cursors.values).containsEntry("account:framewatcher", "113170000000000003");
    }

    @Test
    void shouldWarnAboutAnUnknownAccountAndStillReadTheHashtags() {
        server.then(page(null, A), body(404, json(Map.of()), "{\"error\":\"Record not found\"}".getBytes()));
        CollectContext c = context(Map.of("hashtags", List.of("LionsgateRunway"), "accounts", List.of("nobody")),
                Map.of());

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("@nobody").contains("settings.accounts");
    }

    @Test
    void shouldSayTheTokenWasRefusedWhenOneWasGiven() {
        server.then(body(401, json(Map.of()), "{\"error\":\"The access token is invalid\"}".getBytes()));

        assertThatThrownBy(() -> collector.collect(context(Map.of("hashtags", List.of("LionsgateRunway")),
                Map.of("token", "expired"))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("refused the token").hasMessageNotContaining("expired");
    }

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("hashtags").add("#LionsgateRunway").add("AIdeal").add("lionsgaterunway");
        JsonNode checked = collector.checkSettings("https://mastodon.social", ok, strict);
        assertThat(checked.toString()).isEqualTo("{\"hashtags\":[\"LionsgateRunway\",\"AIdeal\"],\"accounts\":[],"
                + "\"queries\":[],\"local\":false}");
        ObjectNode searchOnly = JsonNodeFactory.instance.objectNode();
        searchOnly.putArray("queries").add(" Lionsgate Runway ").add("lionsgate runway").add("\"AI deal\"");
        assertThat(collector.checkSettings("https://mastodon.social", searchOnly, strict).path("queries").toString())
                .isEqualTo("[\"Lionsgate Runway\",\"\\\"AI deal\\\"\"]");
        ObjectNode blankQuery = JsonNodeFactory.instance.objectNode();
        blankQuery.putArray("queries").add(" ");
        assertField(blankQuery, "settings.queries");
        ObjectNode longQuery = JsonNodeFactory.instance.objectNode();
        longQuery.putArray("queries").add("x".repeat(MastodonCollector.MAX_QUERY + 1));
        assertField(longQuery, "settings.queries");

        assertThatThrownBy(() -> collector.checkSettings(null, ok, strict)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("https://mastodon.social");
        assertField(JsonNodeFactory.instance.objectNode(), "settings.hashtags");
        ObjectNode spaced = JsonNodeFactory.instance.objectNode();
        spaced.putArray("hashtags").add("Lionsgate Runway");
        assertField(spaced, "settings.hashtags");
        ObjectNode notList = JsonNodeFactory.instance.objectNode();
        notList.put("hashtags", "LionsgateRunway");
        assertField(notList, "settings.hashtags");
        ObjectNode badAccount = JsonNodeFactory.instance.objectNode();
        badAccount.putArray("accounts").add("https://mastodon.social/@x");
        assertField(badAccount, "settings.accounts");
        ObjectNode badLocal = ok.deepCopy();
        badLocal.put("local", "yes");
        assertField(badLocal, "settings.local");
        ObjectNode unknown = ok.deepCopy();
        unknown.put("query", "x");
        assertField(unknown, "settings.query");
    }

    private static final String OLDER = B.replace("2024-09-19T10:15:30.000Z", "2024-09-18T09:00:00.000Z");

    private LoopbackServer.Answer found(String... statuses) {
        return body(200, json(Map.of()), ("{\"accounts\":[],\"statuses\":[" + String.join(",", statuses)
                + "],\"hashtags\":[]}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSearchStatusesForTheSettingsQueriesWithTheToken() {
        server.then(found(OLDER, A));
        CollectContext c = context(Map.of("queries", List.of("Lionsgate Runway")), Map.of("token", "s3cret"));

        collector.collect(c);

        assertThat(server.requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v2/search?type=statuses&q=Lionsgate+Runway&resolve=false&limit=40");
            assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
        });
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly(
                "https://kino.example/users/kinoman/statuses/55",
                "https://mastodon.social/users/framewatcher/statuses/113170000000000003");
        assertThat(post("https://kino.example/users/kinoman/statuses/55").text())
                .isEqualTo("Кинокомпания Lionsgate заключила сделку с Runway.");
        assertThat(cursors.values).as("the newest by its time, not by its place in the answer")
                .containsEntry("search:lionsgate runway", "113170000000000003");
    }

    @Test
    void shouldSearchOnlyNewerStatusesOnTheNextRunPageByPage() {
        cursors.values.put("search:lionsgate runway", "113170000000000003");
        String[] full = new String[MastodonCollector.LIMIT];
        for (int i = 0; i < full.length; i++) {
            full[i] = status(String.valueOf(113170000000001000L + i), "https://a.example/users/u/statuses/" + i,
                    "u@a.example", "<p>take " + i + "</p>", "").replace("2024-09-19T10:15:30",
                    "2024-09-20T10:%02d:00".formatted(i));
        }
        server.then(found(full), found(status("113170000000002000", "https://a.example/users/u/statuses/last",
                "u@a.example", "<p>latest</p>", "").replace("2024-09-19", "2024-09-21")));
        CollectContext c = context(Map.of("queries", List.of("Lionsgate Runway")), Map.of("token", "s3cret"));

        collector.collect(c);

        assertThat(server.requests).extracting(LoopbackServer.Seen::path).containsExactly(
                "/api/v2/search?type=statuses&q=Lionsgate+Runway&resolve=false&limit=40&min_id=113170000000000003",
                "/api/v2/search?type=statuses&q=Lionsgate+Runway&resolve=false&limit=40&min_id=113170000000001039");
        assertThat(c.stored()).isEqualTo(MastodonCollector.LIMIT + 1);
        assertThat(cursors.values).containsEntry("search:lionsgate runway", "113170000000002000");
    }

    @Test
    void shouldSearchTheWatchedPhrasesWhenTheSettingsHaveNoQueries() {
        server.then(page(null, A), found(B), found());
        List<WatchTerms> watch = List.of(new WatchTerms("lionsgate-runway", "en", List.of("Lionsgate Runway", "Runway"),
                List.of("LionsgateRunway"), List.of()), new WatchTerms("lionsgate-runway", "fr", List.of("runway"),
                List.of(), List.of()));

        collector.collect(context(Map.of("hashtags", List.of("LionsgateRunway")), Map.of("token", "t"), watch));

        assertThat(server.requests).extracting(LoopbackServer.Seen::path).containsExactly(
                "/api/v1/timelines/tag/LionsgateRunway?limit=40",
                "/api/v2/search?type=statuses&q=%22Lionsgate+Runway%22&resolve=false&limit=40",
                "/api/v2/search?type=statuses&q=Runway&resolve=false&limit=40");
        assertThat(sink.posts).hasSize(2);
    }

    @Test
    void shouldNotSearchWithoutAToken() {
        server.then(page(null, A));
        List<WatchTerms> watch = List.of(new WatchTerms("e", null, List.of("Runway"), List.of(), List.of()));

        collector.collect(context(Map.of("hashtags", List.of("LionsgateRunway"), "queries", List.of("Runway")),
                Map.of(), watch));

        assertThat(server.requests).extracting(LoopbackServer.Seen::path)
                .containsExactly("/api/v1/timelines/tag/LionsgateRunway?limit=40");
    }

    @Test
    void shouldSayTheTokenWasRefusedBySearch() {
        server.then(body(403, json(Map.of()), "{\"error\":\"This action is outside the authorized scopes\"}"
                .getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context(Map.of("queries", List.of("Runway")),
                Map.of("token", "narrow"))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("search for Runway").hasMessageNotContaining("narrow");
        assertThat(cursors.values).isEmpty();
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings("https://mastodon.social", settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.toString() + e.getMessage()).isNotBlank())
                .satisfies(e -> assertThat(fieldOf((UserInputException) e)).isEqualTo(field));
    }

    private static Object fieldOf(UserInputException e) {
        return e.details().get("field");
    }
}
