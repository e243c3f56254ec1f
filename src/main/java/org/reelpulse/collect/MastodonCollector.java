package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
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
 * Public statuses of a Mastodon instance ({@code kind: "mastodon"}): hashtag timelines and, optionally,
 * the public statuses of a few accounts. Pages by the {@code Link} header and treats ids as opaque: the
 * first run reads back {@code reelpulse.collect.max-pages} pages, later runs ask only for what is newer
 * than the newest id seen per hashtag or account ({@code min_id}, then {@code rel="prev"}). Boosts
 * collapse into their original, stored once under its ActivityPub {@code uri}; authors who opted out of
 * indexing are skipped; HTML becomes text with the content warning kept in front. With a token it also
 * searches statuses ({@code /api/v2/search}) for the settings' queries, else the tracked events' phrases.
 */
@Component
class MastodonCollector implements Collector {

    static final String KIND = "mastodon";
    static final int LIMIT = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_]+(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})?");
    static final int MAX_QUERY = 500;
    private static final Pattern QUERY = Pattern.compile("(?s)[^\\p{Cntrl}]{1," + MAX_QUERY + "}");
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([^\";,]+)\"?");

    private final CollectProperties properties;

    MastodonCollector(CollectProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        if (baseUrl == null) {
            throw SourceService.problem("baseUrl", "Give the instance in baseUrl, e.g. \"https://mastodon.social\".");
        }
        SettingsCheck.only(settings, "A Mastodon source", "hashtags", "accounts", "local", "queries");
        List<String> hashtags = list(settings, "hashtags", HASHTAG, "#",
                "a hashtag without '#', letters, digits and '_' only, e.g. \"LionsgateRunway\"");
        List<String> accounts = list(settings, "accounts", ACCOUNT, "@",
                "a handle like \"studio\" or \"studio@mastodon.social\"");
        List<String> queries = list(settings, "queries", QUERY, null,
                "a search of 1 to " + MAX_QUERY + " characters, e.g. \"Lionsgate Runway\"");
        if (hashtags.isEmpty() && accounts.isEmpty() && queries.isEmpty()) {
            throw SourceService.problem("settings.hashtags", "Give at least one hashtag to watch, e.g. "
                    + "{\"hashtags\": [\"LionsgateRunway\"]}, or accounts in settings.accounts, or searches in "
                    + "settings.queries.");
        }
        JsonNode local = settings.get("local");
        if (local != null && !local.isNull() && !local.isBoolean()) {
            throw SourceService.problem("settings.local", "local is true (only this instance's statuses) or false.");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode h = out.putArray("hashtags");
        hashtags.forEach(h::add);
        ArrayNode a = out.putArray("accounts");
        accounts.forEach(a::add);
        ArrayNode q = out.putArray("queries");
        queries.forEach(q::add);
        out.put("local", local != null && local.asBoolean(false));
        return out;
    }

    /**
     * A list of distinct strings, each without its optional prefix and matching the pattern. Hashtags and
     * handles are case-insensitive on Mastodon, so one differing only in case is the same and read once.
     */
    private static List<String> list(JsonNode settings, String field, Pattern pattern, String prefix, String what) {
        JsonNode node = settings.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SourceService.problem("settings." + field, field + " is a list; write each as " + what + ".");
        }
        Set<String> keys = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            String s = v.isTextual() ? v.asText().strip() : "";
            if (prefix != null && s.startsWith(prefix)) {
                s = s.substring(1);
            }
            if (!pattern.matcher(s).matches()) {
                throw SourceService.problem("settings." + field, "'" + v.asText() + "' is not valid in " + field
                        + "; write " + what + ".");
            }
            if (keys.add(s.toLowerCase(Locale.ROOT))) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void collect(CollectContext context) {
        URI instance = URI.create(context.source().baseUrl().replaceAll("/+$", "") + "/");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        String token = context.credentials().get("token");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        JsonNode settings = context.settings();
        String local = settings.path("local").asBoolean(false) ? "&local=true" : "";
        for (JsonNode tag : settings.path("hashtags")) {
            String path = "api/v1/timelines/tag/" + PostParts.encode(tag.asText()) + "?limit=" + LIMIT + local;
            timeline(context, instance, headers, "tag:" + tag.asText().toLowerCase(Locale.ROOT), instance.resolve(path),
                    "the hashtag timeline #" + tag.asText());
        }
        for (JsonNode account : settings.path("accounts")) {
            String acct = account.asText();
            Optional<String> id = lookup(context, instance, headers, acct);
            if (id.isPresent()) {
                URI first = instance.resolve("api/v1/accounts/" + PostParts.encode(id.get()) + "/statuses?limit=" + LIMIT);
                timeline(context, instance, headers, "account:" + acct.toLowerCase(Locale.ROOT), first,
                        "the statuses of @" + acct);
            }
        }
        if (token != null) {
            for (String query : queries(context)) {
                search(context, instance, headers, query);
            }
        }
    }

    /**
     * What to search for: the settings' own queries, else each phrase the tracked events watch (a phrase with
     * a space quoted, as Mastodon's search reads quotes). Distinct regardless of case.
     */
    static List<String> queries(CollectContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode q : context.settings().path("queries")) {
            out.putIfAbsent(q.asText().toLowerCase(Locale.ROOT), q.asText());
        }
        if (out.isEmpty()) {
            for (WatchTerms w : context.watch()) {
                for (String p : w.phrases()) {
                    String q = p.contains(" ") ? "\"" + p + "\"" : p;
                    out.putIfAbsent(q.toLowerCase(Locale.ROOT), q);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Full-text status search, which instances give only to logged-in users (and only where the operator
     * set up Elasticsearch or OpenSearch; elsewhere it finds little). The first run takes the newest page;
     * later runs ask for what is newer than the newest status seen ({@code min_id}), page after page, the
     * cursor moved after each stored page.
     */
    private void search(CollectContext context, URI instance, Map<String, String> headers, String query) {
        String key = CursorKeys.key("search:", query);
        String base = "api/v2/search?type=statuses&q=" + PostParts.encode(query) + "&resolve=false&limit=" + LIMIT;
        Optional<String> since = context.cursor(key);
        String what = "the search for " + query;
        for (int page = 0; page < properties.maxPages(); page++) {
            String path = base + since.map(id -> "&min_id=" + PostParts.encode(id)).orElse("");
            PoliteHttp.Response r = context.http().get(instance.resolve(path), headers);
            JsonNode statuses = answer(context, r, what).path("statuses");
            if (!statuses.isArray()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, instance.getHost() + " answered " + what
                        + " without a list of statuses; the next run tries again.");
            }
            if (statuses.isEmpty()) {
                break;
            }
            store(context, statuses, instance);
            String newest = newest(statuses);
            if (newest == null || since.isPresent() && newest.equals(since.get())) {
                break;
            }
            context.cursor(key, newest);
            if (since.isEmpty() || statuses.size() < LIMIT) {
                break; // a first run takes the newest page only; a short page is the present
            }
            since = Optional.of(newest);
        }
    }

    /** The id of the newest status by its creation time (ids are opaque, never compared). */
    private static String newest(JsonNode statuses) {
        String id = null;
        Instant best = null;
        for (JsonNode s : statuses) {
            Instant created;
            try {
                created = Instant.parse(s.path("created_at").asText(""));
            } catch (DateTimeParseException e) {
                continue;
            }
            if (best == null || created.isAfter(best)) {
                best = created;
                id = s.path("id").asText(null);
            }
        }
        return id;
    }

    /** The local id of an account, or a warning when the instance does not know it. */
    private Optional<String> lookup(CollectContext context, URI instance, Map<String, String> headers, String acct) {
        PoliteHttp.Response r = context.http().get(instance.resolve("api/v1/accounts/lookup?acct=" + PostParts.encode(acct)),
                headers);
        if (r.status() == 404) {
            context.warn("The account @" + acct + " is not known to " + instance.getHost()
                    + "; check settings.accounts.");
            return Optional.empty();
        }
        JsonNode account = answer(context, r, "the account @" + acct);
        String id = account.path("id").asText(null);
        if (id == null) {
            throw new CollectException(CollectException.Outcome.DEGRADED, instance.getHost() + " answered the lookup of @"
                    + acct + " without an id; the next run tries again.");
        }
        return Optional.of(id);
    }

    /**
     * One paged timeline. Without a cursor: newest first, following {@code rel="next"} back through at most
     * max-pages pages, the cursor set to the newest id once all is stored. With one: {@code min_id} and then
     * {@code rel="prev"}, page after page towards the present, the cursor moved after each page so a run
     * that stops early leaves no gap.
     */
    private void timeline(CollectContext context, URI instance, Map<String, String> headers, String key, URI first,
            String what) {
        Optional<String> since = context.cursor(key);
        URI url = since.map(id -> URI.create(first + "&min_id=" + PostParts.encode(id))).orElse(first);
        String newest = null;
        for (int page = 0; url != null && page < properties.maxPages(); page++) {
            PoliteHttp.Response r = context.http().get(url, headers);
            JsonNode statuses = answer(context, r, what);
            if (!statuses.isArray()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, instance.getHost() + " answered " + what
                        + " with something other than a list of statuses; the next run tries again.");
            }
            if (statuses.isEmpty()) {
                break;
            }
            // the timeline's own position, a boost's id included: that is what the server pages by
            String top = statuses.get(0).path("id").asText(null);
            store(context, statuses, instance);
            Map<String, URI> links = links(r, instance);
            if (since.isPresent()) {
                context.cursor(key, top);
                url = links.get("prev");
            } else {
                if (newest == null) {
                    newest = top;
                }
                url = links.get("next");
            }
        }
        if (since.isEmpty()) {
            context.cursor(key, newest);
        }
    }

    /** The JSON of a 2xx answer; any other status ends the run with what to do about it. */
    private static JsonNode answer(CollectContext context, PoliteHttp.Response r, String what) {
        int status = r.status();
        String host = r.uri().getHost();
        if (status == 401 || status == 403) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, host + " answered " + status
                    + " for " + what + (context.credentials().containsKey("token")
                            ? ": it refused the token given; check it, or give a new one in {\"token\"}."
                            : ": this instance lets only logged-in users read it (Mastodon 4.5 and later may); "
                                    + "give an access token of an account there as {\"token\"}."));
        }
        if (status < 200 || status >= 300) {
            throw new CollectException(CollectException.Outcome.FAILED, host + " answered " + status + " for " + what
                    + " after " + context.http().requests() + " requests; the next run tries again.");
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CollectException(CollectException.Outcome.DEGRADED, host + " answered " + what
                    + " with JSON that cannot be read; nothing of that page was stored, the next run tries again.");
        }
    }

    private static void store(CollectContext context, JsonNode statuses, URI instance) {
        Map<String, NewPost> byUri = new LinkedHashMap<>();
        int skipped = 0;
        Instant now = context.clock().instant();
        for (JsonNode wrapper : statuses) {
            JsonNode status = wrapper.hasNonNull("reblog") ? wrapper.get("reblog") : wrapper;
            JsonNode account = status.path("account");
            if (account.path("indexable").isBoolean() && !account.path("indexable").asBoolean()
                    || account.path("noindex").asBoolean(false)) {
                skipped++;
                continue;
            }
            NewPost post = toPost(status, instance, context.source().name(), now);
            if (post != null) {
                byUri.putIfAbsent(post.externalId(), post);
            }
        }
        context.storePage(byUri.values(), skipped);
    }

    /** A status as a post, or null when it has no global uri or no text to analyse. */
    static NewPost toPost(JsonNode status, URI instance, String sourceName, Instant now) {
        String uri = status.path("uri").asText(null);
        if (uri == null || uri.isBlank() || uri.length() > 512) {
            return null;
        }
        String text = text(status.path("content").asText(""));
        String warning = status.path("spoiler_text").asText("").strip();
        if (!warning.isEmpty()) {
            text = "[Content warning: " + warning + "]" + (text.isEmpty() ? "" : "\n\n" + text);
        }
        if (text.isEmpty()) {
            return null;
        }
        text = PostParts.capped(text);
        Instant published = PostParts.published(PostParts.instant(status.path("created_at").asText("")).orElse(null),
                now);
        JsonNode account = status.path("account");
        String acct = account.path("acct").asText("");
        // a local account's acct has no domain: made global so one person has one handle across instances
        String handle = acct.contains("@") ? acct : acct + "@" + instance.getHost();
        String name = account.path("display_name").asText("");
        Author author = new Author(handle, name.isBlank() ? handle : name, null);
        String url = status.hasNonNull("url") ? status.get("url").asText() : uri;
        String lang = status.hasNonNull("language") ? status.get("language").asText() : null;
        Metrics metrics = new Metrics(PostParts.count(status, "favourites_count"), PostParts.count(status, "reblogs_count"),
                PostParts.count(status, "replies_count"), PostParts.count(status, "quotes_count"));
        return new NewPost(KIND, uri, url, author, text, lang, published, metrics, null, null, sourceName);
    }

    /** The text of a status's HTML: entities decoded, a blank line between paragraphs, {@code <br>} a line break. */
    static String text(String html) {
        StringBuilder sb = new StringBuilder();
        append(Jsoup.parseBodyFragment(html).body(), sb);
        return sb.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static void append(Node node, StringBuilder sb) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                sb.append(t.getWholeText());
            } else if (child instanceof Element e) {
                if (e.normalName().equals("br")) {
                    sb.append('\n');
                } else if (e.isBlock()) {
                    sb.append("\n\n");
                    append(e, sb);
                    sb.append("\n\n");
                } else {
                    append(e, sb);
                }
            }
        }
    }

    /** The Link header's targets by rel, only those on the instance's own host. */
    static Map<String, URI> links(PoliteHttp.Response r, URI instance) {
        Map<String, URI> out = new LinkedHashMap<>();
        for (String header : r.headers().allValues("Link")) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                try {
                    URI target = instance.resolve(m.group(1).strip());
                    if (instance.getHost().equalsIgnoreCase(target.getHost())) {
                        out.putIfAbsent(m.group(2).toLowerCase(Locale.ROOT), target);
                    }
                } catch (IllegalArgumentException e) {
                    // a malformed link ends paging here; what was read is kept
                }
            }
        }
        return out;
    }


}
