package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/** The X adapter over real HTTP on loopback, with answers in API v2's JSON and headers. */
class XCollectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = CollectTesting.clock().instant();
    private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAreelpulse%2Fsecret";

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final XCollector collector = new XCollector(properties);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    @AfterEach
    void stop() {
        server.close();
    }

    // --- answers in the wire format -------------------------------------------------------------------

    private static Map<String, String> json(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json; charset=utf-8");
        h.put("x-rate-limit-limit", "450");
        h.put("x-rate-limit-remaining", "449");
        h.put("x-rate-limit-reset", String.valueOf(NOW.getEpochSecond() + 900));
        h.put("x-access-level", "read");
        h.putAll(more);
        return h;
    }

    static ObjectNode tweet(String id, String authorId, String text) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("text", text);
        t.putArray("edit_history_tweet_ids").add(id);
        t.put("created_at", "2024-09-19T10:15:30.000Z");
        t.put("lang", "en");
        t.put("author_id", authorId);
        t.put("conversation_id", id);
        t.putObject("public_metrics").put("retweet_count", 5).put("reply_count", 2).put("like_count", 11)
                .put("quote_count", 1).put("bookmark_count", 0).put("impression_count", 1500);
        return t;
    }

    static ObjectNode retweet(String id, String authorId, String originalId, String originalUser) {
        ObjectNode t = tweet(id, authorId, "RT @" + originalUser + ": the original, cut short…");
        t.putArray("referenced_tweets").addObject().put("type", "retweeted").put("id", originalId);
        t.putObject("public_metrics").put("retweet_count", 42).put("reply_count", 0).put("like_count", 0)
                .put("quote_count", 0);
        return t;
    }

    static ObjectNode user(String id, String username, String name, String description) {
        return JSON.createObjectNode().put("id", id).put("username", username).put("name", name)
                .put("description", description);
    }

    /** One page: data, includes (users, referenced posts) and meta as X writes them. */
    static final class Page {
        final List<JsonNode> data = new ArrayList<>();
        final List<JsonNode> users = new ArrayList<>();
        final List<JsonNode> tweets = new ArrayList<>();
        final List<JsonNode> errors = new ArrayList<>();
        String next;

        Page data(JsonNode... t) {
            Collections.addAll(data, t);
            return this;
        }

        Page users(JsonNode... u) {
            Collections.addAll(users, u);
            return this;
        }

        Page tweets(JsonNode... t) {
            Collections.addAll(tweets, t);
            return this;
        }

        Page error(JsonNode e) {
            errors.add(e);
            return this;
        }

        Page next(String token) {
            next = token;
            return this;
        }

        byte[] bytes() {
            ObjectNode out = JSON.createObjectNode();
            if (!data.isEmpty()) {
                out.putArray("data").addAll(data);
            }
            if (!users.isEmpty() || !tweets.isEmpty()) {
                ObjectNode inc = out.putObject("includes");
                if (!users.isEmpty()) {
                    inc.putArray("users").addAll(users);
                }
                if (!tweets.isEmpty()) {
                    inc.putArray("tweets").addAll(tweets);
                }
            }
            if (!errors.isEmpty()) {
                out.putArray("errors").addAll(errors);
            }
            ObjectNode meta = out.putObject("meta");
            if (!data.isEmpty()) {
                meta.put("newest_id", data.get(0).path("id").asText());
                meta.put("oldest_id", data.get(data.size() - 1).path("id").asText());
            }
            meta.put("result_count", data.size());
            if (next != null) {
                meta.put("next_token", next);
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private LoopbackServer.Answer page(Page p) {
        return body(200, json(Map.of()), p.bytes());
    }

    private static LoopbackServer.Answer problem(int status, String json) {
        return body(status, json(Map.of()), json.getBytes(StandardCharsets.UTF_8));
    }

    static final ObjectNode FRAME = user("1001", "framewatcher", "Frame Watcher", "Film & labour. <3 cinema");
    static final ObjectNode KINO = user("1002", "kinoman", "Киноман", "");

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials, List<WatchTerms> watch) {
        ObjectNode s = JSON.valueToTree(settings);
        CollectSource source = new CollectSource(9, XCollector.KIND, "x.loopback", server.uri("/").toString(), s,
                List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null, null, null, null, null, null);
        return new CollectContext(source, credentials, http.session(), cursors, sink, CollectTesting.clock(), watch);
    }

    private CollectContext context(Map<String, Object> settings) {
        return context(settings, Map.of("bearerToken", TOKEN), List.of());
    }

    private CollectContext context() {
        return context(Map.of("queries", List.of("\"Lionsgate Runway\" OR #LionsgateRunway")));
    }

    private List<String> paths() {
        return server.requests.stream().map(LoopbackServer.Seen::path).toList();
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

    private NewPost stored(String id) {
        return sink.posts.stream().filter(p -> p.externalId().equals(id)).findFirst().orElseThrow();
    }

    // --- search ---------------------------------------------------------------------------------------

    @Test
    void shouldSearchWithTheBearerTokenAskingForTheFieldsAndExpansions() {
        server.then(page(new Page().data(tweet("1836000000000000003", "1001", "Lionsgate &amp; Runway &lt;3"))
                .users(FRAME)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(server.requests).hasSize(1);
        LoopbackServer.Seen seen = server.requests.get(0);
        assertThat(seen.path()).startsWith("/2/tweets/search/recent?");
        assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(query(seen.path(), "query")).isEqualTo("\"Lionsgate Runway\" OR #LionsgateRunway");
        assertThat(query(seen.path(), "max_results")).isEqualTo("100");
        assertThat(query(seen.path(), "tweet.fields"))
                .startsWith("created_at,lang,public_metrics,author_id,referenced_tweets,conversation_id");
        assertThat(query(seen.path(), "expansions")).isEqualTo("author_id,referenced_tweets.id");
        assertThat(query(seen.path(), "user.fields")).isEqualTo("username,name,description");
        assertThat(query(seen.path(), "since_id")).isNull();
        assertThat(c.stored()).isEqualTo(1);
        assertThat(c.warnings()).isEmpty();
        assertThat(cursors.values).containsEntry("query:\"lionsgate runway\" or #lionsgaterunway", "1836000000000000003");
    }

    @Test
    void shouldTurnAPostIntoAPostWithItsAuthorAndXUrl() {
        ObjectNode reply = tweet("1836000000000000004", "1002", "Кинокомпания Lionsgate заключила сделку с Runway.");
        reply.put("lang", "ru");
        reply.putArray("referenced_tweets").addObject().put("type", "replied_to").put("id", "1835000000000000001");
        ObjectNode noLang = tweet("1836000000000000002", "1001", "#LionsgateRunway");
        noLang.put("lang", "qht");
        server.then(page(new Page().data(tweet("1836000000000000003", "1001", "Lionsgate &amp; Runway &lt;3 🎬"), reply,
                noLang).users(FRAME, KINO)));

        collector.collect(context());

        NewPost p = stored("1836000000000000003");
        assertThat(p.source()).isEqualTo("x");
        assertThat(p.sourceName()).isEqualTo("x.loopback");
        assertThat(p.url()).isEqualTo("https://x.com/framewatcher/status/1836000000000000003");
        assertThat(p.text()).isEqualTo("Lionsgate & Runway <3 🎬");
        assertThat(p.author()).isEqualTo(new Author("framewatcher", "Frame Watcher", "Film & labour. <3 cinema"));
        assertThat(p.lang()).isEqualTo("en");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-09-19T10:15:30Z"));
        assertThat(p.metrics()).isEqualTo(new Metrics(11, 5, 2, 1));
        assertThat(p.replyTo()).isNull();
        assertThat(p.repostOf()).isNull();
        NewPost r = stored("1836000000000000004");
        assertThat(r.text()).isEqualTo("Кинокомпания Lionsgate заключила сделку с Runway.");
        assertThat(r.lang()).isEqualTo("ru");
        assertThat(r.author().name()).isEqualTo("Киноман");
        assertThat(r.author().bio()).as("an empty bio is unknown").isNull();
        assertThat(r.replyTo()).isEqualTo("1835000000000000001");
        assertThat(stored("1836000000000000002").lang()).as("X's code for hashtags only").isNull();
    }

    @Test
    void shouldKeepTheWholeTextOfALongPost() {
        ObjectNode longPost = tweet("1836000000000000005", "1001", "A thread about Lionsgate and Runway that goes on…");
        longPost.putObject("note_tweet").put("text", "A thread about Lionsgate and Runway that goes on and on, well "
                + "past 280 characters, about what a model trained on a film library means for VFX crews &amp; editors.");
        server.then(page(new Page().data(longPost).users(FRAME)));

        collector.collect(context());

        assertThat(sink.posts.get(0).text()).endsWith("for VFX crews & editors.");
    }

    @Test
    void shouldCollapseRetweetsIntoTheOriginalStoredOnce() {
        ObjectNode original = tweet("1836000000000000001", "1002", "Original take on the deal");
        original.putObject("public_metrics").put("retweet_count", 42).put("reply_count", 3).put("like_count", 99)
                .put("quote_count", 4);
        server.then(page(new Page().data(retweet("1836000000000000010", "1001", "1836000000000000001", "kinoman"),
                retweet("1836000000000000009", "1003", "1836000000000000001", "kinoman"), original)
                .users(FRAME, KINO, user("1003", "fan", "Fan", "")).tweets(original)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        NewPost p = sink.posts.get(0);
        assertThat(p.externalId()).isEqualTo("1836000000000000001");
        assertThat(p.author().handle()).isEqualTo("kinoman");
        assertThat(p.text()).isEqualTo("Original take on the deal");
        assertThat(p.url()).isEqualTo("https://x.com/kinoman/status/1836000000000000001");
        assertThat(p.metrics()).isEqualTo(new Metrics(99, 42, 3, 4));
        assertThat(p.repostOf()).isNull();
        assertThat(c.stored()).isEqualTo(1);
        assertThat(cursors.values).as("the page's position is the newest row, a retweet's id included")
                .containsValue("1836000000000000010");
    }

    @Test
    void shouldPageByNextTokenAndReadNoMoreThanMaxPagesOnTheFirstRun() {
        server.then(page(new Page().data(tweet("40", "1001", "four")).users(FRAME).next("t1")),
                page(new Page().data(tweet("30", "1001", "three")).users(FRAME).next("t2")),
                page(new Page().data(tweet("20", "1001", "two")).users(FRAME).next("t3")),
                page(new Page().data(tweet("10", "1001", "one")).users(FRAME)));

        collector.collect(context());

        assertThat(paths()).hasSize(properties.maxPages());
        assertThat(paths()).extracting(p -> query(p, "next_token")).containsExactly(null, "t1", "t2");
        assertThat(sink.posts).extracting(NewPost::text).containsExactly("four", "three", "two");
        assertThat(cursors.values).containsValue("40");
    }

    @Test
    void shouldAskOnlySinceTheNewestIdOnTheNextRun() {
        server.then(page(new Page().data(tweet("40", "1001", "four"), tweet("30", "1001", "three")).users(FRAME)));
        collector.collect(context());
        server.then(page(new Page().data(tweet("50", "1001", "five")).users(FRAME)));
        CollectContext second = context();

        collector.collect(second);

        assertThat(query(paths().get(1), "since_id")).isEqualTo("40");
        assertThat(query(paths().get(1), "until_id")).isNull();
        assertThat(second.stored()).isEqualTo(1);
        assertThat(cursors.values).containsValue("50");

        server.then(page(new Page()));
        collector.collect(context());
        assertThat(query(paths().get(2), "since_id")).isEqualTo("50");
        assertThat(cursors.values).as("nothing new: the cursor stays").containsValue("50");
    }

    @Test
    void shouldKeepTheWindowLeftUnreadWhenALaterRunIsCutShortAndReadItBeforeMovingOn() {
        String key = "query:\"lionsgate runway\" or #lionsgaterunway";
        cursors.values.put(key, "100");
        server.then(page(new Page().data(tweet("190", "1001", "a")).users(FRAME).next("t1")),
                page(new Page().data(tweet("180", "1001", "b")).users(FRAME).next("t2")),
                page(new Page().data(tweet("170", "1001", "c")).users(FRAME).next("t3")));

        collector.collect(context());

        assertThat(cursors.values).containsEntry(key, "100 170 190");

        server.then(page(new Page().data(tweet("160", "1001", "d")).users(FRAME)));
        collector.collect(context());
        String gap = paths().get(3);
        assertThat(query(gap, "since_id")).isEqualTo("100");
        assertThat(query(gap, "until_id")).isEqualTo("170");
        assertThat(cursors.values).as("window read: on to the present").containsEntry(key, "190");

        server.then(page(new Page()));
        collector.collect(context());
        assertThat(query(paths().get(4), "since_id")).isEqualTo("190");
        assertThat(query(paths().get(4), "until_id")).isNull();
        assertThat(sink.posts).hasSize(4);
    }

    @Test
    void shouldStartAfreshWhenXNoLongerAcceptsTheStoredSinceId() {
        String key = "query:\"lionsgate runway\" or #lionsgaterunway";
        cursors.values.put(key, "1");
        server.then(problem(400, """
                {"errors":[{"parameters":{"since_id":["1"]},"message":"Invalid 'since_id':'1'. 'since_id' must be a \
                tweet id created after 2024-09-18T12:00Z, the start of the recent search window."}],
                 "title":"Invalid Request","detail":"One or more parameters to your request was invalid.",
                 "type":"https://api.twitter.com/2/problems/invalid-request"}"""),
                page(new Page().data(tweet("40", "1001", "four")).users(FRAME)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(query(paths().get(0), "since_id")).isEqualTo("1");
        assertThat(query(paths().get(1), "since_id")).isNull();
        assertThat(cursors.values).containsEntry(key, "40");
        assertThat(c.warnings()).singleElement().asString().contains("seven days");
    }

    @Test
    void shouldWarnAboutAQueryXRefusesAndStillReadTheOthers() {
        server.then(problem(400, """
                {"errors":[{"parameters":{"query":["(Lionsgate"]},"message":"There were errors processing your request: \
                missing closing parenthesis (at position 1)"}],"title":"Invalid Request",
                 "detail":"One or more parameters to your request was invalid.",
                 "type":"https://api.twitter.com/2/problems/invalid-request"}"""),
                page(new Page().data(tweet("40", "1001", "four")).users(FRAME)));
        CollectContext c = context(Map.of("queries", List.of("(Lionsgate", "Lionsgate Runway")));

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("(Lionsgate").contains("Invalid Request");
        assertThat(cursors.values).containsOnlyKeys("query:lionsgate runway");
    }

    @Test
    void shouldKeepTheDataAndWarnAboutErrorsBesideItAndTombstoneWhatXCannotFind() {
        server.then(page(new Page().data(tweet("1836000000000000001", "1002", "Original take")).users(KINO)));
        collector.collect(context());
        assertThat(sink.posts).hasSize(1);
        ObjectNode notFound = JSON.createObjectNode().put("value", "1836000000000000001")
                .put("detail", "Could not find tweet with referenced_tweets.id: [1836000000000000001].")
                .put("title", "Not Found Error").put("resource_type", "tweet").put("parameter", "referenced_tweets.id")
                .put("resource_id", "1836000000000000001")
                .put("type", "https://api.twitter.com/2/problems/resource-not-found");
        ObjectNode forbidden = JSON.createObjectNode().put("value", "1836000000000000002")
                .put("detail", "Sorry, you are not authorized to see the Tweet with referenced_tweets.id: "
                        + "[1836000000000000002].")
                .put("title", "Authorization Error").put("resource_type", "tweet")
                .put("parameter", "referenced_tweets.id").put("resource_id", "1836000000000000002")
                .put("type", "https://api.twitter.com/2/problems/not-authorized-for-resource");
        server.then(page(new Page().data(tweet("1836000000000000020", "1001", "Still here"),
                retweet("1836000000000000019", "1001", "1836000000000000001", "kinoman"),
                retweet("1836000000000000018", "1001", "1836000000000000002", "locked")).users(FRAME)
                .error(notFound).error(forbidden)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(stored("1836000000000000020").text()).isEqualTo("Still here");
        assertThat(stored("1836000000000000001").text()).as("a tombstone keeps no text").isEmpty();
        assertThat(sink.tombstones).containsExactly("x|1836000000000000001");
        assertThat(c.deleted()).isEqualTo(1);
        assertThat(c.stored()).isEqualTo(1);
        assertThat(c.skipped()).as("retweets whose original is gone").isEqualTo(2);
        assertThat(c.warnings()).singleElement().asString().contains("2 problems").contains("Not Found Error")
                .contains("Authorization Error").contains("kept");
    }

    // --- credentials and limits -----------------------------------------------------------------------

    @Test
    void shouldNeedCredentialsOnA401WithoutEchoingTheToken() {
        server.then(problem(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                + "\"detail\":\"Unauthorized\"}"));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("{\"bearerToken\"}").hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("reelpulse%2Fsecret");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).isEmpty();
    }

    @Test
    void shouldNeedCredentialsOnA403SayingWhatXSaid() {
        server.then(problem(403, """
                {"client_id":"29912345","detail":"When authenticating requests to the Twitter API v2 endpoints, you \
                must use keys and tokens from a Twitter developer App that is attached to a Project.",
                 "registration_url":"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden",
                 "required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled",
                 "type":"https://api.twitter.com/2/problems/client-forbidden"}"""));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("Client Forbidden").hasMessageContaining("403").hasMessageNotContaining(TOKEN);
    }

    @Test
    void shouldNeedCredentialsBeforeAskingAnythingWithoutAToken() {
        assertThatThrownBy(() -> collector.collect(context(Map.of("queries", List.of("Lionsgate")), Map.of(), List.of())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("{\"bearerToken\"");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldWaitForTheEpochResetOnA429AndThenRead() {
        server.then(body(429, json(Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset",
                String.valueOf(NOW.getEpochSecond() + 60))), ("{\"title\":\"Too Many Requests\",\"detail\":"
                        + "\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}").getBytes(StandardCharsets.UTF_8)),
                page(new Page().data(tweet("40", "1001", "four")).users(FRAME)));
        CollectContext c = context();

        collector.collect(c);

        assertThat(server.requests).hasSize(2);
        assertThat(sink.posts).hasSize(1);
        assertThat(sleeper.waits).as("recorded, never slept").contains(Duration.ofSeconds(60));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldFailWhenTheRateLimitResetIsLongerThanMaxWait() {
        server.then(body(429, json(Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset",
                String.valueOf(NOW.getEpochSecond() + 900))), "{\"title\":\"Too Many Requests\"}".getBytes()));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("max-wait");
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void shouldLeaveTheRunDegradedAndStoreNothingOnMalformedJson() {
        server.then(body(200, json(Map.of()), "{\"data\":[{\"id\":\"1\",\"text\":\"cut".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context()))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("JSON");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).isEmpty();
    }

    // --- queries from settings and tracked events -----------------------------------------------------

    @Test
    void shouldBuildOneOrQueryPerEventAndLanguageFromTheWatchedTerms() {
        server.then(page(new Page()));
        List<WatchTerms> watch = List.of(
                new WatchTerms("lionsgate-runway", "en", List.of("Lionsgate Runway", "\"video model\"", "Runway"),
                        List.of("LionsgateRunway"), List.of("lionsgate")),
                new WatchTerms("lionsgate-runway", null, List.of("Lionsgate"), List.of(), List.of()));

        collector.collect(context(Map.of(), Map.of("bearerToken", TOKEN), watch));

        assertThat(paths()).extracting(p -> query(p, "query")).containsExactly(
                "(\"Lionsgate Runway\" OR \"video model\" OR Runway OR #LionsgateRunway) lang:en", "Lionsgate");
    }

    @Test
    void shouldRestrictTheSourcesQueriesToItsLanguage() {
        server.then(page(new Page()));

        collector.collect(context(Map.of("queries", List.of("Lionsgate OR Runway"), "lang", "fr"), Map.of("bearerToken",
                TOKEN), List.of(new WatchTerms("e", "en", List.of("ignored"), List.of(), List.of()))));

        assertThat(paths()).extracting(p -> query(p, "query")).containsExactly("(Lionsgate OR Runway) lang:fr");
    }

    @Test
    void shouldCutAQueryLongerThan512CharactersIntoSeveral() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            terms.add("\"phrase number " + i + "\"");
        }

        List<String> queries = XCollector.orQueries(terms, "en");

        assertThat(queries).hasSizeGreaterThan(1).allSatisfy(q -> assertThat(q.length()).isLessThanOrEqualTo(512))
                .allSatisfy(q -> assertThat(q).startsWith("(").endsWith(") lang:en"));
        assertThat(String.join(" ", queries)).contains("\"phrase number 0\"").contains("\"phrase number 59\"");
    }

    @Test
    void shouldKeyALongQuerysCursorByItsDigestWithinTheColumnsLength() {
        String longQuery = "\"Lionsgate Runway\" OR " + "#LionsgateRunway OR ".repeat(20) + "Runway";

        assertThat(XCollector.key("#LionsgateRunway")).isEqualTo("query:#lionsgaterunway");
        assertThat(XCollector.key(longQuery)).startsWith("query:sha256:").hasSizeLessThanOrEqualTo(200)
                .isEqualTo(XCollector.key(longQuery.toUpperCase(java.util.Locale.ROOT)))
                .isNotEqualTo(XCollector.key(longQuery + " OR Lionsgate"));
    }

    @Test
    void shouldWarnWhenThereIsNothingToLookFor() {
        CollectContext c = context(Map.of(), Map.of("bearerToken", TOKEN), List.of());

        collector.collect(c);

        assertThat(server.requests).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("settings.queries");
    }

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("queries").add(" \"Lionsgate Runway\" OR #LionsgateRunway ").add("\"lionsgate runway\" or "
                + "#lionsgaterunway").add("Lionsgate -is:retweet");
        ok.put("lang", "EN");
        assertThat(collector.checkSettings(null, ok, strict).toString()).isEqualTo("{\"queries\":[\"\\\"Lionsgate Runway\\\" "
                + "OR #LionsgateRunway\",\"Lionsgate -is:retweet\"],\"lang\":\"en\"}");
        assertThat(collector.checkSettings(null, JsonNodeFactory.instance.objectNode(), strict).toString())
                .isEqualTo("{\"queries\":[]}");

        ObjectNode tooLong = JsonNodeFactory.instance.objectNode();
        tooLong.putArray("queries").add("x".repeat(505));
        tooLong.put("lang", "en");
        assertField(tooLong, "settings.queries");
        ObjectNode notList = JsonNodeFactory.instance.objectNode();
        notList.put("queries", "Lionsgate");
        assertField(notList, "settings.queries");
        ObjectNode lang = JsonNodeFactory.instance.objectNode();
        lang.put("lang", "und");
        assertField(lang, "settings.lang");
        ObjectNode unknown = JsonNodeFactory.instance.objectNode();
        unknown.put("accounts", "x");
        assertField(unknown, "settings.accounts");
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings(null, settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }
}
