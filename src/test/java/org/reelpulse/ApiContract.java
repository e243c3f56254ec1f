package org.reelpulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reelpulse.support.TestData.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JSON API end to end over real HTTP, against a real database: import, background scoring with
 * the CoreNLP models, indexing, search, timeline, post detail, export and access rules. Run against
 * H2 ({@link H2ApiIT}) and PostgreSQL ({@link PostgresApiIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {

    static final String CORPUS = String.join("\n",
            post("mastodon", "m1", "en", "2024-09-18T14:03:00Z", 12,
                    "Lionsgate signing with Runway is a disgusting, terrible betrayal. It is an awful, depressing day for artists."),
            post("bluesky", "b1", "en", "2024-09-18T15:00:00Z", 950,
                    "Runway and Lionsgate will make previs wonderfully fast. Great news for indie filmmakers!"),
            post("reddit", "r1", "en", "2024-09-19T08:00:00Z", 3,
                    "Lionsgate confirmed the Runway agreement in a statement on Wednesday."),
            post("news", "n1", "fr", "2024-09-19T10:00:00Z", 0,
                    "Lionsgate et Runway : les artistes craignent pour leurs emplois."),
            post("hackernews", "h1", null, "2024-09-20T10:00:00Z", 44,
                    "The studio is going to train the model on its library and that is not a small thing"),
            post("union", "u1", "en", "2024-09-21T09:00:00Z", 0,
                    "Our members did not consent to their work training a machine. We oppose this deal."),
            post("news", "i1", "it", "2024-09-22T09:00:00Z", 0,
                    "Lo studio ha firmato un accordo con una società di intelligenza artificiale."));

    @Autowired
    TestRestTemplate http;

    /** An application of its own whose background stages look for work often. */
    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        TestData.emptyApplication(registry, "api");
        registry.add("reelpulse.analyze.poll-interval", () -> "PT0.2S");
        registry.add("reelpulse.search.poll-interval", () -> "PT0.2S");
    }

    @Autowired
    EventRepository events;

    @BeforeAll
    void importCorpusAndWaitForTheStages() {
        events.save(new TrackedEvent(null, "lionsgate-runway", "Lionsgate × Runway", "lionsgate OR runway", null,
                Instant.parse("2024-09-18T13:00:00Z"), Instant.parse("2024-08-28T00:00:00Z"),
                Instant.parse("2024-10-24T00:00:00Z")));
        ResponseEntity<Map<String, Object>> r = importAs("analyst", CORPUS);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsEntry("received", 7).containsEntry("inserted", 7)
                .containsEntry("duplicates", 0);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Map<String, Object> status = get("viewer", "/api/status").getBody();
            assertThat(status).containsEntry("analysed", 7).containsEntry("indexUpToDate", true);
        });
    }

    ResponseEntity<Map<String, Object>> importAs(String user, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        return http.withBasicAuth(user, "reelpulse-demo").exchange("/api/import", HttpMethod.POST,
                new HttpEntity<>(body, headers), new ParameterizedTypeReference<>() {
                });
    }

    ResponseEntity<Map<String, Object>> get(String user, String path) {
        return http.withBasicAuth(user, "reelpulse-demo").exchange(path, HttpMethod.GET, null,
                new ParameterizedTypeReference<>() {
                });
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> body, String key) {
        return (List<Map<String, Object>>) body.get(key);
    }

    @Test
    void shouldImportGoodLinesAndReportBadOnesWithTheirLineNumbers() {
        String body = String.join("\n",
                post("mastodon", "m-extra-1", "en", "2024-10-01T10:00:00Z", 1, "An extra post about Runway."),
                "{not json",
                post("myspace", "x1", "en", "2024-10-01T10:00:00Z", 1, "Unknown source"),
                "",
                "{\"source\":\"mastodon\",\"externalId\":\"m-extra-2\",\"author\":{\"handle\":\"a\"},\"publishedAt\":\"2024-10-01T10:00:00Z\"}",
                "{\"source\":\"mastodon\",\"externalId\":\"m-extra-3\",\"author\":{\"handle\":\"a\"},\"text\":\"x\",\"publishedAt\":\"yesterday\"}");
        Map<String, Object> r = importAs("analyst", body).getBody();
        assertThat(r).containsEntry("received", 5).containsEntry("inserted", 1).containsEntry("duplicates", 0);
        List<Map<String, Object>> rejected = list(r, "rejected");
        assertThat(rejected).extracting(m -> m.get("line")).containsExactly(2, 3, 5, 6);
        assertThat(rejected.get(0).get("error").toString()).contains("not valid JSON");
        assertThat(rejected.get(1).get("error").toString()).contains("unknown source 'myspace'");
        assertThat(rejected.get(2).get("error").toString()).contains("'text' is missing");
        assertThat(rejected.get(3).get("error").toString()).contains("publishedAt");
    }

    @Test
    void shouldInsertNothingWhenTheSameFileIsImportedAgain() {
        Map<String, Object> r = importAs("analyst", CORPUS).getBody();
        assertThat(r).containsEntry("received", 7).containsEntry("inserted", 0).containsEntry("duplicates", 7);
        assertThat(list(r, "rejected")).isEmpty();
    }

    @Test
    void shouldReturnScoredHighlightedPosts() {
        Map<String, Object> r = get("analyst", "/api/search?q=lionsgate AND runway&sort=engagement").getBody();
        assertThat(r.get("total")).isEqualTo(4);
        List<Map<String, Object>> hits = list(r, "hits");
        Map<String, Object> top = hits.get(0);
        assertThat(top).containsEntry("source", "bluesky").containsEntry("externalId", "b1");
        assertThat(top.get("highlight").toString()).as(hits.toString())
                .contains("<mark>Runway</mark>").contains("<mark>Lionsgate</mark>");
        @SuppressWarnings("unchecked")
        Map<String, Object> sentiment = (Map<String, Object>) top.get("sentiment");
        assertThat(sentiment).containsEntry("label", "positive").containsEntry("method", "tweet-lr-1/en");
        assertThat((List<?>) sentiment.get("drivers")).isNotEmpty();
        assertThat(((Number) sentiment.get("score")).doubleValue()).isBetween(0.2, 1.0);
        Map<String, Object> negative = hits.stream().filter(h -> "m1".equals(h.get("externalId"))).findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) negative.get("sentiment")).get("label")).isEqualTo("negative");
        Map<String, Object> french = hits.stream().filter(h -> "n1".equals(h.get("externalId"))).findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) french.get("sentiment")).get("method")).isEqualTo("tweet-lr-1/fr");
        assertThat(((Map<?, ?>) french.get("sentiment")).get("label")).isIn("negative", "neutral", "positive");
        Map<?, ?> italian = (Map<?, ?>) list(get("analyst", "/api/search?q=lang:it").getBody(), "hits").get(0)
                .get("sentiment");
        assertThat(italian.get("label")).isEqualTo("unscored");
        assertThat(italian.get("score")).isNull();
        assertThat(italian.get("reason").toString()).contains("'it'");
    }

    @Test
    void shouldScoreAPostWithoutLanguageAfterRecognisingIt() {
        Map<String, Object> r = get("analyst", "/api/search?q=source:hackernews").getBody();
        Map<?, ?> sentiment = (Map<?, ?>) list(r, "hits").get(0).get("sentiment");
        assertThat(sentiment.get("lang")).isEqualTo("en");
        assertThat(sentiment.get("method")).isEqualTo("tweet-lr-1/en");
    }

    @Test
    void shouldLabelPostsWithTheLabourThemesTheyMatchAndWhy() {
        Map<String, Object> r = get("analyst", "/api/search?q=theme:consent-likeness").getBody();
        List<Map<String, Object>> hits = list(r, "hits");
        assertThat(hits).extracting(h -> h.get("externalId")).containsExactly("u1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> themes = (List<Map<String, Object>>) ((Map<String, Object>) hits.get(0)
                .get("labels")).get("themes");
        assertThat(themes).extracting(t -> t.get("name")).contains("consent-likeness", "training-data-copyright");
        assertThat(themes.get(0).get("reason").toString()).contains("'consent'");
        ResponseEntity<List<Map<String, Object>>> all = http.withBasicAuth("viewer", "reelpulse-demo").exchange(
                "/api/themes", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(all.getBody()).hasSizeGreaterThanOrEqualTo(9)
                .extracting(t -> t.get("name")).contains("job-displacement", "union-action");
    }

    @Test
    void shouldLabelEveryPostWithCraftsGroupEntitiesAndStanceAndWhy() {
        Map<String, Object> m1 = list(get("analyst", "/api/search?q=disgusting").getBody(), "hits").get(0);
        Map<String, Object> labels = map(m1, "labels");
        assertThat(labels).containsKeys("themes", "crafts", "group", "entities", "stance");
        assertThat(map(labels, "stance")).containsEntry("name", "opposes").containsKeys("reason", "rule");
        assertThat(map(labels, "stance").get("reason").toString()).contains("Lionsgate × Runway");
        assertThat(map(labels, "group")).containsEntry("name", "public").containsEntry("rule", "default");
        assertThat(list(labels, "entities")).extracting(e -> e.get("name")).contains("Lionsgate", "Runway");
        assertThat(m1).containsEntry("lang", "en");

        assertThat(ids("group:union-guild")).containsExactly("u1");
        assertThat(ids("stance:opposes")).contains("m1").doesNotContain("b1", "r1");
        assertThat(ids("entity:lionsgate")).contains("m1", "b1", "r1", "n1");
        assertThat(ids("craft:directors")).containsExactly("b1");
        assertThat(ids("method:\"tweet-lr-1/fr\"")).containsExactly("n1");
        assertThat(ids("likes:>900")).containsExactly("b1");
        assertThat(ids("event:lionsgate-runway AND published:[2024-09-19 TO 2024-09-19]"))
                .containsExactlyInAnyOrder("r1", "n1");
        List<Object> paged = new java.util.ArrayList<>();
        String next = "";
        do {
            Map<String, Object> page = get("analyst", "/api/search?q=lionsgate&sort=recent&size=1"
                    + (next.isEmpty() ? "" : "&after=" + next)).getBody();
            list(page, "hits").forEach(h -> paged.add(h.get("externalId")));
            next = page.get("next") == null ? null : page.get("next").toString();
        } while (next != null);
        assertThat(paged).containsExactlyElementsOf(ids("lionsgate&sort=recent"));
        Map<String, Object> significant = get("analyst", "/api/significant-terms?q=lionsgate&size=5").getBody();
        assertThat(significant).containsEntry("total", 4);
        assertThat(list(significant, "terms")).isNotEmpty()
                .allSatisfy(t -> assertThat(((Number) t.get("inResults")).intValue()).isGreaterThanOrEqualTo(2));
        assertThat(get("viewer", "/api/significant-terms?q=x").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("analyst", "/api/search?q=likes:>lots").getBody().get("error").toString())
                .contains("'likes' takes a whole number");
        Map<String, Object> facets = map(get("analyst", "/api/search?q=lionsgate&facets=stance,entity,method&size=1")
                .getBody(), "facets");
        assertThat(list(facets, "entity")).contains(Map.of("value", "lionsgate", "count", 4));
        assertThat(list(facets, "stance")).extracting(v -> v.get("value")).contains("opposes", "neutral");
        assertThat(get("analyst", "/api/search?q=x&facets=colour").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Map<String, Object> collapsed = get("analyst", "/api/search?q=lionsgate&collapse=true").getBody();
        assertThat(collapsed).containsEntry("total", 4).containsEntry("collapsedTotal", 4);
        assertThat(list(collapsed, "hits")).hasSize(4);
        assertThat(get("analyst", "/api/search?q=lionsgate&collapse=true&after=abc").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<List<Map<String, Object>>> crafts = http.withBasicAuth("viewer", "reelpulse-demo").exchange(
                "/api/crafts", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(crafts.getBody()).extracting(t -> t.get("name")).contains("vfx-artists", "crew");
    }

    @Test
    void shouldKeepAnAdminsCorrectionThroughRelabelling() {
        Map<String, Object> r1 = list(get("analyst", "/api/search?q=statement AND wednesday").getBody(), "hits")
                .get(0);
        String path = "/api/posts/" + r1.get("id") + "/labels";
        assertThat(postJson("analyst", path, Map.of("kind", "group", "names", List.of("press"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> unknown = postJson("admin", path,
                Map.of("kind", "group", "names", List.of("journalists")));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("error").toString()).contains("press", "union-guild");
        ResponseEntity<Map<String, Object>> ok = postJson("admin", path,
                Map.of("kind", "group", "names", List.of("press"), "note", "a trade reporter"));
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody()).containsEntry("kind", "group").containsEntry("correctedBy", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids("group:press")).contains("r1"));

        // an edited theme labels every post again; the correction stays
        ResponseEntity<Map<String, Object>> broken = putJson("/api/themes/previs-talk",
                Map.of("label", "Previs talk", "query", Map.of("en", "previs AND (fast")));
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody().get("error").toString()).contains("'previs-talk', language 'en'");
        assertThat(putJson("/api/themes/previs-talk", Map.of("label", "Previs talk",
                "query", Map.of("en", "previs"))).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(ids("theme:previs-talk")).containsExactly("b1"));
        Map<String, Object> again = get("analyst", "/api/posts/" + r1.get("id")).getBody();
        assertThat(map(map(again, "labels"), "group")).containsEntry("name", "press")
                .containsEntry("reason", "corrected by admin: a trade reporter");
        assertThat(http.withBasicAuth("admin", "reelpulse-demo").exchange("/api/themes/previs-talk",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids("theme:previs-talk")).isEmpty());
    }

    List<Object> ids(String q) {
        return list(get("analyst", "/api/search?size=50&q=" + q).getBody(), "hits").stream()
                .map(h -> h.get("externalId")).toList();
    }

    ResponseEntity<Map<String, Object>> postJson(String user, String path, Object body) {
        return http.withBasicAuth(user, "reelpulse-demo").exchange(path, HttpMethod.POST, new HttpEntity<>(body),
                new ParameterizedTypeReference<>() {
                });
    }

    ResponseEntity<Map<String, Object>> putJson(String path, Object body) {
        return http.withBasicAuth("admin", "reelpulse-demo").exchange(path, HttpMethod.PUT, new HttpEntity<>(body),
                new ParameterizedTypeReference<>() {
                });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> body, String key) {
        return (Map<String, Object>) body.get(key);
    }

    @Test
    void shouldCompleteFieldNamesAndValuesFromTheIndex() {
        List<Map<String, Object>> fields = list(get("analyst", "/api/search/complete?q=runway AND sou")
                .getBody(), "suggestions");
        assertThat(fields).extracting(s -> s.get("value")).containsExactly("source:");
        assertThat(fields.get(0)).containsEntry("from", 11).containsEntry("to", 14);
        List<Map<String, Object>> sources = list(get("analyst", "/api/search/complete?q=source:").getBody(),
                "suggestions");
        assertThat(sources).extracting(s -> s.get("label")).contains("source:news", "source:union");
        assertThat(sources.get(0).get("detail").toString()).as("most used first, with its count")
                .matches("[\\d,]+ posts?");
        assertThat(get("viewer", "/api/search/complete?q=sou").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldCompareQueriesSideBySide() {
        Map<String, Object> c = get("analyst",
                "/api/compare?q=lionsgate&q=source:union&from=2024-09-18&to=2024-09-21").getBody();
        List<Map<String, Object>> series = list(c, "series");
        assertThat(series).extracting(s -> s.get("query")).containsExactly("lionsgate", "source:union");
        assertThat(series.get(0)).containsEntry("total", 4).containsEntry("share", 0.8);
        assertThat(series.get(1)).containsEntry("total", 1).containsEntry("share", 0.2);
        assertThat(list(series.get(0), "points")).hasSize(4);
        assertThat(list(series.get(0), "points").get(0)).containsEntry("start", "2024-09-18T00:00:00Z")
                .containsEntry("total", 2).containsEntry("net", 0.0);
        assertThat(c.get("overlap")).isEqualTo(List.of(List.of(4, 0), List.of(0, 1)));
        assertThat(get("analyst", "/api/compare?q=a&q=b&q=c&q=d&q=e&q=f&from=2024-09-18&to=2024-09-21")
                .getBody().get("error").toString()).contains("1 to 5 queries");
        assertThat(get("analyst", "/api/compare?q=a").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldCountTheDailyReactionBySentiment() {
        Map<String, Object> r = get("analyst",
                "/api/timeline?q=lionsgate OR runway&from=2024-09-18&to=2024-09-20&interval=day").getBody();
        List<Map<String, Object>> buckets = list(r, "buckets");
        assertThat(buckets).extracting(b -> b.get("start")).containsExactly("2024-09-18T00:00:00Z",
                "2024-09-19T00:00:00Z", "2024-09-20T00:00:00Z");
        assertThat(buckets.get(0)).containsEntry("total", 2).containsEntry("negative", 1).containsEntry("positive", 1);
        assertThat(buckets.get(1)).containsEntry("total", 2).containsEntry("unscored", 0);
        assertThat(buckets.get(2)).containsEntry("total", 0);
        assertThat(buckets.get(2).get("meanScore")).isNull();
    }

    @Test
    void shouldShowAPostWithEverySentenceOfItsScore() {
        Map<String, Object> hit = list(get("analyst", "/api/search?q=disgusting").getBody(), "hits").get(0);
        Map<String, Object> post = get("analyst", "/api/posts/" + hit.get("id")).getBody();
        Map<?, ?> sentiment = (Map<?, ?>) post.get("sentiment");
        List<?> sentences = (List<?>) sentiment.get("sentences");
        assertThat(sentences).hasSize(2);
        assertThat(((Map<?, ?>) sentences.get(0)).get("text").toString()).startsWith("Lionsgate signing");
        // each sentence is read by the model that scored the post, on its own
        assertThat(((Map<?, ?>) ((Map<?, ?>) sentences.get(0)).get("probabilities")).keySet().stream()
                .map(String::valueOf).toList()).containsExactlyInAnyOrder("negative", "neutral", "positive");
        assertThat(((Map<?, ?>) sentences.get(0)).get("model")).isEqualTo("tweet-lr-1/en");
        assertThat(get("analyst", "/api/posts/999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldExportEveryMatchAsCsvAndNdjson() {
        ResponseEntity<String> csv = http.withBasicAuth("analyst", "reelpulse-demo")
                .getForEntity("/api/export?q=lionsgate&format=csv", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).startsWith("id,source,externalId").endsWith(",stance,sourceName");
        assertThat(lines).hasSize(1 + 4);
        ResponseEntity<String> ndjson = http.withBasicAuth("analyst", "reelpulse-demo")
                .getForEntity("/api/export?q=lionsgate&format=ndjson", String.class);
        assertThat(ndjson.getBody().lines()).hasSize(4).allSatisfy(l -> assertThat(l).contains("\"sentiment\":{"));
    }

    @Test
    void shouldAnswer400WithTheParsersPositionForAMalformedQuery() {
        ResponseEntity<Map<String, Object>> r = get("analyst", "/api/search?q=lionsgate AND (runway");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().get("error").toString()).contains("could not be read");
        assertThat(r.getBody()).containsKey("column");
        assertThat(get("analyst", "/api/search?q=x&sort=loudest").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("analyst", "/api/timeline?from=18.9.2024").getBody().get("error").toString())
                .contains("2024-09-18");
    }

    @Test
    void shouldAnswer401WithoutCredentialsAnd403ForARoleThatMayNot() {
        assertThat(http.getForEntity("/api/search?q=runway", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("analyst", "wrong").getForEntity("/api/search?q=runway", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("viewer", "/api/search?q=runway").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(importAs("viewer", CORPUS).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("viewer", "/api/status").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("admin", "/api/search?q=runway").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("analyst", "reelpulse-demo")
                .postForEntity("/api/admin/index/rebuild", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldRebuildTheIndexFromTheDatabase() {
        long before = ((Number) get("analyst", "/api/search?q=lionsgate").getBody().get("total")).longValue();
        ResponseEntity<Map<String, Object>> r = http.withBasicAuth("admin", "reelpulse-demo").exchange(
                "/api/admin/index/rebuild", HttpMethod.POST, null, new ParameterizedTypeReference<>() {
                });
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) r.getBody().get("indexed")).intValue()).isGreaterThanOrEqualTo(7);
        assertThat(((Number) get("analyst", "/api/search?q=lionsgate").getBody().get("total")).longValue())
                .isEqualTo(before);
    }

    @Test
    void shouldSaveSearchesPerUserWithAUrlThatReproducesThem() {
        ResponseEntity<Map<String, Object>> saved = postJson("analyst", "/api/saved-searches", Map.of("name",
                "Unions on the deal", "q", "source:union OR group:union-guild", "from", "2024-09-18", "sort", "recent"));
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        String url = saved.getBody().get("url").toString();
        assertThat(url).isEqualTo("/search?q=source%3Aunion%20OR%20group%3Aunion-guild&sort=recent&from=2024-09-18");
        // the URL's state, run through the API, finds what the saved search finds
        String params = java.net.URLDecoder.decode(url.substring(url.indexOf('?') + 1),
                java.nio.charset.StandardCharsets.UTF_8); // the test client encodes it again
        assertThat(get("analyst", "/api/search?" + params).getBody().get("total")).isEqualTo(1);
        ResponseEntity<List<Map<String, Object>>> mine = http.withBasicAuth("analyst", "reelpulse-demo").exchange(
                "/api/saved-searches", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(mine.getBody()).extracting(m -> m.get("name")).contains("Unions on the deal");
        ResponseEntity<List<Map<String, Object>>> theirs = http.withBasicAuth("admin", "reelpulse-demo").exchange(
                "/api/saved-searches", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(theirs.getBody()).extracting(m -> m.get("name")).doesNotContain("Unions on the deal");
        assertThat(postJson("analyst", "/api/saved-searches", Map.of("name", "Broken", "q", "(jobs"))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postJson("viewer", "/api/saved-searches", Map.of("name", "x", "q", "jobs")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        Object id = saved.getBody().get("id");
        assertThat(http.withBasicAuth("admin", "reelpulse-demo").exchange("/api/saved-searches/" + id,
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("analyst", "reelpulse-demo").exchange("/api/saved-searches/" + id,
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldDescribeTheApiAsOpenApi() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs/api", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"/api/search\"", "\"/api/compare\"", "\"/api/significant-terms\"",
                "\"/api/posts/{id}/labels\"", "basic");
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldReportHealthWithoutLogin() {
        assertThat(http.getForEntity("/actuator/health", String.class).getBody()).contains("UP");
    }
}
