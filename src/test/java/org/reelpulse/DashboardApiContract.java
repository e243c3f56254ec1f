package org.reelpulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reelpulse.support.DemoCorpus;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The dashboard, the comparison of events and the management of events over real HTTP, on the demo
 * corpus (imported through the API, its events created through the API), against a real database:
 * H2 ({@link H2DashboardApiIT}) and PostgreSQL ({@link PostgresDashboardApiIT}). The corpus has an
 * application of its own, as the counts of {@link ApiContract} rest on its small corpus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardApiContract {

    static final String PASSWORD = "reelpulse-demo";
    static final String LIONSGATE = "lionsgate-runway";
    static final String BLUMHOUSE = "blumhouse-meta";

    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        TestData.emptyApplication(registry, "dashboard");
        registry.add("reelpulse.analyze.poll-interval", () -> "PT0.2S");
        registry.add("reelpulse.search.poll-interval", () -> "PT0.2S");
    }

    @BeforeAll
    void createTheDemoEventsAndImportTheDemoCorpus() {
        DemoCorpus.load(http, List.of());
    }

    @Test
    void shouldGiveEachKpiWithThePreviousPeriodAndTheChange() {
        // 18–24 September against 11–17 September: the announcement week against the week before
        JsonNode d = dashboard(Map.of("event", LIONSGATE, "from", "2024-09-18", "to", "2024-09-24"));
        assertThat(d.at("/period/previousFrom").asText()).isEqualTo("2024-09-11T00:00:00Z");
        assertThat(d.at("/period/previousTo").asText()).isEqualTo("2024-09-18T00:00:00Z");
        assertThat(d.at("/period/interval").asText()).isEqualTo("day");
        JsonNode posts = d.at("/kpis/posts");
        // the demo corpus: 114 + 49 + 22 + 15 + 9 + 9 + 6 posts, and 22 the week before
        assertThat(posts.path("value").asLong()).isEqualTo(224);
        assertThat(posts.path("previous").asLong()).isEqualTo(22);
        assertThat(posts.path("change").asLong()).isEqualTo(202);
        assertThat(posts.path("relativeChange").asDouble()).isEqualTo(9.1818);
        assertThat(posts.path("few").asBoolean()).isFalse();
        assertThat(posts.path("previousFew").asBoolean()).as("22 posts < 30").isTrue();
        assertThat(d.at("/kpis/authors/value").asLong()).isBetween(100L, 224L);
        assertThat(d.at("/kpis/authors/previous").asLong()).isBetween(1L, 22L);
        JsonNode net = d.at("/kpis/netSentiment");
        assertThat(net.path("value").asDouble()).isBetween(-1.0, 0.0);
        assertThat(net.path("previous").isNumber()).isTrue();
        assertThat(net.path("change").asDouble()).isCloseTo(net.path("value").asDouble()
                - net.path("previous").asDouble(), org.assertj.core.data.Offset.offset(0.0002));
        assertThat(net.path("relativeChange").isNull()).isTrue();
        assertThat(net.path("basis").asLong()).isEqualTo(net.at("/drillDown/posts").asLong()).isLessThan(224);
        JsonNode labour = d.at("/kpis/labourShare");
        assertThat(labour.path("value").asDouble()).isBetween(0.3, 1.0);
        assertThat(labour.at("/drillDown/q").asText()).isEqualTo("event:lionsgate-runway AND theme:[* TO *]");
        JsonNode unions = d.at("/kpis/unionStatements");
        assertThat(unions.path("value").asLong()).isGreaterThanOrEqualTo(11); // 11 posts from union newsrooms
        assertThat(unions.path("previous").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(unions.path("few").asBoolean()).isTrue();
        assertThat(unions.at("/drillDown/q").asText()).isEqualTo("event:lionsgate-runway AND group:union-guild");
        assertThat(unions.at("/previousDrillDown/from").asText()).isEqualTo("2024-09-11T00:00:00Z");
        assertThat(d.path("fewPosts").asInt()).isEqualTo(30);
        assertThat(d.at("/timeline/buckets")).hasSize(7);
        assertThat(d.at("/timeline/buckets/0/posts").asLong()).isEqualTo(114);
    }

    @Test
    void shouldFindTheAnnouncementSpikeAndExplainIt() {
        JsonNode d = dashboard(Map.of("event", LIONSGATE));
        JsonNode method = d.at("/spikes/method");
        assertThat(method.path("k").asDouble()).isEqualTo(3.0);
        assertThat(method.path("baselineBuckets").asInt()).isEqualTo(14);
        assertThat(method.path("minPosts").asLong()).isEqualTo(10);
        assertThat(method.path("description").asText()).contains("median", "MAD");
        JsonNode spike = null;
        for (JsonNode s : d.at("/spikes/spikes")) {
            if (Instant.parse(s.path("start").asText()).isBefore(Instant.parse("2024-09-18T13:00:01Z"))
                    && Instant.parse(s.path("end").asText()).isAfter(Instant.parse("2024-09-18T13:00:00Z"))) {
                spike = s;
            }
        }
        assertThat(spike).as("a spike around the announcement in " + d.at("/spikes")).isNotNull();
        assertThat(spike.path("peak").asText()).isEqualTo("2024-09-18T00:00:00Z");
        assertThat(spike.path("peakPosts").asLong()).isEqualTo(114);
        assertThat(spike.path("threshold").asDouble()).isLessThan(114).isGreaterThan(spike.path("baselineMedian")
                .asDouble());
        assertThat(spike.path("posts").asLong()).isGreaterThanOrEqualTo(114);
        assertThat(spike.path("baselineTo").asText()).isEqualTo(spike.path("start").asText());
        assertThat(spike.path("terms")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.path("inSpike").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(t.path("score").asDouble()).isPositive();
        });
        assertThat(texts(spike.path("terms"), "term")).anyMatch(t -> t.contains("lionsgate") || t.contains("runway"));
        List<String> first = texts(spike.path("firstPosts"), "publishedAt");
        assertThat(first).isNotEmpty().isSorted();
        assertThat(Instant.parse(first.get(0))).isAfterOrEqualTo(Instant.parse(spike.path("start").asText()));
        List<Long> engagement = new ArrayList<>();
        spike.path("topPosts").forEach(p -> engagement.add(p.path("engagement").asLong()));
        assertThat(engagement).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(spike.path("topAuthors")).isNotEmpty().allSatisfy(a -> assertThat(a.path("group").asText())
                .isNotBlank());
        assertThat(texts(spike.path("groups"), "group")).contains("working-creative", "public", "union-guild");
        assertThat(spike.path("groups")).allSatisfy(g -> assertThat(g.path("spikeShare").asDouble()).isBetween(0.0, 1.0));
        // the timeline marks it, the announcement and the statements
        JsonNode day = find(d.at("/timeline/buckets"), "start", "2024-09-18T00:00:00Z");
        assertThat(day.path("spike").asBoolean()).isTrue();
        assertThat(find(d.at("/timeline/buckets"), "start", "2024-09-10T00:00:00Z").path("spike").asBoolean()).isFalse();
        assertThat(find(d.at("/timeline/markers"), "type", "announcement").path("at").asText())
                .isEqualTo("2024-09-18T13:00:00Z");
        assertThat(texts(d.at("/timeline/markers"), "type").stream().filter("statement"::equals).count())
                .isEqualTo(d.at("/statements/items").size());
    }

    @Test
    void shouldListUnionStatementsWithAKeySentenceAndThePublicReactionAfterEach() {
        JsonNode d = dashboard(Map.of("event", LIONSGATE));
        JsonNode statements = d.path("statements");
        assertThat(statements.path("definition").asText()).contains("union-guild", "48 hours");
        assertThat(statements.path("total").asLong()).isEqualTo(d.at("/kpis/unionStatements/value").asLong())
                .isGreaterThanOrEqualTo(20);
        assertThat(texts(statements.path("items"), "at")).isSorted().hasSize(statements.path("total").asInt());
        JsonNode vfx = find(statements.path("items"), "at", "2024-09-18T18:40:24Z");
        assertThat(vfx.path("author").asText()).isEqualTo("vfx-crew-alliance");
        assertThat(vfx.path("url").asText()).startsWith("http");
        assertThat(vfx.path("stance").asText()).isEqualTo("opposes");
        assertThat(vfx.at("/keySentence/text").asText()).containsAnyOf("Lionsgate", "Runway");
        assertThat(vfx.at("/keySentence/why").asText()).isNotBlank();
        JsonNode reaction = vfx.path("reaction");
        assertThat(reaction.path("from").asText()).isEqualTo("2024-09-18T18:40:24Z");
        assertThat(reaction.path("to").asText()).isEqualTo("2024-09-20T18:40:24Z");
        assertThat(reaction.path("posts").asLong()).isPositive();
        assertThat(reaction.path("net").asDouble()).isBetween(-1.0, 1.0);
        assertThat(reaction.at("/drillDown/q").asText())
                .isEqualTo("event:lionsgate-runway AND NOT group:union-guild");
        // a statement in a language that is scored sentence by sentence, and one that is not scored at all
        assertThat(statements.path("items")).allSatisfy(s -> assertThat(s.at("/keySentence/text").asText())
                .isNotBlank());
    }

    @Test
    void shouldReproduceEveryFigureWithItsDrillDown() {
        JsonNode whole = dashboard(Map.of("event", LIONSGATE));
        List<JsonNode> drills = new ArrayList<>();
        collect(whole, "", drills);
        assertThat(drills).hasSizeGreaterThan(120);
        JsonNode filtered = dashboard(Map.of("event", LIONSGATE, "from", "2024-09-17", "to", "2024-09-19",
                "source", "bluesky,mastodon", "lang", "en", "interval", "hour"));
        assertThat(filtered.path("query").asText())
                .isEqualTo("event:lionsgate-runway AND (source:bluesky OR source:mastodon) AND lang:en");
        assertThat(filtered.at("/timeline/buckets")).hasSize(72);
        collect(filtered, "", drills);
        Map<String, Long> wrong = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode dd : drills) {
            String key = dd.path("q").asText() + " | " + dd.path("from").asText() + " | " + dd.path("to").asText();
            if (!seen.add(key)) {
                continue;
            }
            long found = get("analyst", "/api/search", Map.of("q", dd.path("q").asText(), "from",
                    dd.path("from").asText(), "to", dd.path("to").asText(), "size", "1")).getBody().path("total")
                    .asLong(-1);
            if (found != dd.path("posts").asLong()) {
                wrong.put(key + " (dashboard " + dd.path("posts").asLong() + ")", found);
            }
        }
        assertThat(seen).hasSizeGreaterThan(120);
        assertThat(wrong).as("drill-downs whose search finds another number of posts").isEmpty();
        // a ranking's drill-down gives the same order
        JsonNode top = whole.at("/topPosts");
        JsonNode search = get("analyst", "/api/search", Map.of("q", top.at("/drillDown/q").asText(), "from",
                top.at("/drillDown/from").asText(), "to", top.at("/drillDown/to").asText(), "sort", "engagement",
                "size", String.valueOf(top.path("posts").size()))).getBody();
        assertThat(texts(search.path("hits"), "id")).isEqualTo(texts(top.path("posts"), "postId"));
    }

    /**
     * Every drill-down that counts posts. Of a series over time (the timeline, each stakeholder
     * group's series) only the first and last buckets, the three with the most posts and an empty one:
     * the others are the same query over other hours or days.
     */
    private void collect(JsonNode node, String path, List<JsonNode> into) {
        if (node.isObject() && node.has("q") && node.has("posts")) {
            if (node.path("posts").isNumber()) {
                into.add(node);
            }
            return;
        }
        if ((path.endsWith("/series") || path.endsWith("/timeline/buckets")) && node.isArray() && node.size() > 0) {
            List<JsonNode> points = new ArrayList<>();
            node.forEach(points::add);
            Set<JsonNode> chosen = new LinkedHashSet<>();
            chosen.add(points.get(0));
            chosen.add(points.get(points.size() - 1));
            points.stream().sorted((a, b) -> Long.compare(b.path("posts").asLong(), a.path("posts").asLong()))
                    .limit(3).forEach(chosen::add);
            points.stream().filter(p -> p.path("posts").asLong() == 0).findFirst().ifPresent(chosen::add);
            chosen.forEach(p -> into.add(p.path("drillDown")));
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), path + "/" + f.getKey(), into));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, path, into));
        }
    }

    @Test
    void shouldCompareEventsAlignedOnTheirAnnouncementDay() {
        JsonNode c = get("viewer", "/api/compare-events", Map.of("event", LIONSGATE + "," + BLUMHOUSE, "days", "7",
                "fromDay", "-2")).getBody();
        assertThat(c.path("fromDay").asInt()).isEqualTo(-2);
        JsonNode events = c.path("events");
        assertThat(texts(events, "slug")).containsExactly(LIONSGATE, BLUMHOUSE);
        assertThat(events.at("/0/day0").asText()).isEqualTo("2024-09-18T00:00:00Z");
        assertThat(events.at("/1/day0").asText()).isEqualTo("2024-10-17T00:00:00Z");
        for (JsonNode e : events) {
            JsonNode days = e.path("days");
            assertThat(texts(days, "day")).containsExactly("-2", "-1", "0", "1", "2", "3", "4", "5", "6", "7");
            JsonNode day0 = days.get(2);
            assertThat(day0.path("start").asText()).isEqualTo(e.path("day0").asText());
            long max = 0;
            long sum = 0;
            for (JsonNode day : days) {
                max = Math.max(max, day.path("posts").asLong());
                sum += day.path("posts").asLong();
                assertThat(day.path("labourShare").isNull() || day.path("labourShare").asDouble() <= 1).isTrue();
            }
            assertThat(day0.path("posts").asLong()).as("the announcement day is the busiest").isEqualTo(max);
            assertThat(e.at("/totals/posts").asLong()).isEqualTo(sum);
            assertThat(total(day0.path("drillDown"))).isEqualTo(day0.path("posts").asLong());
            assertThat(total(e.at("/totals/statementsDrillDown"))).isEqualTo(e.at("/totals/unionStatements").asLong());
        }
        assertThat(events.at("/0/days/2/posts").asLong()).isEqualTo(114);
        assertThat(events.at("/0/days/3/unionStatements").asLong()).isGreaterThanOrEqualTo(3);

        assertThat(get("viewer", "/api/compare-events", Map.of("event", "a,b,c,d,e")).getBody().path("error").asText())
                .contains("1 to 4 events");
        assertThat(get("viewer", "/api/compare-events", Map.of("event", LIONSGATE + ",nope")).getBody()
                .path("error").asText()).contains("no tracked event 'nope'");
        ObjectNode unannounced = event("unannounced-deal", "zzyzxunannounced");
        assertThat(send("analyst", HttpMethod.POST, "/api/events", unannounced).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> refused = get("viewer", "/api/compare-events",
                Map.of("event", LIONSGATE + ",unannounced-deal"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("error").asText()).contains("no announcement date");
        assertThat(send("analyst", HttpMethod.DELETE, "/api/events/unannounced-deal", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldManageEventsAndRefuseWhatCannotBeStoredWithTheReason() {
        ObjectNode e = event("crud-deal", "zzyzxcrud OR qqxqcrud");
        e.putArray("parties").add("Studio Z").add("Model Co");
        e.put("announcedAt", "2024-09-20T10:00:00Z");
        e.putObject("queries").put("fr", "zzyzxaccord");
        e.put("colour", "#1A2B3C");
        assertThat(send("viewer", HttpMethod.POST, "/api/events", e).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> created = send("analyst", HttpMethod.POST, "/api/events", e);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().path("colour").asText()).isEqualTo("#1a2b3c");
        assertThat(created.getBody().path("to").asText()).isEqualTo("2024-10-01T00:00:00Z");
        assertThat(created.getBody().path("effectiveQuery").asText())
                .isEqualTo("(zzyzxcrud OR qqxqcrud) OR (lang:fr AND (zzyzxaccord))");
        assertThat(texts(get("viewer", "/api/events", Map.of()).getBody(), "slug")).contains(LIONSGATE, "crud-deal");
        assertThat(get("viewer", "/api/events/crud-deal", Map.of()).getBody().at("/parties/1").asText())
                .isEqualTo("Model Co");
        assertThat(get("viewer", "/api/dashboard", Map.of("event", "crud-deal")).getBody().at("/kpis/posts/value")
                .asLong()).isZero();
        assertThat(get("analyst", "/api/search", Map.of("q", "event:crud-deal")).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertRefused(send("analyst", HttpMethod.POST, "/api/events", e), "slug", "exists already");
        assertRefused(send("analyst", HttpMethod.POST, "/api/events", event("bad-query", "runway AND (jobs")),
                "query", "could not be read");
        assertThat(send("analyst", HttpMethod.POST, "/api/events", event("bad-query", "runway AND (jobs")).getBody()
                .has("column")).isTrue();
        assertRefused(send("analyst", HttpMethod.POST, "/api/events", event("bad-colour", "x").put("colour", "red")),
                "colour", "hex colour");
        assertRefused(send("analyst", HttpMethod.POST, "/api/events",
                event("bad-window", "x").put("from", "2024-10-01").put("to", "2024-09-01")), "from",
                "must be before 'to'");
        assertRefused(send("analyst", HttpMethod.POST, "/api/events", event("Bad Slug", "x")), "slug", "hyphens");
        assertRefused(send("analyst", HttpMethod.POST, "/api/events", event("bad-lang", "x").set("queries",
                json.createObjectNode().put("it", "accordo"))), "queries", "not 'it'");
        assertThat(send("analyst", HttpMethod.POST, "/api/events", json.createArrayNode()).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        ObjectNode changed = e.deepCopy().put("name", "Crud deal, renamed").put("colour", "#abc");
        changed.remove("slug");
        ResponseEntity<JsonNode> updated = send("analyst", HttpMethod.PUT, "/api/events/crud-deal", changed);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody().path("name").asText()).isEqualTo("Crud deal, renamed");
        assertThat(updated.getBody().path("colour").asText()).isEqualTo("#aabbcc");
        assertThat(updated.getBody().path("id").asLong()).isEqualTo(created.getBody().path("id").asLong());
        assertRefused(send("analyst", HttpMethod.PUT, "/api/events/crud-deal", changed.deepCopy().put("slug", "other")),
                "slug", "cannot change");
        assertThat(send("analyst", HttpMethod.PUT, "/api/events/no-such-deal", changed).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(send("viewer", HttpMethod.DELETE, "/api/events/crud-deal", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("analyst", HttpMethod.DELETE, "/api/events/crud-deal", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send("analyst", HttpMethod.DELETE, "/api/events/crud-deal", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("analyst", "/api/search", Map.of("q", "event:crud-deal")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldLetAViewerReadTheDashboardButNotChangeEvents() {
        assertThat(get("viewer", "/api/dashboard", Map.of()).getBody().at("/event/slug").asText())
                .as("the first event by default").isEqualTo(LIONSGATE);
        assertThat(get("viewer", "/api/compare-events", Map.of("event", BLUMHOUSE)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send("viewer", HttpMethod.POST, "/api/events", event("viewer-deal", "x")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/dashboard", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("viewer", "/api/dashboard", Map.of("event", "nope")).getBody().path("error").asText())
                .contains("no tracked event 'nope'");
        assertThat(get("viewer", "/api/dashboard", Map.of("event", LIONSGATE, "group", "unions")).getBody()
                .path("error").asText()).contains("union-guild");
        assertThat(get("viewer", "/api/dashboard", Map.of("event", LIONSGATE, "interval", "month")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldDescribeTheNewEndpointsInOpenApi() {
        String docs = http.getForEntity("/v3/api-docs/api", String.class).getBody();
        assertThat(docs).contains("\"/api/dashboard\"", "\"/api/compare-events\"", "\"/api/events/{slug}\"",
                "\"DrillDown\"", "\"EventRequest\"", "\"Kpi\"");
    }

    private void assertRefused(ResponseEntity<JsonNode> r, String field, String message) {
        assertThat(r.getStatusCode()).as(r.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().path("error").asText()).contains(message);
        assertThat(r.getBody().path("field").asText()).isEqualTo(field);
    }

    private ObjectNode event(String slug, String query) {
        return json.createObjectNode().put("slug", slug).put("name", "Test deal " + slug).put("query", query)
                .put("from", "2024-09-01").put("to", "2024-09-30");
    }

    private JsonNode dashboard(Map<String, String> params) {
        ResponseEntity<JsonNode> r = get("viewer", "/api/dashboard", params);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private long total(JsonNode drillDown) {
        return get("analyst", "/api/search", Map.of("q", drillDown.path("q").asText(), "from",
                drillDown.path("from").asText(), "to", drillDown.path("to").asText(), "size", "1")).getBody()
                .path("total").asLong(-1);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("No element with " + field + " = " + value + " in " + array);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    ResponseEntity<JsonNode> get(String user, String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.withBasicAuth(user, PASSWORD).exchange(URI.create(path + (query.isEmpty() ? "" : "?" + query)),
                HttpMethod.GET, null, JsonNode.class);
    }

    ResponseEntity<JsonNode> send(String user, HttpMethod method, String path, JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, PASSWORD).exchange(path, method,
                new HttpEntity<>(body == null ? null : body.toString(), headers), JsonNode.class);
    }
}
