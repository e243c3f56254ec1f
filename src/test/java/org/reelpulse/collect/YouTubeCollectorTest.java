package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.InsertOutcome;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The YouTube adapter over real HTTP on loopback, with answers in the Data API v3's JSON. */
class YouTubeCollectorTest {

    static final String VIDEO = "Lg8uvk3Yx0E";
    static final String OTHER = "Zq3xY7w1AbC";
    static final String CHANNEL = "UCabcdefghijklmnopqrstuv";
    static final String KEY = "AIzaSyTESTKEY-not-real_123456789";

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final CollectProperties properties = CollectTesting.properties(true, Duration.ofSeconds(5));
    private final PoliteHttp http = new PoliteHttp(properties, new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final YouTubeCollector collector = new YouTubeCollector(properties);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    /** Keeps every post offered, so a re-offered edit can be seen. */
    private final List<NewPost> offered = new ArrayList<>();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();
    private final CollectContext.PostSink recording = new CollectContext.PostSink() {
        @Override
        public InsertOutcome insertNew(List<NewPost> batch) {
            offered.addAll(batch);
            return sink.insertNew(batch);
        }

        @Override
        public boolean tombstone(String source, String externalId) {
            return sink.tombstone(source, externalId);
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    /** A comment resource as the API writes it. */
    static String comment(String id, String video, String text, String published, String parent, int likes) {
        return """
                {"kind":"youtube#comment","etag":"e-%s","id":"%s",
                 "snippet":{"channelId":"UCstudio000000000000000a","videoId":"%s","textDisplay":"%s","textOriginal":"%s",
                  %s"authorDisplayName":"@frame-watcher","authorProfileImageUrl":"https://yt3.ggpht.com/a/x=s48",
                  "authorChannelUrl":"http://www.youtube.com/@frame-watcher","authorChannelId":{"value":"UCviewer00000000000000aa"},
                  "canRate":true,"viewerRating":"none","likeCount":%d,"publishedAt":"%s","updatedAt":"%s"}}
                """.formatted(id, id, video, text, text, parent == null ? "" : "\"parentId\":\"" + parent + "\",", likes,
                published, published);
    }

    static String thread(String id, String video, String text, String published, int totalReplies, String... replies) {
        return """
                {"kind":"youtube#commentThread","etag":"t-%s","id":"%s",
                 "snippet":{"channelId":"UCstudio000000000000000a","videoId":"%s","topLevelComment":%s,
                  "canReply":true,"totalReplyCount":%d,"isPublic":true}%s}
                """.formatted(id, id, video, comment(id, video, text, published, null, 7), totalReplies,
                replies.length == 0 ? "" : ",\"replies\":{\"comments\":[" + String.join(",", replies) + "]}");
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json; charset=UTF-8", "Vary", "Origin, X-Origin, Referer");
    }

    static LoopbackServer.Answer threads(String next, String... threads) {
        return body(200, json(), ("{\"kind\":\"youtube#commentThreadListResponse\",\"etag\":\"x\","
                + (next == null ? "" : "\"nextPageToken\":\"" + next + "\",")
                + "\"pageInfo\":{\"totalResults\":" + threads.length + ",\"resultsPerPage\":100},\"items\":["
                + String.join(",", threads) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    static LoopbackServer.Answer comments(String next, String... comments) {
        return body(200, json(), ("{\"kind\":\"youtube#commentListResponse\",\"etag\":\"y\","
                + (next == null ? "" : "\"nextPageToken\":\"" + next + "\",") + "\"items\":["
                + String.join(",", comments) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    static LoopbackServer.Answer error(int code, String reason, String message) {
        return body(code, json(), ("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{"
                + "\"message\":\"" + message + "\",\"domain\":\"youtube.quota\",\"reason\":\"" + reason + "\"}]}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private CollectContext context(Map<String, Object> settings) {
        return context(settings, Map.of("apiKey", KEY), List.of());
    }

    private CollectContext context(Map<String, Object> settings, Map<String, String> credentials,
            List<WatchTerms> watch) {
        ObjectNode s = (ObjectNode) collector.checkSettings(null, new ObjectMapper().valueToTree(settings),
                new SsrfGuard(true));
        CollectSource source = new CollectSource(1, YouTubeCollector.KIND, "YouTube trailers",
                server.uri("/youtube/v3").toString(), s, List.of(), Duration.ofMinutes(15), true, CollectSource.NEW, null,
                null, null, null, null, null);
        return new CollectContext(source, credentials, http.session(), cursors, recording, CollectTesting.clock(), watch);
    }

    private NewPost post(String id) {
        return sink.posts.stream().filter(p -> p.externalId().equals(id)).findFirst().orElseThrow();
    }

    private List<String> paths() {
        return server.requests.stream().map(LoopbackServer.Seen::path).toList();
    }

    static final String T1 = thread("UgzT1", VIDEO, "Lionsgate &amp; Runway? I&#39;m worried 🎬", "2024-09-20T10:00:00Z", 1,
            comment("UgzT1.r1", VIDEO, "Same &quot;here&quot;", "2024-09-20T11:00:00Z", "UgzT1", 2));
    static final String T2 = thread("UgzT2", VIDEO, "Кинокомпания Lionsgate и Runway 映画", "2024-09-19T09:00:00Z", 0);
    static final String T3 = thread("UgzT3", VIDEO, "first!", "2024-09-18T08:00:00Z", 0);

    @Test
    void shouldReadEveryPageOfAVideosThreadsWithTheKeyInAHeaderOnly() {
        server.then(threads("PAGE2", T1, T2), threads(null, T3));
        CollectContext c = context(Map.of("videos", List.of(VIDEO)));

        collector.collect(c);

        assertThat(paths()).containsExactly(
                "/youtube/v3/commentThreads?part=snippet,replies&videoId=" + VIDEO
                        + "&order=time&maxResults=100&textFormat=plainText",
                "/youtube/v3/commentThreads?part=snippet,replies&videoId=" + VIDEO
                        + "&order=time&maxResults=100&textFormat=plainText&pageToken=PAGE2");
        assertThat(server.requests).allSatisfy(r -> {
            assertThat(r.headers().getFirst("X-Goog-Api-Key")).isEqualTo(KEY);
            assertThat(r.path()).doesNotContain("key=").doesNotContain(KEY);
        });
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("UgzT1", "UgzT1.r1", "UgzT2", "UgzT3");
        assertThat(cursors.values).containsEntry("video:" + VIDEO, "2024-09-20T10:00:00Z")
                .containsEntry(YouTubeCollector.QUOTA, "2024-09-25 2");
        assertThat(c.stored()).isEqualTo(4);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldMapACommentWithEntitiesDecodedEmojiAndOtherScriptsKept() {
        server.then(threads(null, T1, T2));

        collector.collect(context(Map.of("videos", List.of(VIDEO))));

        NewPost top = post("UgzT1");
        assertThat(top.source()).isEqualTo("youtube");
        assertThat(top.sourceName()).isEqualTo("YouTube trailers");
        assertThat(top.text()).isEqualTo("Lionsgate & Runway? I'm worried 🎬");
        assertThat(top.url()).isEqualTo("https://www.youtube.com/watch?v=" + VIDEO + "&lc=UgzT1");
        assertThat(top.author().handle()).isEqualTo("UCviewer00000000000000aa");
        assertThat(top.author().name()).isEqualTo("@frame-watcher");
        assertThat(top.metrics()).isEqualTo(new Metrics(7, null, 1, null));
        assertThat(top.publishedAt()).isEqualTo(Instant.parse("2024-09-20T10:00:00Z"));
        assertThat(top.replyTo()).isNull();
        NewPost reply = post("UgzT1.r1");
        assertThat(reply.text()).isEqualTo("Same \"here\"");
        assertThat(reply.replyTo()).isEqualTo("UgzT1");
        assertThat(reply.url()).isEqualTo("https://www.youtube.com/watch?v=" + VIDEO + "&lc=UgzT1.r1");
        assertThat(reply.metrics().likes()).isEqualTo(2);
        assertThat(post("UgzT2").text()).isEqualTo("Кинокомпания Lionsgate и Runway 映画");
    }

    @Test
    void shouldFetchTheRepliesBeyondTheEmbeddedOnesPageByPage() {
        String busy = thread("UgzB", VIDEO, "busy thread", "2024-09-20T10:00:00Z", 3,
                comment("UgzB.1", VIDEO, "one", "2024-09-20T10:01:00Z", "UgzB", 0));
        server.then(threads(null, busy),
                comments("R2", comment("UgzB.1", VIDEO, "one", "2024-09-20T10:01:00Z", "UgzB", 0),
                        comment("UgzB.2", VIDEO, "two", "2024-09-20T10:02:00Z", "UgzB", 0)),
                comments(null, comment("UgzB.3", VIDEO, "three", "2024-09-20T10:03:00Z", "UgzB", 0)));
        CollectContext c = context(Map.of("videos", List.of(VIDEO)));

        collector.collect(c);

        assertThat(paths()).containsExactly(
                "/youtube/v3/commentThreads?part=snippet,replies&videoId=" + VIDEO
                        + "&order=time&maxResults=100&textFormat=plainText",
                "/youtube/v3/comments?part=snippet&parentId=UgzB&maxResults=100&textFormat=plainText",
                "/youtube/v3/comments?part=snippet&parentId=UgzB&maxResults=100&textFormat=plainText&pageToken=R2");
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("UgzB", "UgzB.1", "UgzB.2", "UgzB.3");
        assertThat(cursors.values).containsEntry(YouTubeCollector.QUOTA, "2024-09-25 3");
    }

    @Test
    void shouldStopPagingAtCommentsOlderThanTheNewestSeenAndReofferEdits() {
        cursors.values.put("video:" + VIDEO, "2024-09-19T09:00:00Z");
        String newer = thread("UgzN", VIDEO, "a new take", "2024-09-24T08:00:00Z", 0);
        String edited = T2.replace("Кинокомпания Lionsgate и Runway 映画", "Кинокомпания Lionsgate и Runway (edited)")
                .replace("\"updatedAt\":\"2024-09-19T09:00:00Z\"", "\"updatedAt\":\"2024-09-23T09:00:00Z\"");
        server.then(threads("PAGE2", newer, T1), threads("PAGE3", edited, T3), threads(null, T3));
        CollectContext c = context(Map.of("videos", List.of(VIDEO)));

        collector.collect(c);

        assertThat(server.requests).as("the page reaching an older comment is the last").hasSize(2);
        assertThat(offered).extracting(NewPost::text).contains("Кинокомпания Lionsgate и Runway (edited)");
        assertThat(cursors.values).containsEntry("video:" + VIDEO, "2024-09-24T08:00:00Z");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldResumeAfterARunCutShortWithoutStoringAnythingTwice() {
        server.then(threads("PAGE2", T1, T2), LoopbackServer.status(503, Map.of()));
        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO)))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("503");
        assertThat(sink.posts).hasSize(3);
        assertThat(cursors.values).as("not read to the end: no cursor").doesNotContainKey("video:" + VIDEO);
        assertThat(cursors.values).as("every attempt counted").containsEntry(YouTubeCollector.QUOTA, "2024-09-25 4");
        server.requests.clear();

        server.then(threads("PAGE2", T1, T2), threads(null, T3));
        CollectContext second = context(Map.of("videos", List.of(VIDEO)));
        collector.collect(second);

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("UgzT1", "UgzT1.r1", "UgzT2", "UgzT3");
        assertThat(second.stored()).isEqualTo(1);
        assertThat(cursors.values).containsEntry("video:" + VIDEO, "2024-09-20T10:00:00Z")
                .containsEntry(YouTubeCollector.QUOTA, "2024-09-25 6");
    }

    @Test
    void shouldStopCleanlyWhenTheQuotaIsSpentAndAskNothingUntilMidnightPacific() {
        server.then(threads(null, T1), error(403, "quotaExceeded", "The request cannot be completed because you have "
                + "exceeded your \\u003ca href=\\\"/youtube/v3/getting-started#quota\\\"\\u003equota\\u003c/a\\u003e."));
        CollectContext c = context(Map.of("videos", List.of(VIDEO, OTHER)));

        assertThatThrownBy(() -> collector.collect(c))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("midnight Pacific Time (2024-09-26T07:00:00Z)").hasMessageContaining("2 quota units")
                .hasMessageNotContaining(KEY);
        assertThat(sink.posts).hasSize(2);
        assertThat(cursors.values).containsEntry("video:" + VIDEO, "2024-09-20T10:00:00Z")
                .containsEntry(YouTubeCollector.QUOTA_BLOCKED, "2024-09-26T07:00:00Z");
        server.requests.clear();

        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO, OTHER)))))
                .isInstanceOf(CollectException.class).hasMessageContaining("no request is made");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldSkipAVideoWithCommentsTurnedOffWithoutAWarning() {
        server.then(error(403, "commentsDisabled", "The video identified by the videoId parameter has disabled comments."),
                threads(null, T3.replace(VIDEO, OTHER)));
        CollectContext c = context(Map.of("videos", List.of(VIDEO, OTHER)));

        collector.collect(c);

        assertThat(c.warnings()).isEmpty();
        assertThat(sink.posts).extracting(NewPost::url)
                .containsExactly("https://www.youtube.com/watch?v=" + OTHER + "&lc=UgzT3");
        assertThat(cursors.values).doesNotContainKey("video:" + VIDEO).containsKey("video:" + OTHER);
    }

    @Test
    void shouldWarnAboutAnUnknownVideoAndReadTheOthers() {
        server.then(error(404, "videoNotFound", "The video identified by the videoId parameter could not be found."),
                threads(null, T3.replace(VIDEO, OTHER)));
        CollectContext c = context(Map.of("videos", List.of(VIDEO, OTHER)));

        collector.collect(c);

        assertThat(c.warnings()).singleElement().asString().contains(VIDEO).contains("settings.videos");
        assertThat(sink.posts).hasSize(1);
    }

    @Test
    void shouldNeedCredentialsWhenTheKeyIsRefusedAndNeverEchoIt() {
        server.then(body(400, json(), ("{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid "
                + "API key.\",\"errors\":[{\"message\":\"API key not valid. Please pass a valid API key.\",\"domain\":"
                + "\"global\",\"reason\":\"badRequest\"}],\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":"
                + "\"googleapis.com\",\"metadata\":{\"service\":\"youtube.googleapis.com\"}}]}}")
                .getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO)))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("API key not valid").hasMessageContaining("{\"apiKey\"}")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void shouldNeedCredentialsForAForbiddenKey() {
        server.then(error(403, "forbidden", "Access forbidden."));

        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO)))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS));
    }

    @Test
    void shouldAskForAKeyBeforeAnyRequest() {
        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO)), Map.of(), List.of())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("apiKey");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldKeepTheKeyOutOfTheMessageWhenTheServerCannotBeReached() {
        server.close();
        CollectContext c = context(Map.of("videos", List.of(VIDEO)));

        assertThatThrownBy(() -> collector.collect(c)).isInstanceOf(CollectException.class)
                .hasMessageNotContaining(KEY).hasMessageNotContaining("key=");
    }

    @Test
    void shouldGetThroughA429AndA5xx() {
        server.then(LoopbackServer.status(429, Map.of("Retry-After", "3")), LoopbackServer.status(500, Map.of()),
                threads(null, T1));
        CollectContext c = context(Map.of("videos", List.of(VIDEO)));

        collector.collect(c);

        assertThat(sink.posts).hasSize(2);
        assertThat(sleeper.waits).contains(Duration.ofSeconds(3));
        assertThat(cursors.values).containsEntry(YouTubeCollector.QUOTA, "2024-09-25 3");
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
        }, threads(null, T2));
        CollectContext base = context(Map.of("videos", List.of(VIDEO)));
        CollectContext c = new CollectContext(base.source(), base.credentials(), impatient.session(), cursors,
                recording, CollectTesting.clock());

        collector.collect(c);
        stalled.countDown();

        assertThat(sink.posts).hasSize(1);
        assertThat(c.http().requests()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheRunDegradedOnMalformedJson() {
        server.then(body(200, json(), "{\"kind\":\"youtube#commentThreadListResponse\",\"items\":[{\"id\""
                .getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context(Map.of("videos", List.of(VIDEO)))))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining("JSON");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).doesNotContainKey("video:" + VIDEO);
    }

    @Test
    void shouldReadAChannelsThreadsWithEachCommentsOwnVideo() {
        server.then(threads(null, T1.replace(VIDEO, OTHER)));

        collector.collect(context(Map.of("channels", List.of(CHANNEL))));

        assertThat(paths()).containsExactly("/youtube/v3/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId="
                + CHANNEL + "&order=time&maxResults=100&textFormat=plainText");
        assertThat(post("UgzT1").url()).isEqualTo("https://www.youtube.com/watch?v=" + OTHER + "&lc=UgzT1");
        assertThat(cursors.values).containsKey("channel:" + CHANNEL);
    }

    @Test
    void shouldSearchOnlyWhenAskedAndNotAgainBeforeSearchEvery() {
        String found = "{\"kind\":\"youtube#searchListResponse\",\"etag\":\"s\",\"regionCode\":\"US\","
                + "\"pageInfo\":{\"totalResults\":1,\"resultsPerPage\":50},\"items\":[{\"kind\":\"youtube#searchResult\","
                + "\"etag\":\"r\",\"id\":{\"kind\":\"youtube#video\",\"videoId\":\"" + OTHER + "\"},\"snippet\":{"
                + "\"publishedAt\":\"2024-09-24T16:00:00Z\",\"channelId\":\"" + CHANNEL + "\",\"title\":\"Lionsgate "
                + "&amp; Runway explained\",\"liveBroadcastContent\":\"none\"}}]}";
        server.then(body(200, json(), found.getBytes(StandardCharsets.UTF_8)), threads(null, T3.replace(VIDEO, OTHER)));
        List<WatchTerms> watch = List.of(new WatchTerms("lionsgate-runway", "en", List.of("Lionsgate Runway"),
                List.of("LionsgateRunway"), List.of()));
        CollectContext c = context(Map.of("search", true), Map.of("apiKey", KEY), watch);

        collector.collect(c);

        assertThat(paths()).containsExactly("/youtube/v3/search?part=snippet&type=video&order=date&maxResults=50"
                        + "&q=%22Lionsgate+Runway%22%7C%23LionsgateRunway&publishedAfter=2024-09-18T12%3A00%3A00Z"
                        + "&relevanceLanguage=en",
                "/youtube/v3/commentThreads?part=snippet,replies&videoId=" + OTHER
                        + "&order=time&maxResults=100&textFormat=plainText");
        assertThat(sink.posts).hasSize(1);
        assertThat(cursors.values).containsEntry(YouTubeCollector.QUOTA, "2024-09-25 101")
                .containsEntry(YouTubeCollector.SEARCH_LAST, "2024-09-25T12:00:00Z");
        server.requests.clear();

        server.then(threads(null));
        collector.collect(context(Map.of("search", true), Map.of("apiKey", KEY), watch));

        assertThat(paths()).as("the found video is followed, no new search before searchEvery").containsExactly(
                "/youtube/v3/commentThreads?part=snippet,replies&videoId=" + OTHER
                        + "&order=time&maxResults=100&textFormat=plainText");
    }

    @Test
    void shouldStopAtTheDailyBudgetWithAWarning() {
        cursors.values.put(YouTubeCollector.QUOTA, "2024-09-25 9");
        server.then(threads("PAGE2", T1), threads(null, T2));
        CollectContext c = context(Map.of("videos", List.of(VIDEO), "dailyUnits", 10));

        collector.collect(c);

        assertThat(server.requests).hasSize(1);
        assertThat(c.warnings()).singleElement().asString().contains("settings.dailyUnits").contains("10");
        assertThat(cursors.values).containsEntry(YouTubeCollector.QUOTA, "2024-09-25 10")
                .doesNotContainKey("video:" + VIDEO);
    }

    @Test
    void shouldLeaveTheSearchOutButReadTheVideosWhenTheBudgetCannotPayForIt() {
        cursors.values.put(YouTubeCollector.QUOTA, "2024-09-25 9950");
        server.then(threads(null, T3));
        List<WatchTerms> watch = List.of(new WatchTerms("e", null, List.of("Runway"), List.of(), List.of()));
        CollectContext c = context(Map.of("videos", List.of(VIDEO), "search", true), Map.of("apiKey", KEY), watch);

        collector.collect(c);

        assertThat(paths()).singleElement().asString().startsWith("/youtube/v3/commentThreads");
        assertThat(c.warnings()).singleElement().asString().contains("search").contains("50 left");
        assertThat(cursors.values).doesNotContainKey(YouTubeCollector.SEARCH_LAST)
                .containsEntry(YouTubeCollector.QUOTA, "2024-09-25 9951");
    }

    @Test
    void shouldStartADaysTallyAgainOnTheNextPacificDay() {
        cursors.values.put(YouTubeCollector.QUOTA, "2024-09-24 9999");
        server.then(threads(null, T1));

        collector.collect(context(Map.of("videos", List.of(VIDEO))));

        assertThat(cursors.values).containsEntry(YouTubeCollector.QUOTA, "2024-09-25 1");
    }

    @Test
    void shouldCheckTheSettings() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode ok = JsonNodeFactory.instance.objectNode();
        ok.putArray("videos").add(VIDEO).add("https://www.youtube.com/watch?v=" + OTHER + "&t=42s")
                .add("https://youtu.be/" + VIDEO);
        JsonNode checked = collector.checkSettings(null, ok, strict);
        assertThat(checked.toString()).isEqualTo("{\"videos\":[\"" + VIDEO + "\",\"" + OTHER + "\"],\"channels\":[],"
                + "\"search\":false,\"searchEvery\":\"PT6H\",\"searchDays\":7,\"dailyUnits\":10000}");

        assertField(JsonNodeFactory.instance.objectNode(), "settings.videos");
        ObjectNode badVideo = JsonNodeFactory.instance.objectNode();
        badVideo.putArray("videos").add("not a video");
        assertField(badVideo, "settings.videos");
        ObjectNode handle = JsonNodeFactory.instance.objectNode();
        handle.putArray("channels").add("@studio");
        assertField(handle, "settings.channels");
        ObjectNode often = JsonNodeFactory.instance.objectNode().put("search", true).put("searchEvery", "PT10M");
        assertField(often, "settings.searchEvery");
        ObjectNode budget = ok.deepCopy().put("dailyUnits", 0);
        assertField(budget, "settings.dailyUnits");
        ObjectNode unknown = ok.deepCopy().put("q", "x");
        assertField(unknown, "settings.q");
    }

    private void assertField(ObjectNode settings, String field) {
        assertThatThrownBy(() -> collector.checkSettings(null, settings, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }
}
