package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

/** The Hacker News adapter over real HTTP on loopback, with answers in the Algolia HN Search API's JSON. */
class HackerNewsCollectorTest {

    /** CollectTesting's clock, 2024-09-25T12:00:00Z, in epoch seconds; and seven days before it. */
    static final long NOW = 1727265600L;
    static final long WEEK_AGO = NOW - 7 * 86400;

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final HackerNewsCollector collector = new HackerNewsCollector();
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    @AfterEach
    void stop() {
        server.close();
    }

    static String story(String id, long created, String title, String url, String storyText) {
        return """
                {"_highlightResult":{"title":{"matchLevel":"full","matchedWords":["lionsgate"],"value":"x"}},
                 "_tags":["story","author_filmfan_88","story_%s"],"author":"filmfan_88","children":[41581300],
                 "created_at":"%s","created_at_i":%d,"num_comments":3,"objectID":"%s","points":12,
                 "story_id":%s,"title":"%s","updated_at":"2024-09-25T11:00:00Z"%s%s}
                """.formatted(id, Instant.ofEpochSecond(created), created, id, id, title,
                url == null ? "" : ",\"url\":\"" + url + "\"",
                storyText == null ? "" : ",\"story_text\":\"" + storyText + "\"");
    }

    static String comment(String id, long created, String author, String text) {
        return """
                {"_highlightResult":{},"_tags":["comment","author_%s","story_41581234"],"author":%s,
                 "comment_text":%s,"created_at":"%s","created_at_i":%d,"objectID":"%s","parent_id":41581234,
                 "points":null,"story_id":41581234,"story_title":"Lionsgate signs deal with AI company Runway",
                 "story_url":"https://www.theverge.com/2024/9/18/lionsgate-runway-ai-deal","updated_at":"2024-09-25T11:00:00Z"}
                """.formatted(author, author == null ? "null" : "\"" + author + "\"",
                text == null ? "null" : "\"" + text + "\"", Instant.ofEpochSecond(created), created, id);
    }

    static String result(int nbHits, int nbPages, int page, String... hits) {
        return """
                {"exhaustive":{"nbHits":true,"typo":true},"exhaustiveNbHits":true,"exhaustiveTypo":true,
                 "hits":[%s],"hitsPerPage":200,"nbHits":%d,"nbPages":%d,"page":%d,
                 "params":"query=x&tags=%%28story%%2Ccomment%%29","processingTimeMS":3,"query":"x","serverTimeMS":5}
                """.formatted(String.join(",", hits), nbHits, nbPages, page);
    }

    private static LoopbackServer.Answer answer(String json) {
        return body(200, Map.of("Content-Type", "application/json; charset=utf-8",
                "Access-Control-Allow-Origin", "*"), json.getBytes(StandardCharsets.UTF_8));
    }

    private CollectContext context(Map<String, Object> settings, List<WatchTerms> watch, PoliteHttp with) {
        JsonNode checked = collector.checkSettings(null, new ObjectMapper().valueToTree(settings), new SsrfGuard(true));
        CollectSource source = new CollectSource(2, HackerNewsCollector.KIND, "Hacker News", server.uri("/").toString(),
                checked, List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null, null, null, null, null, null);
        return new CollectContext(source, Map.of(), with.session(), cursors, sink, CollectTesting.clock(), watch);
    }

    private CollectContext context() {
        return context(Map.of("queries", List.of("Lionsgate Runway")), List.of(), http);
    }

    /** The decoded query string of the n-th request. */
    private String query(int n) {
        String path = server.requests.get(n).path();
        return URLDecoder.decode(path.substring(path.indexOf('?') + 1), StandardCharsets.UTF_8);
    }

    private NewPost stored(String id) {
        return sink.posts.stream().filter(p -> p.externalId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldReadEveryPageOfTheWindowAndStoreOldestFirst() {
        server.then(answer(result(3, 2, 0, comment("41581300", WEEK_AGO + 5000, "crew_member", "Third"),
                story("41581250", WEEK_AGO + 4000, "Second", null, "Ask HN text"))),
                answer(result(3, 2, 1, story("41581234", WEEK_AGO + 3000, "First", "https://www.theverge.com/a", null))));
        CollectContext c = context();

        collector.collect(c);

        assertThat(server.requests).extracting(LoopbackServer.Seen::path).allMatch(p -> p.startsWith("/api/v1/search_by_date?"));
        assertThat(query(0)).isEqualTo("query=Lionsgate Runway&tags=(story,comment)&numericFilters=created_at_i>"
                + WEEK_AGO + ",created_at_i<=" + NOW + "&hitsPerPage=200&page=0");
        assertThat(query(1)).endsWith("&page=1");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581234", "41581250", "41581300");
        assertThat(cursors.values).containsEntry("query:lionsgate runway", Long.toString(WEEK_AGO + 5000));
        assertThat(c.stored()).isEqualTo(3);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldHalveAWindowWithMoreThanAThousandHitsSoNoneIsLost() {
        long mid = WEEK_AGO + (NOW - WEEK_AGO) / 2;
        long threeQuarters = mid + (NOW - mid) / 2;
        server.then(answer(result(1500, 5, 0, story("1", NOW - 10, "too many", null, null))),
                answer(result(1, 1, 0, story("41581234", WEEK_AGO + 10, "Oldest", null, null))),
                answer(result(1200, 5, 0, story("1", NOW - 10, "still too many", null, null))),
                answer(result(1, 1, 0, story("41581300", mid + 10, "Middle", null, null))),
                answer(result(1, 1, 0, story("41581400", NOW - 10, "Newest", null, null))));
        CollectContext c = context();

        collector.collect(c);

        assertThat(List.of(query(0), query(1), query(2), query(3), query(4))).extracting(q -> q.replaceAll(
                ".*numericFilters=([^&]*).*", "$1")).containsExactly(
                "created_at_i>" + WEEK_AGO + ",created_at_i<=" + NOW,
                "created_at_i>" + WEEK_AGO + ",created_at_i<=" + mid,
                "created_at_i>" + mid + ",created_at_i<=" + NOW,
                "created_at_i>" + mid + ",created_at_i<=" + threeQuarters,
                "created_at_i>" + threeQuarters + ",created_at_i<=" + NOW);
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581234", "41581300", "41581400");
        assertThat(cursors.values).containsEntry("query:lionsgate runway", Long.toString(NOW - 10));
    }

    @Test
    void shouldCleanHtmlAndEntitiesKeepingEmojiAndOtherScripts() {
        server.then(answer(result(2, 1, 0,
                comment("41581300", WEEK_AGO + 200, "crew_member", "Unions won&#x27;t like this &amp; neither will crews 😬"
                        + "<p>Кино и ИИ: <a href=\\\"https:&#x2F;&#x2F;example.com&#x2F;a\\\" rel=\\\"nofollow\\\">"
                        + "https:&#x2F;&#x2F;example.com&#x2F;a</a> 映画"),
                story("41581234", WEEK_AGO + 100, "Lionsgate &amp; Runway", null,
                        "Ask HN: <i>what</i> does this mean for VFX?<p>Thoughts &gt; hype"))));

        collector.collect(context());

        NewPost k = stored("41581300");
        assertThat(k.text()).isEqualTo("Unions won't like this & neither will crews 😬\n\n"
                + "Кино и ИИ: https://example.com/a 映画");
        assertThat(k.url()).isEqualTo("https://news.ycombinator.com/item?id=41581300");
        assertThat(k.author()).isEqualTo(new Author("crew_member", "crew_member", null));
        assertThat(k.metrics()).isEqualTo(Metrics.UNKNOWN);
        assertThat(k.replyTo()).isEqualTo("41581234");
        assertThat(k.publishedAt()).isEqualTo(Instant.ofEpochSecond(WEEK_AGO + 200));
        assertThat(k.source()).isEqualTo("hackernews");
        assertThat(k.sourceName()).isEqualTo("Hacker News");
        NewPost s = stored("41581234");
        assertThat(s.text()).isEqualTo("Lionsgate & Runway\n\nAsk HN: what does this mean for VFX?\n\nThoughts > hype");
        assertThat(s.metrics()).isEqualTo(new Metrics(12, null, 3, null));
        assertThat(s.replyTo()).isNull();
    }

    @Test
    void shouldStoreOneStoryPerLinkAndRecogniseResubmissionsInLaterRuns() {
        server.then(answer(result(3, 1, 0,
                story("41590000", WEEK_AGO + 900, "Lionsgate and Runway (resubmitted)",
                        "https://theverge.com/2024/9/18/lionsgate-runway/?utm_source=hn#comments", null),
                story("41585000", WEEK_AGO + 500, "Ask HN: Lionsgate and Runway?", null, "What now?"),
                story("41581234", WEEK_AGO + 100, "Lionsgate signs deal with Runway",
                        "https://www.theverge.com/2024/9/18/lionsgate-runway", null))));
        CollectContext first = context();
        collector.collect(first);

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581234", "41585000");
        assertThat(first.skipped()).isEqualTo(1);
        server.requests.clear();

        // the next run: the resubmission again (the overlap) and one more, over http this time
        server.then(answer(result(2, 1, 0,
                story("41600000", WEEK_AGO + 2000, "Lionsgate x Runway", "http://www.theverge.com/2024/9/18/lionsgate-runway",
                        null),
                story("41590000", WEEK_AGO + 900, "Lionsgate and Runway (resubmitted)",
                        "https://theverge.com/2024/9/18/lionsgate-runway/?utm_source=hn#comments", null))));
        CollectContext second = context();
        collector.collect(second);

        assertThat(query(0)).contains("created_at_i>" + (WEEK_AGO + 900 - 600) + ",");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581234", "41585000");
        assertThat(second.skipped()).isEqualTo(2);
        assertThat(second.stored()).isZero();
    }

    @Test
    void shouldTombstoneHitsThatLostTheirAuthorOrText() {
        sink.insertNew(List.of(new NewPost("hackernews", "41581300", "https://news.ycombinator.com/item?id=41581300",
                new Author("crew_member", "crew_member", null), "Stored before", null, Instant.ofEpochSecond(WEEK_AGO + 50),
                Metrics.UNKNOWN, "41581234", null, "Hacker News")));
        server.then(answer(result(3, 1, 0,
                comment("41581302", WEEK_AGO + 300, "crew_member", "Still here"),
                comment("41581301", WEEK_AGO + 200, "someone", "[flagged]"),
                comment("41581300", WEEK_AGO + 100, null, null))));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.tombstones).containsExactly("hackernews|41581300");
        assertThat(stored("41581300").text()).isEmpty();
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581300", "41581302");
        assertThat(c.deleted()).isEqualTo(1);
    }

    @Test
    void shouldResumeFromTheCursorAfterARunStoppedMidwayWithoutDuplicates() {
        long mid = WEEK_AGO + (NOW - WEEK_AGO) / 2;
        server.then(answer(result(1500, 5, 0)),
                answer(result(2, 1, 0, story("41581300", mid - 100, "Older half, newest", null, null),
                        story("41581234", WEEK_AGO + 10, "Older half, oldest", null, null))),
                answer(result(1, 1, 0, story("41590000", NOW - 10, "Newer half", null, null)).substring(0, 120)));
        assertThatThrownBy(() -> collector.collect(context())).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED));
        assertThat(sink.posts).hasSize(2);
        assertThat(cursors.values).containsEntry("query:lionsgate runway", Long.toString(mid - 100));
        server.requests.clear();

        server.then(answer(result(2, 1, 0, story("41590000", NOW - 10, "Newer half", null, null),
                story("41581300", mid - 100, "Older half, newest", null, null))));
        CollectContext again = context();
        collector.collect(again);

        assertThat(query(0)).contains("numericFilters=created_at_i>" + (mid - 100 - 600) + ",created_at_i<=" + NOW);
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("41581234", "41581300", "41590000");
        assertThat(again.stored()).isEqualTo(1);
        assertThat(cursors.values).containsEntry("query:lionsgate runway", Long.toString(NOW - 10));
    }

    @Test
    void shouldSearchEachPhraseAndHashtagOfTheTrackedEventsOnItsOwn() {
        server.then(answer(result(0, 0, 0)));
        List<WatchTerms> watch = List.of(
                new WatchTerms("lionsgate-runway", "en", List.of("Lionsgate Runway", "Runway"), List.of("LionsgateRunway"),
                        List.of("lionsgate")),
                new WatchTerms("lionsgate-runway", "de", List.of("lionsgate runway"), List.of(), List.of()));
        CollectContext c = context(Map.of("tags", List.of("story")), watch, http);

        collector.collect(c);

        assertThat(List.of(query(0), query(1), query(2))).extracting(q -> q.replaceAll("&numericFilters.*", ""))
                .containsExactly("query=Lionsgate Runway&tags=story", "query=Runway&tags=story",
                        "query=LionsgateRunway&tags=story");
        assertThat(server.requests).hasSize(3);
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).as("nothing found, nothing moved").isEmpty();
    }

    @Test
    void shouldWarnWhenThereIsNothingToSearchFor() {
        CollectContext c = context(Map.of(), List.of(), http);

        collector.collect(c);

        assertThat(server.requests).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("settings.queries");
    }

    @Test
    void shouldGetThroughA429WithRetryAfterAndA5xx() {
        server.then(LoopbackServer.status(429, Map.of("Retry-After", "30")), LoopbackServer.status(502, Map.of()),
                answer(result(1, 1, 0, story("41581234", WEEK_AGO + 10, "A", null, null))));
        CollectContext c = context();

        collector.collect(c);

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(3);
        assertThat(sleeper.waits.get(0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldGetThroughATimeout() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(300)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        server.then(ex -> {
            try {
                stalled.await(5, java.util.concurrent.TimeUnit.SECONDS); // far past the 300 ms read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, answer(result(1, 1, 0, story("41581234", WEEK_AGO + 10, "A", null, null))));
        CollectContext c = context(Map.of("queries", List.of("Runway")), List.of(), impatient);

        collector.collect(c);
        stalled.countDown();

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheRunDegradedOnMalformedJsonOrAnotherShape() {
        cursors.put("query:lionsgate runway", Long.toString(WEEK_AGO));
        server.then(answer(result(1, 1, 0, story("41581234", WEEK_AGO + 10, "A", null, null)).substring(0, 200)));
        assertThatThrownBy(() -> collector.collect(context())).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED)).hasMessageContaining("JSON");

        server.then(answer("{\"message\":\"Index not available\",\"status\":200}"));
        assertThatThrownBy(() -> collector.collect(context())).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED)).hasMessageContaining("nbHits");

        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).containsExactly(Map.entry("query:lionsgate runway", Long.toString(WEEK_AGO)));
    }

    @Test
    void shouldFailWhenTheApiRefusesTheSearch() {
        server.then(body(400, Map.of("Content-Type", "application/json"),
                "{\"message\":\"invalid numeric filter\",\"status\":400}".getBytes()));

        assertThatThrownBy(() -> collector.collect(context())).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED)).hasMessageContaining("400");
    }

    @Test
    void shouldNormaliseLinksSoResubmissionsMatch() {
        assertThat(HackerNewsCollector.normalise("https://www.TheVerge.com/a/b/?utm_source=hn&id=3#top"))
                .isEqualTo(HackerNewsCollector.normalise("http://theverge.com/a/b?id=3"))
                .isEqualTo("theverge.com/a/b?id=3");
        assertThat(HackerNewsCollector.normalise("https://example.com/a?id=3"))
                .isNotEqualTo(HackerNewsCollector.normalise("https://example.com/a?id=4"));
    }

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("queries").add("Lionsgate Runway").add("lionsgate runway").add("Runway");
        assertThat(collector.checkSettings(null, ok, strict).toString()).isEqualTo("{\"queries\":[\"Lionsgate Runway\","
                + "\"Runway\"],\"tags\":[\"story\",\"comment\"],\"since\":\"P7D\"}");
        ObjectNode some = JsonNodeFactory.instance.objectNode();
        some.putArray("tags").add("Comment");
        some.put("since", "P30D");
        assertThat(collector.checkSettings(null, some, strict).toString()).isEqualTo("{\"queries\":[],"
                + "\"tags\":[\"comment\"],\"since\":\"P30D\"}");

        ObjectNode badTag = JsonNodeFactory.instance.objectNode();
        badTag.putArray("tags").add("poll");
        assertField(badTag, "settings.tags");
        ObjectNode badSince = JsonNodeFactory.instance.objectNode();
        badSince.put("since", "a week");
        assertField(badSince, "settings.since");
        ObjectNode tooFar = JsonNodeFactory.instance.objectNode();
        tooFar.put("since", "P400D");
        assertField(tooFar, "settings.since");
        ObjectNode blank = JsonNodeFactory.instance.objectNode();
        blank.putArray("queries").add("");
        assertField(blank, "settings.queries");
        ObjectNode unknown = JsonNodeFactory.instance.objectNode();
        unknown.put("hitsPerPage", 1000);
        assertField(unknown, "settings.hitsPerPage");
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings(null, settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }
}
