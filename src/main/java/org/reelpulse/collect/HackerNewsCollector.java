package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hacker News stories and comments through the Algolia HN Search API ({@code kind: "hackernews"}), no
 * key needed. One search per query, newest first ({@code search_by_date}), in a window of creation times
 * from the newest item stored (the first run: {@code since} back) to now. The API gives at most 1,000
 * hits per search, so a window with more is halved until each part fits, and the parts are read oldest
 * first, the cursor moving after each, so nothing is lost and a restart continues. A story whose link was
 * submitted before (a resubmission) is recognised by its normalised URL and not stored again.
 */
@Component
class HackerNewsCollector implements Collector {

    static final String KIND = "hackernews";
    static final String API = "https://hn.algolia.com";
    static final String ITEM = "https://news.ycombinator.com/item?id=";
    static final int HITS_PER_PAGE = 200;
    static final int MAX_HITS = 1000;
    static final int MAX_QUERY = 256;
    static final Duration DEFAULT_SINCE = Duration.ofDays(7);
    static final Duration MAX_SINCE = Duration.ofDays(365);
    /** Searched again before the cursor each run: the index may take a while to show a new item. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    static final String URL_KEY = "url:";
    private static final Set<String> TAGS = Set.of("story", "comment");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One page of hits as the API counts them. */
    private record Page(List<JsonNode> hits, int nbHits, int nbPages) {
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "A Hacker News source", "queries", "tags", "since");
        Set<String> keys = new LinkedHashSet<>();
        List<String> queries = new ArrayList<>();
        for (String q : SettingsCheck.strings(settings, "queries", "a search like \"Lionsgate Runway\"")) {
            if (q.isEmpty() || q.length() > MAX_QUERY) {
                throw SourceService.problem("settings.queries", "Each query has 1 to " + MAX_QUERY
                        + " characters, e.g. \"Lionsgate Runway\"; '" + q + "' does not.");
            }
            if (keys.add(q.toLowerCase(Locale.ROOT))) {
                queries.add(q);
            }
        }
        List<String> tags = new ArrayList<>();
        for (String t : SettingsCheck.strings(settings, "tags", "\"story\" or \"comment\"")) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (!TAGS.contains(tag)) {
                throw SourceService.problem("settings.tags", "'" + t + "' is not a tag ReelPulse reads; write \"story\", "
                        + "\"comment\" or both.");
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (tags.isEmpty()) {
            tags = List.of("story", "comment");
        }
        String written = "P7D";
        JsonNode s = settings.get("since");
        if (s != null && !s.isNull()) {
            Duration since;
            written = s.asText().strip();
            try {
                since = Duration.parse(written);
            } catch (DateTimeParseException e) {
                since = null;
            }
            if (!s.isTextual() || since == null || since.compareTo(Duration.ofHours(1)) < 0
                    || since.compareTo(MAX_SINCE) > 0) {
                throw SourceService.problem("settings.since", "since is how far back the first run reads, an ISO-8601 "
                        + "duration from PT1H to P365D, e.g. \"P7D\".");
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode q = out.putArray("queries");
        queries.forEach(q::add);
        ArrayNode t = out.putArray("tags");
        tags.forEach(t::add);
        out.put("since", written);
        return out;
    }

    @Override
    public void collect(CollectContext context) {
        JsonNode settings = context.settings();
        String base = context.source().baseUrl() == null ? API : context.source().baseUrl();
        URI search = URI.create(base.replaceAll("/+$", "") + "/api/v1/search_by_date");
        List<String> tags = new ArrayList<>();
        settings.path("tags").forEach(t -> tags.add(t.asText()));
        if (tags.isEmpty()) {
            tags.addAll(List.of("story", "comment"));
        }
        String tagParam = tags.size() == 1 ? tags.get(0) : "(" + String.join(",", tags) + ")";
        Duration since = Duration.parse(settings.path("since").asText(DEFAULT_SINCE.toString()));
        List<String> queries = queries(context);
        if (queries.isEmpty()) {
            context.warn("The Hacker News source '" + context.source().name() + "' has nothing to search for: give "
                    + "settings.queries, or track an event (with a query, its window still open).");
        }
        long now = context.clock().instant().getEpochSecond();
        for (String q : queries) {
            String key = key(q);
            long from = cursor(context, key).map(c -> c - OVERLAP.toSeconds()).orElse(now - since.toSeconds());
            window(context, search, q, tagParam, key, from, now);
        }
    }

    /**
     * The settings' queries, else each tracked event's phrases and hashtags (without {@code #}), one query
     * each: HN's search has no OR. A phrase finds items with all its words.
     */
    static List<String> queries(CollectContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        context.settings().path("queries").forEach(q -> out.putIfAbsent(q.asText().toLowerCase(Locale.ROOT), q.asText()));
        if (out.isEmpty()) {
            for (WatchTerms w : context.watch()) {
                for (String p : w.phrases()) {
                    out.putIfAbsent(p.toLowerCase(Locale.ROOT), p);
                }
                for (String h : w.hashtags()) {
                    out.putIfAbsent(h.toLowerCase(Locale.ROOT), h);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The newest creation time stored for the query; an unreadable cursor counts as none (a first run). */
    private static Optional<Long> cursor(CollectContext context, String key) {
        try {
            return context.cursor(key).map(v -> Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String key(String query) {
        return CursorKeys.key("query:", query);
    }

    /**
     * The hits created in (from, to]: when there are more than the API will page through, the older half
     * and then the newer half; else every page, stored oldest first, then the cursor.
     */
    private void window(CollectContext context, URI search, String query, String tags, String key, long from, long to) {
        Page first = page(context, search, query, tags, from, to, 0);
        if (first.nbHits() > MAX_HITS && to - from > 1) {
            long mid = from + (to - from) / 2;
            window(context, search, query, tags, key, from, mid);
            window(context, search, query, tags, key, mid, to);
            return;
        }
        if (first.nbHits() > MAX_HITS) {
            context.warn("More than " + MAX_HITS + " hits for '" + query + "' within one second; only " + MAX_HITS
                    + " could be read.");
        }
        List<JsonNode> hits = new ArrayList<>(first.hits());
        int pages = Math.min(first.nbPages(), MAX_HITS / HITS_PER_PAGE);
        for (int p = 1; p < pages; p++) {
            Page next = page(context, search, query, tags, from, to, p);
            if (next.hits().isEmpty()) {
                break;
            }
            hits.addAll(next.hits());
        }
        // oldest first, so of several submissions of one link the first is the one kept
        hits.sort(Comparator.comparingLong(h -> h.path("created_at_i").asLong()));
        long newest = store(context, hits);
        long cursor = cursor(context, key).orElse(Long.MIN_VALUE);
        if (newest > cursor) {
            context.cursor(key, Long.toString(newest));
        }
    }

    private Page page(CollectContext context, URI search, String query, String tags, long from, long to, int page) {
        URI url = URI.create(search + "?query=" + PostParts.encode(query) + "&tags=" + PostParts.encode(tags) + "&numericFilters="
                + PostParts.encode("created_at_i>" + from + ",created_at_i<=" + to) + "&hitsPerPage=" + HITS_PER_PAGE
                + "&page=" + page);
        PoliteHttp.Response r = context.http().get(url, Map.of("Accept", "application/json"));
        String host = r.uri().getHost();
        if (r.status() < 200 || r.status() >= 300) {
            throw new CollectException(CollectException.Outcome.FAILED, host + " answered " + r.status()
                    + " for the search '" + query + "' after " + context.http().requests()
                    + " requests; the next run tries again.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CollectException(CollectException.Outcome.DEGRADED, host + " answered the search '" + query
                    + "' with JSON that cannot be read; nothing of that window was stored, the next run tries again.");
        }
        JsonNode hits = root == null ? null : root.get("hits");
        if (hits == null || !hits.isArray() || !root.path("nbHits").canConvertToInt()) {
            throw new CollectException(CollectException.Outcome.DEGRADED, host + " answered the search '" + query
                    + "' without hits and nbHits; nothing of that window was stored, the next run tries again.");
        }
        List<JsonNode> list = new ArrayList<>();
        hits.forEach(list::add);
        return new Page(list, root.path("nbHits").asInt(), root.path("nbPages").asInt(1));
    }

    /**
     * Stores the hits (oldest first): deleted ones become tombstones, a story whose normalised URL another
     * story claimed already (in this run or an earlier one, recorded as the cursor {@code url:<digest>})
     * is skipped. The newest creation time among them, or {@code Long.MIN_VALUE}.
     */
    private static long store(CollectContext context, List<JsonNode> hits) {
        Map<String, NewPost> byId = new LinkedHashMap<>();
        Map<String, String> claims = new LinkedHashMap<>();
        int skipped = 0;
        long newest = Long.MIN_VALUE;
        Instant now = context.clock().instant();
        for (JsonNode hit : hits) {
            String id = hit.path("objectID").asText("");
            if (!id.matches("\\d{1,20}")) {
                skipped++;
                continue;
            }
            newest = Math.max(newest, hit.path("created_at_i").asLong(Long.MIN_VALUE));
            if (deleted(hit)) {
                context.delete(id);
                continue;
            }
            NewPost post = toPost(hit, context.source().name(), now);
            if (post == null) {
                skipped++;
                continue;
            }
            String link = hit.path("url").asText("");
            String claim = isComment(hit) || link.isBlank() ? null : URL_KEY + CursorKeys.sha256Hex(normalise(link));
            if (claim != null) {
                String owner = claims.containsKey(claim) ? claims.get(claim) : context.cursor(claim).orElse(null);
                if (owner != null && !owner.equals(id)) {
                    skipped++; // a resubmission of a link stored already
                    continue;
                }
                claims.put(claim, id);
            }
            byId.putIfAbsent(id, post);
        }
        context.storePage(byId.values(), skipped);
        // only now: a crash before this point reads the window again, and the same story claims its link again
        claims.forEach(context::cursor);
        return newest;
    }

    private static boolean isComment(JsonNode hit) {
        for (JsonNode t : hit.path("_tags")) {
            if (t.asText().equals("comment")) {
                return true;
            }
        }
        return hit.hasNonNull("comment_text");
    }

    /** A hit without its author, or a comment without text: what the index keeps of a deleted item. */
    static boolean deleted(JsonNode hit) {
        if (!hit.hasNonNull("author") || hit.path("author").asText().isBlank()) {
            return true;
        }
        if (isComment(hit)) {
            String t = hit.path("comment_text").asText("").strip();
            return t.isEmpty() || t.equals("[deleted]") || t.equals("[dead]") || t.equals("[flagged]");
        }
        return false;
    }

    /** A story or comment as a post, or null when it has no text. */
    static NewPost toPost(JsonNode hit, String sourceName, Instant now) {
        String id = hit.path("objectID").asText();
        boolean comment = isComment(hit);
        String text;
        if (comment) {
            text = MastodonCollector.text(hit.path("comment_text").asText(""));
        } else {
            String title = MastodonCollector.text(hit.path("title").asText(""));
            String body = MastodonCollector.text(hit.path("story_text").asText(""));
            text = body.isEmpty() ? title : title.isEmpty() ? body : title + "\n\n" + body;
        }
        if (text.isEmpty()) {
            return null;
        }
        text = PostParts.capped(text);
        JsonNode created = hit.get("created_at_i");
        Instant published = PostParts.published(created != null && created.canConvertToLong()
                ? Instant.ofEpochSecond(created.asLong()) : null, now);
        String author = hit.path("author").asText();
        Metrics metrics = new Metrics(PostParts.count(hit, "points"), null, PostParts.count(hit, "num_comments"), null);
        String replyTo = comment && hit.hasNonNull("parent_id") ? hit.get("parent_id").asText() : null;
        return new NewPost(KIND, id, ITEM + id, new Author(author, author, null), text, null, published, metrics,
                replyTo, null, sourceName);
    }

    /**
     * The link as one story: scheme and host in lower case without {@code www.}, no fragment, no tracking
     * parameters ({@code utm_*}, {@code fbclid}, {@code gclid}), no trailing slash; http and https alike.
     */
    static String normalise(String link) {
        String l = link.strip();
        try {
            l = FeedCollector.withoutTracking(l);
            URI u = URI.create(l);
            if (u.getHost() == null) {
                return l;
            }
            String host = u.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
            String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            String port = u.getPort() < 0 || u.getPort() == 80 || u.getPort() == 443 ? "" : ":" + u.getPort();
            return host + port + path + query;
        } catch (IllegalArgumentException e) {
            return l;
        }
    }

}
