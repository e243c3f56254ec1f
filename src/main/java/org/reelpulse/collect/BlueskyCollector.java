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
 * Bluesky posts ({@code kind: "bluesky"}): full-text search ({@code app.bsky.feed.searchPosts}) for the
 * source's queries, or else for what the tracked events look for, and the feeds of a few watched accounts
 * ({@code app.bsky.feed.getAuthorFeed}). Bluesky no longer answers post search without a login, so every
 * call goes to the account's PDS ({@code https://bsky.social} by default), which passes {@code app.bsky.*}
 * calls on to the Bluesky AppView, with the access token of a session opened with an app password and
 * kept across runs ({@link BlueskySessions}). Reposts collapse into their original, stored once under its
 * {@code at://} uri; links shortened in the text are put back in full from the facets (UTF-8 byte
 * offsets); authors who carry the {@code !no-unauthenticated} self-label are skipped.
 *
 * <p>Search pages newest first ({@code sort=latest}): the first run reads back at most {@code
 * reelpulse.collect.max-pages} pages and keeps the newest {@code sortAt} (the earlier of {@code createdAt}
 * and {@code indexedAt}) as the query's cursor; later runs ask only {@code since} it. When more is new than
 * max-pages pages hold, the window still unread is kept ({@code until} the oldest post read) and read by
 * the next runs, before they move on to the present, so nothing between two runs is left out.
 */
@Component
class BlueskyCollector implements Collector {

    static final String KIND = "bluesky";
    static final String DEFAULT_BASE = "https://bsky.social";
    static final int LIMIT = 100;
    static final int MAX_QUERY = 500;
    static final String OPT_OUT = "!no-unauthenticated";
    static final String REPOST = "app.bsky.feed.defs#reasonRepost";
    static final String PIN = "app.bsky.feed.defs#reasonPin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HANDLE = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private final CollectProperties properties;
    private final BlueskySessions sessions = new BlueskySessions();

    BlueskyCollector(CollectProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The sessions kept across runs (tests look at them). */
    BlueskySessions sessions() {
        return sessions;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "A Bluesky source", "queries", "accounts", "lang");
        List<String> queries = queries(settings);
        List<String> accounts = accounts(settings);
        JsonNode lang = settings.get("lang");
        String l = null;
        if (lang != null && !lang.isNull()) {
            l = lang.isTextual() ? lang.asText().strip().toLowerCase(Locale.ROOT) : "";
            if (!LANG.matcher(l).matches()) {
                throw SourceService.problem("settings.lang", "lang is a language code like \"en\" or \"fr\", which "
                        + "Bluesky search filters on; '" + lang.asText() + "' is not one.");
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode q = out.putArray("queries");
        queries.forEach(q::add);
        ArrayNode a = out.putArray("accounts");
        accounts.forEach(a::add);
        if (l != null) {
            out.put("lang", l);
        }
        return out;
    }

    /** Distinct queries as written; one differing only in case is the same (search ignores case). */
    private static List<String> queries(JsonNode settings) {
        JsonNode node = settings.get("queries");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SourceService.problem("settings.queries", "queries is a list of search queries, e.g. "
                    + "[\"Lionsgate Runway\", \"#LionsgateRunway\"].");
        }
        Set<String> keys = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            String s = v.isTextual() ? v.asText().strip() : "";
            if (s.isEmpty() || s.length() > MAX_QUERY) {
                throw SourceService.problem("settings.queries", "Each query is text of 1 to " + MAX_QUERY
                        + " characters, e.g. \"Lionsgate Runway\"; '" + v.asText() + "' is not.");
            }
            if (keys.add(s.toLowerCase(Locale.ROOT))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Handles (lower-cased, without {@code @}) or DIDs, each once. */
    private static List<String> accounts(JsonNode settings) {
        JsonNode node = settings.get("accounts");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SourceService.problem("settings.accounts", "accounts is a list of handles like "
                    + "\"sagaftra.org\" or \"studio.bsky.social\", or DIDs like \"did:plc:…\".");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : node) {
            String s = v.isTextual() ? v.asText().strip() : "";
            if (s.startsWith("@")) {
                s = s.substring(1);
            }
            if (!s.startsWith("did:")) {
                s = s.toLowerCase(Locale.ROOT);
            }
            if (!(s.length() <= 253 && HANDLE.matcher(s).matches()) && !DID.matcher(s).matches()) {
                throw SourceService.problem("settings.accounts", "'" + v.asText() + "' is not a Bluesky handle or "
                        + "DID; write a handle like \"sagaftra.org\" or \"studio.bsky.social\" (no URL), or a DID.");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** One search: a query and the language it is filtered on (null for any). */
    record Search(String q, String lang) {
    }

    /**
     * The searches of a run: the source's queries with its language, or else one per phrase and hashtag of
     * each tracked event with the event's language (the source's when the event names none). Bluesky's
     * search joins words with AND and has no working OR, so terms are asked for one by one.
     */
    static List<Search> searches(CollectContext context) {
        JsonNode settings = context.settings();
        String lang = settings.hasNonNull("lang") ? settings.get("lang").asText() : null;
        Set<Search> out = new LinkedHashSet<>();
        for (JsonNode q : settings.path("queries")) {
            out.add(new Search(q.asText(), lang));
        }
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        for (WatchTerms w : context.watch()) {
            String l = w.lang() != null ? w.lang() : lang;
            for (String p : w.phrases()) {
                String phrase = p.replace("\"", "").strip();
                if (!phrase.isEmpty()) {
                    out.add(new Search(phrase.contains(" ") ? "\"" + phrase + "\"" : phrase, l));
                }
            }
            for (String h : w.hashtags()) {
                out.add(new Search("#" + h, l));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void collect(CollectContext context) {
        String configured = context.source().baseUrl();
        URI base = URI.create((configured == null || configured.isBlank() ? DEFAULT_BASE : configured)
                .replaceAll("/+$", "") + "/");
        List<Search> searches = searches(context);
        List<String> accounts = new ArrayList<>();
        context.settings().path("accounts").forEach(a -> accounts.add(a.asText()));
        if (searches.isEmpty() && accounts.isEmpty()) {
            context.warn("Nothing to look for: the source has no settings.queries or settings.accounts, and no "
                    + "tracked event gives words or hashtags to search (an event whose window has ended asks for "
                    + "nothing).");
            return;
        }
        Reader reader = new Reader(context, base);
        for (Search s : searches) {
            search(reader, s);
        }
        for (String actor : accounts) {
            authorFeed(reader, actor);
        }
    }

    /**
     * Where a search got to: the newest sortAt read ({@code since}), and while a window is left unread,
     * its end ({@code until}, exclusive) and where to move on to once it is read ({@code next}).
     */
    record Window(Instant since, Instant until, Instant next) {

        static Optional<Window> parse(Optional<String> stored) {
            if (stored.isEmpty() || stored.get().isBlank()) {
                return Optional.empty();
            }
            String[] parts = stored.get().strip().split(" ");
            try {
                Instant since = Instant.parse(parts[0]);
                return Optional.of(parts.length == 3 ? new Window(since, Instant.parse(parts[1]),
                        Instant.parse(parts[2])) : new Window(since, null, null));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        String write() {
            return until == null ? since.toString() : since + " " + until + " " + next;
        }
    }

    private void search(Reader reader, Search s) {
        CollectContext context = reader.context;
        String key = key("search:", s.q() + (s.lang() == null ? "" : " lang:" + s.lang()));
        Optional<Window> window = Window.parse(context.cursor(key));
        StringBuilder first = new StringBuilder("xrpc/app.bsky.feed.searchPosts?q=").append(PostParts.encode(s.q()))
                .append("&sort=latest&limit=").append(LIMIT);
        if (s.lang() != null) {
            first.append("&lang=").append(PostParts.encode(s.lang()));
        }
        window.ifPresent(w -> {
            first.append("&since=").append(PostParts.encode(w.since().toString()));
            if (w.until() != null) {
                first.append("&until=").append(PostParts.encode(w.until().toString()));
            }
        });
        String what = "the search for " + s.q() + (s.lang() == null ? "" : " (lang " + s.lang() + ")");
        String cursor = null;
        Instant newest = null;
        Instant oldest = null;
        boolean more = false;
        for (int page = 0; page < properties.maxPages(); page++) {
            URI url = reader.base.resolve(first + (cursor == null ? "" : "&cursor=" + PostParts.encode(cursor)));
            Optional<JsonNode> answer = reader.get(url, what, "the query in settings.queries (or the tracked event's)");
            if (answer.isEmpty()) {
                return;
            }
            JsonNode posts = answer.get().path("posts");
            if (!posts.isArray()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, reader.base.getHost() + " answered "
                        + what + " without a list of posts; the next run tries again.");
            }
            List<JsonNode> views = new ArrayList<>();
            for (JsonNode post : posts) {
                views.add(post);
                Optional<Instant> at = sortAt(post);
                if (at.isPresent()) {
                    newest = newest == null || at.get().isAfter(newest) ? at.get() : newest;
                    oldest = at.get();
                }
            }
            store(context, views);
            cursor = answer.get().path("cursor").asText(null);
            more = !posts.isEmpty() && cursor != null && !cursor.isBlank();
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
            Instant reached = w.until() == null ? later(w.since(), newest) : w.next();
            if (more && oldest != null) {
                // cut short: the rest of this window, older than the oldest read, is read by the next run
                next = new Window(w.since(), oldest.plusMillis(1), reached);
            } else {
                next = new Window(reached, null, null);
            }
        }
        if (next != null) {
            context.cursor(key, next.write());
        }
    }

    /**
     * A watched account's feed, newest first: its posts, replies and reposts (stored as the reposted post).
     * The first run reads back max-pages pages; later runs stop at the newest item of the run before.
     */
    private void authorFeed(Reader reader, String actor) {
        CollectContext context = reader.context;
        String key = key("account:", actor);
        Optional<Instant> since = Window.parse(context.cursor(key)).map(Window::since);
        String what = "the feed of @" + actor;
        String cursor = null;
        Instant newest = null;
        boolean reached = false;
        for (int page = 0; page < properties.maxPages() && !reached; page++) {
            URI url = reader.base.resolve("xrpc/app.bsky.feed.getAuthorFeed?actor=" + PostParts.encode(actor) + "&limit=" + LIMIT
                    + "&filter=posts_with_replies" + (cursor == null ? "" : "&cursor=" + PostParts.encode(cursor)));
            Optional<JsonNode> answer = reader.get(url, what, "settings.accounts");
            if (answer.isEmpty()) {
                return;
            }
            JsonNode feed = answer.get().path("feed");
            if (!feed.isArray()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, reader.base.getHost() + " answered "
                        + what + " without a feed; the next run tries again.");
            }
            List<JsonNode> views = new ArrayList<>();
            for (JsonNode item : feed) {
                JsonNode reason = item.path("reason");
                String reasonType = reason.path("$type").asText("");
                Optional<Instant> at = REPOST.equals(reasonType) ? PostParts.instant(reason.path("indexedAt").asText(""))
                        : sortAt(item.path("post"));
                if (PIN.equals(reasonType) || at.isEmpty()) {
                    // a pinned post stands first whatever its age: it says nothing of where the feed is
                    views.add(item.path("post"));
                    continue;
                }
                if (since.isPresent() && at.get().isBefore(since.get())) {
                    reached = true;
                    continue;
                }
                newest = later(newest, at.get());
                views.add(item.path("post"));
            }
            store(context, views);
            cursor = answer.get().path("cursor").asText(null);
            if (feed.isEmpty() || cursor == null || cursor.isBlank()) {
                reached = true;
            }
        }
        if (since.isPresent() && !reached) {
            context.warn("@" + actor + " posted more than " + properties.maxPages() + " pages since the last run; "
                    + "older ones of them were not read (raise reelpulse.collect.max-pages or run the source more often).");
        }
        Instant moved = since.isPresent() ? later(since.get(), newest) : newest;
        if (moved != null) {
            context.cursor(key, moved.toString());
        }
    }

    /** Calls the PDS with the session's token; a token refused as expired is renewed once and the call repeated. */
    private final class Reader {
        final CollectContext context;
        final URI base;
        BlueskySessions.Session session;

        Reader(CollectContext context, URI base) {
            this.context = context;
            this.base = base;
            this.session = sessions.open(context, base);
        }

        /**
         * The answer's JSON; empty, with a warning saying what to {@code check}, when the server refused only
         * this query or account (400: a query it cannot parse, an unknown or blocked account).
         */
        Optional<JsonNode> get(URI url, String what, String check) {
            PoliteHttp.Response r = context.http().get(url, headers());
            JsonNode body = read(r);
            if (tokenRefused(r, body)) {
                session = sessions.renew(context, base, session);
                r = context.http().get(url, headers());
                body = read(r);
            }
            String error = body == null ? "" : body.path("error").asText("");
            String message = body == null ? "" : body.path("message").asText("");
            String detail = error.isEmpty() ? "" : " (" + error + (message.isEmpty() ? "" : ": " + message) + ")";
            int status = r.status();
            if (tokenRefused(r, body)) {
                sessions.forget(context.source().id());
                throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, base.getHost() + " refused the "
                        + "session of '" + session.identifier() + "' for " + what + detail + ", even after logging in "
                        + "again: check the app password in {\"identifier\", \"password\"}.");
            }
            if (status == 400) {
                context.warn(base.getHost() + " refused " + what + detail + "; check " + check + ".");
                return Optional.empty();
            }
            if (status == 403) {
                throw new CollectException(CollectException.Outcome.FAILED, base.getHost() + " forbade " + what + detail
                        + ": Bluesky turns post search off at times and for some hosts; the next run tries again.");
            }
            if (status < 200 || status >= 300) {
                throw new CollectException(CollectException.Outcome.FAILED, base.getHost() + " answered " + status
                        + " for " + what + detail + " after " + context.http().requests()
                        + " requests; the next run tries again.");
            }
            if (body == null) {
                throw new CollectException(CollectException.Outcome.DEGRADED, base.getHost() + " answered " + what
                        + " with JSON that cannot be read; nothing of that page was stored, the next run tries again.");
            }
            return Optional.of(body);
        }

        private Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Accept", "application/json");
            h.put("Authorization", "Bearer " + session.accessJwt());
            return h;
        }
    }

    /** An access token refused: 401, or 400 with ExpiredToken or InvalidToken as the PDS answers. */
    private static boolean tokenRefused(PoliteHttp.Response r, JsonNode body) {
        if (r.status() == 401) {
            return true;
        }
        String error = body == null ? "" : body.path("error").asText("");
        return r.status() == 400 && (error.equals("ExpiredToken") || error.equals("InvalidToken"));
    }

    private static JsonNode read(PoliteHttp.Response r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n == null || !n.isObject() ? null : n;
        } catch (IOException e) {
            return null;
        }
    }

    private static void store(CollectContext context, List<JsonNode> views) {
        Map<String, NewPost> byUri = new LinkedHashMap<>();
        int skipped = 0;
        Instant now = context.clock().instant();
        for (JsonNode view : views) {
            if (optedOut(view.path("author"))) {
                skipped++;
                continue;
            }
            NewPost post = toPost(view, context.source().name(), now);
            if (post != null) {
                byUri.putIfAbsent(post.externalId(), post);
            }
        }
        context.storePage(byUri.values(), skipped);
    }

    /** Whether the author carries the self-label asking not to be shown to logged-out viewers. */
    static boolean optedOut(JsonNode author) {
        for (JsonNode label : author.path("labels")) {
            if (OPT_OUT.equals(label.path("val").asText()) && !label.path("neg").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** A post view ({@code app.bsky.feed.defs#postView}) as a post, or null without an at:// uri or text. */
    static NewPost toPost(JsonNode view, String sourceName, Instant now) {
        String uri = view.path("uri").asText("");
        if (!uri.startsWith("at://") || uri.length() > 512) {
            return null;
        }
        JsonNode record = view.path("record");
        String raw = record.path("text").asText("");
        String text = BlueskyFacets.withFullLinks(raw, BlueskyFacets.of(raw, record.path("facets"))).strip();
        if (text.isEmpty()) {
            return null;
        }
        text = PostParts.capped(text);
        JsonNode author = view.path("author");
        String did = author.path("did").asText("");
        String handle = author.path("handle").asText("");
        if (handle.isEmpty() || handle.equals("handle.invalid")) {
            handle = did;
        }
        String name = author.path("displayName").asText("").strip();
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        String url = "https://bsky.app/profile/" + handle + "/post/" + rkey;
        String lang = null;
        JsonNode langs = record.path("langs");
        if (langs.isArray() && !langs.isEmpty()) {
            String l = langs.get(0).asText("").toLowerCase(Locale.ROOT);
            lang = LANG.matcher(l).matches() && l.length() <= 16 ? l : null;
        }
        Instant published = PostParts.published(PostParts.instant(record.path("createdAt").asText(""))
                .or(() -> PostParts.instant(view.path("indexedAt").asText(""))).orElse(null), now);
        String replyTo = record.path("reply").path("parent").path("uri").asText(null);
        Metrics metrics = new Metrics(PostParts.count(view, "likeCount"), PostParts.count(view, "repostCount"), PostParts.count(view, "replyCount"),
                PostParts.count(view, "quoteCount"));
        return new NewPost(KIND, uri, url, new Author(handle, name.isEmpty() ? handle : name, null), text, lang,
                published, metrics, replyTo != null && replyTo.length() <= 512 ? replyTo : null, null, sourceName);
    }

    /** What the AppView sorts and filters search by: the earlier of createdAt and indexedAt. */
    static Optional<Instant> sortAt(JsonNode view) {
        Optional<Instant> created = PostParts.instant(view.path("record").path("createdAt").asText(""));
        Optional<Instant> indexed = PostParts.instant(view.path("indexedAt").asText(""));
        if (created.isPresent() && indexed.isPresent()) {
            return Optional.of(created.get().isBefore(indexed.get()) ? created.get() : indexed.get());
        }
        return created.or(() -> indexed);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** A cursor key (at most 200 characters): the value itself, or its digest when it is long. */
    static String key(String prefix, String value) {
        return CursorKeys.key(prefix, value);
    }

}
