package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 * Posts on X ({@code kind: "x"}) through API v2 recent search ({@code GET /2/tweets/search/recent}, the
 * last seven days) with an app's bearer token: the source's queries, or else one query per tracked event
 * built from its words and hashtags ({@code ("a phrase" OR word OR #tag) lang:en}). Retweets collapse into
 * their original, which the {@code referenced_tweets.id} expansion brings and which is stored once under
 * its id. Pages by {@code next_token}; the first run reads back at most {@code reelpulse.collect.max-pages}
 * pages, later runs ask only {@code since_id} the newest id of the run before, and a run cut short by
 * max-pages leaves the rest of its window ({@code until_id} the oldest id read) to the next runs. A 200
 * that carries {@code errors[]} beside {@code data} keeps the data and reports the errors as warnings; a
 * post X reports as not found is removed from the store (a tombstone).
 *
 * <p>X bills reads per post returned (pay-per-use since February 2026), so each page costs money: keep
 * the queries narrow and max-pages small.
 */
@Component
class XCollector implements Collector {

    static final String KIND = "x";
    static final String DEFAULT_BASE = "https://api.x.com";
    static final int MAX_RESULTS = 100;
    static final int MAX_QUERY = 512;
    static final String TWEET_FIELDS = "created_at,lang,public_metrics,author_id,referenced_tweets,conversation_id,"
            + "note_tweet";
    static final String EXPANSIONS = "author_id,referenced_tweets.id";
    static final String USER_FIELDS = "username,name,description";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}");
    /** X's own codes for posts without a language: undefined, media only, hashtags only and the like. */
    private static final Set<String> NO_LANG = Set.of("und", "zxx", "art", "qam", "qct", "qht", "qme", "qst");

    private final CollectProperties properties;

    XCollector(CollectProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "An X source", "queries", "lang");
        String lang = null;
        JsonNode l = settings.get("lang");
        if (l != null && !l.isNull()) {
            lang = l.isTextual() ? l.asText().strip().toLowerCase(Locale.ROOT) : "";
            if (!LANG.matcher(lang).matches() || NO_LANG.contains(lang)) {
                throw SourceService.problem("settings.lang", "lang is a two-letter language code like \"en\" or \"fr\" "
                        + "(X's lang: operator); '" + l.asText() + "' is not one.");
            }
        }
        List<String> queries = new ArrayList<>();
        JsonNode node = settings.get("queries");
        if (node != null && !node.isNull()) {
            if (!node.isArray()) {
                throw SourceService.problem("settings.queries", "queries is a list of X search queries, e.g. "
                        + "[\"\\\"Lionsgate Runway\\\" OR #LionsgateRunway\"].");
            }
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode v : node) {
                String q = v.isTextual() ? v.asText().strip() : "";
                String asked = q.isEmpty() ? q : withLang(q, lang);
                if (q.isEmpty() || asked.length() > MAX_QUERY) {
                    throw SourceService.problem("settings.queries", "Each query is X search syntax of 1 to " + MAX_QUERY
                            + " characters" + (lang == null ? "" : " with ' lang:" + lang + "' added") + ", e.g. "
                            + "\"\\\"Lionsgate Runway\\\" OR #LionsgateRunway\"; '" + v.asText() + "' is not.");
                }
                if (keys.add(q.toLowerCase(Locale.ROOT))) {
                    queries.add(q);
                }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode q = out.putArray("queries");
        queries.forEach(q::add);
        if (lang != null) {
            out.put("lang", lang);
        }
        return out;
    }

    /** A query restricted to a language (unchanged when lang is null). */
    static String withLang(String query, String lang) {
        return lang == null ? query : "(" + query + ") lang:" + lang;
    }

    /**
     * The queries of a run: the source's own (each restricted to its lang when set), or else one per tracked
     * event and language, its phrases quoted and its hashtags with {@code #}, joined by OR and restricted to
     * the event's language (or the source's). A query longer than X's 512 characters is cut into several.
     */
    static List<String> queries(CollectContext context) {
        JsonNode settings = context.settings();
        String lang = settings.hasNonNull("lang") ? settings.get("lang").asText() : null;
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode q : settings.path("queries")) {
            out.add(withLang(q.asText(), lang));
        }
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        for (WatchTerms w : context.watch()) {
            String l = w.lang() != null && LANG.matcher(w.lang()).matches() ? w.lang() : lang;
            List<String> terms = new ArrayList<>();
            for (String p : w.phrases()) {
                String phrase = p.replace("\"", "").strip();
                if (!phrase.isEmpty()) {
                    terms.add(phrase.contains(" ") ? "\"" + phrase + "\"" : phrase);
                }
            }
            for (String h : w.hashtags()) {
                terms.add("#" + h);
            }
            out.addAll(orQueries(terms, l));
        }
        return List.copyOf(out);
    }

    /** The terms ORed into as few queries of at most 512 characters as they fit in. */
    static List<String> orQueries(List<String> terms, String lang) {
        List<String> out = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (String t : terms) {
            List<String> bigger = new ArrayList<>(chunk);
            bigger.add(t);
            if (!chunk.isEmpty() && or(bigger, lang).length() > MAX_QUERY) {
                out.add(or(chunk, lang));
                chunk = new ArrayList<>();
            }
            chunk.add(t);
        }
        if (!chunk.isEmpty()) {
            String q = or(chunk, lang);
            if (q.length() <= MAX_QUERY) {
                out.add(q);
            }
        }
        return out;
    }

    private static String or(List<String> terms, String lang) {
        String joined = String.join(" OR ", terms);
        if (lang == null) {
            return joined;
        }
        return (terms.size() > 1 ? "(" + joined + ")" : joined) + " lang:" + lang;
    }

    @Override
    public void collect(CollectContext context) {
        String token = context.credentials().get("bearerToken");
        if (token == null || token.isBlank()) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "X's recent search needs an app's "
                    + "bearer token: give {\"bearerToken\": \"…\"} from the app's Keys and tokens page in the X "
                    + "developer console.");
        }
        String configured = context.source().baseUrl();
        URI base = URI.create((configured == null || configured.isBlank() ? DEFAULT_BASE : configured)
                .replaceAll("/+$", "") + "/");
        List<String> queries = queries(context);
        if (queries.isEmpty()) {
            context.warn("Nothing to look for: the source has no settings.queries, and no tracked event gives words "
                    + "or hashtags to search (an event whose window has ended asks for nothing).");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        for (String q : queries) {
            search(context, base, headers, q);
        }
    }

    /**
     * Where a query got to: the newest id read ({@code since}), and while a window is left unread, its
     * end ({@code until}, exclusive) and the id to move on to once it is read ({@code next}). Ids are
     * handed back to X as they came, never compared here.
     */
    record Window(String since, String until, String next) {

        static Optional<Window> parse(Optional<String> stored) {
            if (stored.isEmpty() || stored.get().isBlank()) {
                return Optional.empty();
            }
            String[] parts = stored.get().strip().split(" ");
            return Optional.of(parts.length == 3 ? new Window(parts[0], parts[1], parts[2])
                    : new Window(parts[0], null, null));
        }

        String write() {
            return until == null ? since : since + " " + until + " " + next;
        }
    }

    private void search(CollectContext context, URI base, Map<String, String> headers, String q) {
        String key = key(q);
        Optional<Window> window = Window.parse(context.cursor(key));
        String what = "the search for " + q;
        String token = null;
        String newest = null;
        String oldest = null;
        boolean more = false;
        for (int page = 0; page < properties.maxPages(); page++) {
            StringBuilder url = new StringBuilder("2/tweets/search/recent?query=").append(PostParts.encode(q))
                    .append("&max_results=").append(MAX_RESULTS)
                    .append("&tweet.fields=").append(PostParts.encode(TWEET_FIELDS))
                    .append("&expansions=").append(PostParts.encode(EXPANSIONS))
                    .append("&user.fields=").append(PostParts.encode(USER_FIELDS));
            window.ifPresent(w -> {
                url.append("&since_id=").append(PostParts.encode(w.since()));
                if (w.until() != null) {
                    url.append("&until_id=").append(PostParts.encode(w.until()));
                }
            });
            if (token != null) {
                url.append("&next_token=").append(PostParts.encode(token));
            }
            PoliteHttp.Response r = context.http().get(base.resolve(url.toString()), headers);
            JsonNode answer = read(r);
            if (r.status() == 400 && window.isPresent() && token == null && namesIdParameter(answer)) {
                // an id from a run more than seven days ago is outside recent search: start afresh
                context.warn("X no longer accepts the id where " + what + " stopped (more than seven days ago?); "
                        + "read it afresh, posts in between may be missing.");
                window = Optional.empty();
                page--;
                continue;
            }
            answer = check(context, r, answer, base, what);
            if (answer == null) {
                return;
            }
            JsonNode meta = answer.path("meta");
            if (newest == null) {
                newest = meta.path("newest_id").asText(null);
            }
            if (meta.hasNonNull("oldest_id")) {
                oldest = meta.get("oldest_id").asText();
            }
            store(context, answer, what);
            token = meta.path("next_token").asText(null);
            more = answer.path("data").isArray() && !answer.path("data").isEmpty() && token != null && !token.isBlank();
            if (!more) {
                break;
            }
        }
        Window next;
        if (window.isEmpty()) {
            // the first run reads back max-pages and no further: older posts are history, not news
            next = newest == null ? null : new Window(newest, null, null);
        } else {
            Window w = window.get();
            String reached = w.until() != null ? w.next() : newest != null ? newest : w.since();
            next = more && oldest != null ? new Window(w.since(), oldest, reached) : new Window(reached, null, null);
        }
        if (next != null) {
            context.cursor(key, next.write());
        }
    }

    /** Whether a 400 is about since_id or until_id (the rest of the request was fine). */
    private static boolean namesIdParameter(JsonNode answer) {
        if (answer == null) {
            return false;
        }
        for (JsonNode e : answer.path("errors")) {
            JsonNode p = e.path("parameters");
            if (p.has("since_id") || p.has("until_id")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answer of a 2xx; null with a warning for a query X refused (400); any other status ends the run
     * with what to do, never echoing the token.
     */
    private static JsonNode check(CollectContext context, PoliteHttp.Response r, JsonNode answer, URI base, String what) {
        int status = r.status();
        String host = base.getHost();
        String detail = detail(answer);
        if (status == 401 || status == 403) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, host + " answered " + status
                    + " for " + what + detail + ": it refused the bearer token, or the token's app has no access to "
                    + "recent search (check its project, plan or credits in the X developer console); give a valid "
                    + "one in {\"bearerToken\"}.");
        }
        if (status == 400) {
            context.warn(host + " refused " + what + detail + "; check the query (X search syntax, at most "
                    + MAX_QUERY + " characters).");
            return null;
        }
        if (status == 429) {
            throw new CollectException(CollectException.Outcome.FAILED, host + " still answered 429 (rate limit) for "
                    + what + " after " + context.http().requests() + " requests; the next run tries again.");
        }
        if (status < 200 || status >= 300) {
            throw new CollectException(CollectException.Outcome.FAILED, host + " answered " + status + " for " + what
                    + detail + " after " + context.http().requests() + " requests; the next run tries again.");
        }
        if (answer == null) {
            throw new CollectException(CollectException.Outcome.DEGRADED, host + " answered " + what
                    + " with JSON that cannot be read; nothing of that page was stored, the next run tries again.");
        }
        return answer;
    }

    /** X's own words about an error ({@code title: detail}), in brackets, or nothing. */
    private static String detail(JsonNode answer) {
        if (answer == null) {
            return "";
        }
        String title = answer.path("title").asText("");
        String detail = answer.path("detail").asText("");
        if (title.isEmpty() && detail.isEmpty()) {
            JsonNode first = answer.path("errors").path(0);
            title = first.path("title").asText("");
            detail = first.path("message").asText(first.path("detail").asText(""));
        }
        String s = (title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
        if (s.length() > 300) {
            s = s.substring(0, 299) + "…";
        }
        return s.isEmpty() ? "" : " (" + s + ")";
    }

    private static JsonNode read(PoliteHttp.Response r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n == null || !n.isObject() ? null : n;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Stores a page: each post, or for a retweet the original it expands to, once. Errors beside the data
     * are warned about (the data is kept), and a post X reports as not found is tombstoned.
     */
    private static void store(CollectContext context, JsonNode answer, String what) {
        JsonNode includes = answer.path("includes");
        Map<String, JsonNode> users = new HashMap<>();
        for (JsonNode u : includes.path("users")) {
            users.put(u.path("id").asText(), u);
        }
        Map<String, JsonNode> referenced = new HashMap<>();
        for (JsonNode t : includes.path("tweets")) {
            referenced.put(t.path("id").asText(), t);
        }
        Map<String, NewPost> byId = new LinkedHashMap<>();
        Instant now = context.clock().instant();
        int unreadable = 0;
        for (JsonNode tweet : answer.path("data")) {
            JsonNode post = tweet;
            String retweeted = reference(tweet, "retweeted");
            if (retweeted != null) {
                post = referenced.get(retweeted);
                if (post == null) {
                    // the original is not in the expansion (deleted, protected): errors[] says why
                    unreadable++;
                    continue;
                }
            }
            NewPost p = toPost(post, users, context.source().name(), now);
            if (p != null) {
                byId.putIfAbsent(p.externalId(), p);
            }
        }
        context.storePage(byId.values(), unreadable);
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> said = new ArrayList<>();
            for (JsonNode e : errors) {
                String title = e.path("title").asText("error");
                String id = e.path("resource_id").asText(e.path("value").asText(""));
                if ("Not Found Error".equals(title) && "tweet".equals(e.path("resource_type").asText())
                        && !id.isEmpty()) {
                    context.delete(id);
                }
                if (said.size() < 3) {
                    said.add(title + (id.isEmpty() ? "" : " " + id) + (e.hasNonNull("detail")
                            ? ": " + e.get("detail").asText() : ""));
                }
            }
            context.warn("X reported " + errors.size() + (errors.size() == 1 ? " problem" : " problems") + " with "
                    + what + " beside the posts it returned, which were kept: " + String.join("; ", said)
                    + (errors.size() > said.size() ? "; …" : "") + ".");
        }
    }

    /** The id a post refers to in this way ({@code retweeted}, {@code quoted}, {@code replied_to}), or null. */
    private static String reference(JsonNode tweet, String type) {
        for (JsonNode ref : tweet.path("referenced_tweets")) {
            if (type.equals(ref.path("type").asText())) {
                return ref.path("id").asText(null);
            }
        }
        return null;
    }

    /** A post object of API v2 as a post, or null without an id or text. */
    static NewPost toPost(JsonNode tweet, Map<String, JsonNode> users, String sourceName, Instant now) {
        String id = tweet.path("id").asText("");
        if (id.isEmpty() || id.length() > 512) {
            return null;
        }
        // a post longer than 280 characters keeps its whole text in note_tweet; text is cut short
        String text = unescape(tweet.path("note_tweet").path("text").asText(tweet.path("text").asText(""))).strip();
        if (text.isEmpty()) {
            return null;
        }
        text = PostParts.capped(text);
        JsonNode user = users.getOrDefault(tweet.path("author_id").asText(""), JsonNodeFactory.instance.objectNode());
        String username = user.path("username").asText("");
        String handle = username.isEmpty() ? "id:" + tweet.path("author_id").asText("unknown") : username;
        String name = user.path("name").asText("").strip();
        String bio = user.path("description").asText("").strip();
        String url = username.isEmpty() ? "https://x.com/i/web/status/" + id
                : "https://x.com/" + username + "/status/" + id;
        String lang = tweet.path("lang").asText("").toLowerCase(Locale.ROOT);
        if (!LANG.matcher(lang).matches() || NO_LANG.contains(lang)) {
            lang = null;
        }
        Instant published = PostParts.published(PostParts.instant(tweet.path("created_at").asText("")).orElse(null),
                now);
        JsonNode m = tweet.path("public_metrics");
        Metrics metrics = new Metrics(PostParts.count(m, "like_count"), PostParts.count(m, "retweet_count"), PostParts.count(m, "reply_count"),
                PostParts.count(m, "quote_count"));
        return new NewPost(KIND, id, url, new Author(handle, name.isEmpty() ? handle : name, bio.isEmpty() ? null : bio),
                text, lang, published, metrics, reference(tweet, "replied_to"), null, sourceName);
    }

    /** API v2 escapes {@code &}, {@code <} and {@code >} in post text as HTML entities. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A query's cursor key (at most 200 characters): the query itself, or its digest when it is long. */
    static String key(String query) {
        return CursorKeys.key("query:", query);
    }

}
