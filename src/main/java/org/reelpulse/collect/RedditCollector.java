package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jsoup.parser.Parser;
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
 * Reddit posts and comments through its OAuth API ({@code kind: "reddit"}), with an application-only
 * token (client credentials) kept until it expires. Reads the {@code new} listing and the new comments of
 * a few subreddits, and searches (in those subreddits, else site-wide) for the settings' queries or the
 * tracked events' terms, newest first. Later runs ask only for what is newer than the newest fullname seen
 * per listing ({@code before}); when that item is gone (deleted or removed, so Reddit cannot place {@code
 * before}) they read from the top and stop at the first item already seen. Deleted and removed items
 * become tombstones; crossposts collapse into their original. At the end of each run the items stored in
 * the last {@code recheck} window (the newest {@value #RECHECK_MAX}, kept in the cursors {@code recheck:<n>})
 * are asked for again through {@code /api/info}, 100 a request: one deleted or removed since becomes a
 * tombstone, the others are offered again so the store takes an edit and refreshes the counts.
 */
@Component
class RedditCollector implements Collector {

    static final String KIND = "reddit";
    static final String API = "https://oauth.reddit.com";
    static final String TOKEN_URL = "https://www.reddit.com/api/v1/access_token";
    static final String WEB = "https://www.reddit.com";
    static final int LIMIT = 100;
    static final int MAX_QUERY = 512;
    static final String NEW = "new";
    static final String SEARCH = "search";
    static final String COMMENTS = "comments";
    /** The re-check window by default; {@code PT0S} turns the re-check off. */
    static final Duration RECHECK = Duration.ofDays(2);
    static final Duration RECHECK_LONGEST = Duration.ofDays(7);
    /** At most this many recent items are asked for again each run: 3 requests. */
    static final int RECHECK_MAX = 300;
    /** /api/info takes at most 100 fullnames a request. */
    static final int INFO_IDS = 100;
    static final String RECHECK_KEY = "recheck:";
    /** A cursor value's length at most. */
    static final int CURSOR_CHARS = 4000;
    private static final Pattern FULLNAME = Pattern.compile("t[13]_[a-z0-9]+");
    private static final Set<String> LISTINGS = Set.of(NEW, SEARCH, COMMENTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBREDDIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]{1,20}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]{3,20}");
    /** Tokens by token endpoint, client id and a digest of the secret: a changed secret asks anew. */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final CollectProperties properties;

    private record Token(String value, Instant expires) {
    }

    /** One page of a Listing: its children (each with kind and data) and the fullname to page on. */
    private record Listing(List<JsonNode> children, String after) {
    }

    RedditCollector(CollectProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "A Reddit source", "subreddits", "queries", "listings", "authUrl", "username",
                "recheck");
        List<String> subreddits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String s : SettingsCheck.strings(settings, "subreddits", "a subreddit's name like \"movies\" (without r/)")) {
            String name = s.replaceFirst("^/?r/", "");
            if (!SUBREDDIT.matcher(name).matches()) {
                throw SourceService.problem("settings.subreddits", "'" + s + "' is not a subreddit's name; write one "
                        + "like \"movies\" or \"r/movies\" (letters, digits and '_').");
            }
            if (seen.add(name.toLowerCase(Locale.ROOT))) {
                subreddits.add(name);
            }
        }
        List<String> queries = new ArrayList<>();
        for (String q : SettingsCheck.strings(settings, "queries", "a search like \"Lionsgate Runway\"")) {
            if (q.isEmpty() || q.length() > MAX_QUERY) {
                throw SourceService.problem("settings.queries", "Each query has 1 to " + MAX_QUERY
                        + " characters, e.g. \"Lionsgate Runway\"; '" + q + "' does not.");
            }
            if (!queries.contains(q)) {
                queries.add(q);
            }
        }
        List<String> listings = new ArrayList<>();
        for (String l : SettingsCheck.strings(settings, "listings", "one of \"new\", \"search\" and \"comments\"")) {
            if (!LISTINGS.contains(l)) {
                throw SourceService.problem("settings.listings", "'" + l + "' is not a listing; write \"new\" (a "
                        + "subreddit's new posts), \"search\" (searches, in the subreddits or else site-wide) or "
                        + "\"comments\" (a subreddit's new comments).");
            }
            if (!listings.contains(l)) {
                listings.add(l);
            }
        }
        if (listings.isEmpty()) {
            listings.add(subreddits.isEmpty() ? SEARCH : NEW);
        }
        if (subreddits.isEmpty() && (listings.contains(NEW) || listings.contains(COMMENTS))) {
            throw SourceService.problem("settings.subreddits", "The listings \"new\" and \"comments\" read "
                    + "subreddits: give them, e.g. {\"subreddits\": [\"movies\"]}, or use only \"search\".");
        }
        String authUrl = TOKEN_URL;
        JsonNode auth = settings.get("authUrl");
        if (auth != null && !auth.isNull()) {
            if (!auth.isTextual() || auth.asText().isBlank()) {
                throw SourceService.problem("settings.authUrl", "authUrl is the token endpoint's address, by default "
                        + TOKEN_URL + ".");
            }
            authUrl = SourceService.checkUrl("settings.authUrl", auth.asText(), guard).toString();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode s = out.putArray("subreddits");
        subreddits.forEach(s::add);
        ArrayNode q = out.putArray("queries");
        queries.forEach(q::add);
        ArrayNode l = out.putArray("listings");
        listings.forEach(l::add);
        out.put("authUrl", authUrl);
        out.put("recheck", recheck(settings).toString());
        JsonNode user = settings.get("username");
        if (user != null && !user.isNull()) {
            String u = user.isTextual() ? user.asText().strip().replaceFirst("^/?u/", "") : "";
            if (!USERNAME.matcher(u).matches()) {
                throw SourceService.problem("settings.username", "username is the Reddit account that registered the "
                        + "app, like \"reelpulse_bot\" (it goes into the User-Agent as \"by /u/…\").");
            }
            out.put("username", u);
        }
        return out;
    }

    /** settings.recheck: an ISO-8601 duration from PT0S (off) to P7D, by default P2D. */
    private static Duration recheck(JsonNode settings) {
        JsonNode node = settings.get("recheck");
        if (node == null || node.isNull()) {
            return RECHECK;
        }
        String advice = "recheck is how long stored items are asked for again (deletions, edits, counts), an "
                + "ISO-8601 duration from \"PT0S\" (off) to \"P7D\", like \"P2D\" or \"PT12H\"";
        if (!node.isTextual()) {
            throw SourceService.problem("settings.recheck", advice + "; " + node + " is not.");
        }
        Duration d;
        try {
            d = Duration.parse(node.asText().strip());
        } catch (DateTimeParseException e) {
            throw SourceService.problem("settings.recheck", advice + "; '" + node.asText() + "' is not.");
        }
        if (d.isNegative() || d.compareTo(RECHECK_LONGEST) > 0) {
            throw SourceService.problem("settings.recheck", advice + "; '" + node.asText() + "' is "
                    + (d.isNegative() ? "negative." : "longer."));
        }
        return d;
    }

    /**
     * Reddit wants {@code <platform>:<app id>:<version> (by /u/<user>)}: ours is {@code
     * server:org.reelpulse:<version>} with the account of settings.username, else with the contact URL of
     * {@code reelpulse.collect.contact-url}.
     */
    String userAgent(JsonNode settings) {
        String version = PoliteHttp.class.getPackage().getImplementationVersion();
        String user = settings.path("username").asText("");
        return "server:org.reelpulse:" + (version == null ? "dev" : version) + " ("
                + (user.isEmpty() ? "+" + properties.contactUrl() : "by /u/" + user) + ")";
    }

    @Override
    public void collect(CollectContext context) {
        JsonNode settings = context.settings();
        String base = context.source().baseUrl() == null ? API : context.source().baseUrl();
        base = base.replaceAll("/+$", "");
        Api api = new Api(context, URI.create(settings.path("authUrl").asText(TOKEN_URL)), userAgent(settings));
        Duration window = Duration.parse(settings.path("recheck").asText(RECHECK.toString()));
        Recent recent = window.isZero() ? null : Recent.read(context, window);
        // what earlier runs stored: the items this run's listings bring are fresh and wait for the next run
        List<String> earlier = recent == null ? List.of() : recent.names();
        try {
            listings(api, base, recent);
        } finally {
            if (recent != null) {
                recent.write(context); // what was stored is asked for again even when a listing failed
            }
        }
        if (recent != null) {
            recheck(api, base, recent, earlier);
            recent.write(context);
        }
    }

    private void listings(Api api, String base, Recent recent) {
        CollectContext context = api.context;
        JsonNode settings = context.settings();
        List<String> subreddits = new ArrayList<>();
        settings.path("subreddits").forEach(s -> subreddits.add(s.asText()));
        Set<String> listings = new LinkedHashSet<>();
        settings.path("listings").forEach(l -> listings.add(l.asText()));
        String paging = "limit=" + LIMIT + "&raw_json=1";
        for (String sub : listings.contains(NEW) ? subreddits : List.<String>of()) {
            read(api, recent, "new:" + sub.toLowerCase(Locale.ROOT), URI.create(base + "/r/" + sub + "/new?" + paging),
                    "the new posts of r/" + sub);
        }
        if (listings.contains(SEARCH)) {
            List<String> queries = queries(context);
            if (queries.isEmpty()) {
                context.warn("The Reddit source '" + context.source().name() + "' has nothing to search for: give "
                        + "settings.queries, or track an event (with a query, its window still open).");
            }
            for (String q : queries) {
                String query = "q=" + PostParts.encode(q) + "&sort=new&" + paging;
                if (subreddits.isEmpty()) {
                    read(api, recent, key("search:", q), URI.create(base + "/search?" + query + "&type=link"),
                            "the search for '" + q + "'");
                }
                for (String sub : subreddits) {
                    read(api, recent, key("search:" + sub.toLowerCase(Locale.ROOT) + ":", q),
                            URI.create(base + "/r/" + sub + "/search?" + query + "&restrict_sr=1"),
                            "the search for '" + q + "' in r/" + sub);
                }
            }
        }
        for (String sub : listings.contains(COMMENTS) ? subreddits : List.<String>of()) {
            read(api, recent, "comments:" + sub.toLowerCase(Locale.ROOT), URI.create(base + "/r/" + sub + "/comments?" + paging),
                    "the new comments of r/" + sub);
        }
    }

    /**
     * The settings' queries, else one per tracked event: its phrases (quoted when they have a space) and
     * hashtags (as words: Reddit has none) joined by {@code OR}, split where a query would pass Reddit's
     * 512 characters. Languages are not told apart: Reddit's search has no language filter.
     */
    static List<String> queries(CollectContext context) {
        Set<String> out = new LinkedHashSet<>();
        context.settings().path("queries").forEach(q -> out.add(q.asText()));
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        for (WatchTerms w : context.watch()) {
            StringBuilder q = new StringBuilder();
            List<String> terms = new ArrayList<>();
            w.phrases().forEach(p -> terms.add(p.contains(" ") ? "\"" + p.replace("\"", "") + "\"" : p));
            terms.addAll(w.hashtags());
            for (String t : terms) {
                if (q.length() > 0 && q.length() + 4 + t.length() > MAX_QUERY) {
                    out.add(q.toString());
                    q.setLength(0);
                }
                q.append(q.length() == 0 ? "" : " OR ").append(t);
            }
            if (q.length() > 0 && q.length() <= MAX_QUERY) {
                out.add(q.toString());
            }
        }
        return List.copyOf(out);
    }

    /** A cursor key within the column's 200 characters: a long query is replaced by its digest. */
    private static String key(String prefix, String query) {
        return CursorKeys.key(prefix, query);
    }

    /**
     * One listing. With a cursor: {@code before=<cursor>} page after page towards the present, the cursor
     * moved after each stored page. An empty first answer cannot tell "nothing new" from "the cursor's
     * item is gone", so then, and on a first run, the listing is read from the top, newest first, following
     * {@code after} until the first item already seen (or max-pages), and the cursor is set once all is stored.
     */
    private void read(Api api, Recent recent, String key, URI first, String what) {
        CollectContext context = api.context;
        Optional<String> since = context.cursor(key);
        if (since.isPresent()) {
            boolean any = false;
            URI url = param(first, "before", since.get());
            for (int page = 0; page < properties.maxPages(); page++) {
                Listing l = api.listing(url, what);
                if (l == null) {
                    return; // refused and warned about: the next run tries again
                }
                if (l.children().isEmpty()) {
                    break;
                }
                any = true;
                store(context, l.children(), recent);
                String top = name(l.children().get(0));
                context.cursor(key, top);
                url = param(first, "before", top);
            }
            if (any) {
                return;
            }
        }
        String seen = since.orElse(null);
        String newest = null;
        URI url = first;
        boolean done = false; // reached an item seen before, or the end of the listing
        for (int page = 0; url != null && page < properties.maxPages(); page++) {
            Listing l = api.listing(url, what);
            if (l == null) {
                return;
            }
            List<JsonNode> fresh = new ArrayList<>();
            for (JsonNode child : l.children()) {
                if (seen != null && !newer(name(child), seen)) {
                    done = true;
                    break;
                }
                fresh.add(child);
            }
            if (newest == null && !fresh.isEmpty()) {
                newest = name(fresh.get(0));
            }
            store(context, fresh, recent);
            if (done || l.children().isEmpty() || l.after() == null) {
                done = true;
                break;
            }
            url = param(first, "after", l.after());
        }
        if (seen != null && !done) {
            context.warn("More than " + properties.maxPages() * LIMIT + " new items in " + what + " since the last run: "
                    + "older ones may be missed; run this source more often.");
        }
        context.cursor(key, newest);
    }

    private static String name(JsonNode child) {
        return child.path("data").path("name").asText("");
    }

    /**
     * Whether fullname {@code a} is newer than {@code b}: Reddit's ids are base-36 counters, rising with
     * time within a kind. Ids that are not numbers are compared for equality only.
     */
    static boolean newer(String a, String b) {
        try {
            long x = Long.parseLong(a.substring(a.indexOf('_') + 1), 36);
            long y = Long.parseLong(b.substring(b.indexOf('_') + 1), 36);
            return x > y;
        } catch (NumberFormatException e) {
            return !a.equals(b);
        }
    }

    /**
     * Stores the page: each post or comment once under its fullname; a crosspost as its original; deleted
     * or removed items as tombstones; items marked NSFW (over_18) skipped, since Reddit's terms want a
     * separate agreement for them.
     */
    private static void store(CollectContext context, List<JsonNode> children, Recent recent) {
        Map<String, NewPost> byName = new LinkedHashMap<>();
        int skipped = 0;
        Instant now = context.clock().instant();
        for (JsonNode child : children) {
            String kind = child.path("kind").asText("");
            JsonNode item = child.path("data");
            if (!kind.equals("t3") && !kind.equals("t1")) {
                skipped++;
                continue;
            }
            if (kind.equals("t3") && item.hasNonNull("crosspost_parent")) {
                item = original(item);
                if (item == null) {
                    skipped++; // the original was not sent along; a crosspost alone is not stored
                    continue;
                }
            }
            String name = item.path("name").asText("");
            if (!FULLNAME.matcher(name).matches()) {
                skipped++;
                continue;
            }
            if (deleted(item)) {
                context.delete(name);
                if (recent != null) {
                    recent.forget(name);
                }
                continue;
            }
            if (item.path("over_18").asBoolean(false)) {
                skipped++;
                continue;
            }
            NewPost post = toPost(item, context.source().name(), now);
            if (post == null) {
                skipped++;
            } else {
                byName.putIfAbsent(name, post);
            }
        }
        context.storePage(byName.values(), skipped);
        if (!byName.isEmpty()) {
            if (recent != null) {
                byName.values().forEach(p -> recent.add(p.externalId(), p.publishedAt()));
            }
        }
    }

    /**
     * The re-check: the recent items of earlier runs asked for again through {@code /api/info}, {@value #INFO_IDS} a request,
     * and handed to {@link #store} like a listing's page (deleted or removed: a tombstone; else offered
     * again). An id Reddit leaves out of the answer stays as it is.
     */
    private void recheck(Api api, String base, Recent recent, List<String> names) {
        for (int from = 0; from < names.size(); from += INFO_IDS) {
            List<String> ids = names.subList(from, Math.min(names.size(), from + INFO_IDS));
            URI url = URI.create(base + "/api/info?id=" + String.join(",", ids) + "&raw_json=1");
            Listing l = api.listing(url, "the re-check of " + ids.size() + " recent items");
            if (l == null) {
                return;
            }
            store(api.context, l.children(), recent);
        }
    }

    /**
     * The fullnames stored in the last window with their publication time (or the time they were seen),
     * newest first, at most {@value #RECHECK_MAX}; kept in the cursors {@code recheck:0}, {@code recheck:1}…
     * as {@code <fullname>:<epoch seconds>} separated by spaces, each value within the cursor's 4,000
     * characters.
     */
    static final class Recent {
        private final Map<String, Long> times = new LinkedHashMap<>();
        private final Instant now;
        private final Duration window;
        private int keys;

        private Recent(Instant now, Duration window) {
            this.now = now;
            this.window = window;
        }

        static Recent read(CollectContext context, Duration window) {
            Recent r = new Recent(context.clock().instant(), window);
            for (int i = 0;; i++) {
                Optional<String> v = context.cursor(RECHECK_KEY + i);
                if (v.isEmpty() || v.get().isEmpty()) {
                    break;
                }
                r.keys = i + 1;
                for (String entry : v.get().split(" ")) {
                    int colon = entry.lastIndexOf(':');
                    if (colon > 0) {
                        try {
                            r.add(entry.substring(0, colon), Instant.ofEpochSecond(Long.parseLong(entry.substring(
                                    colon + 1))));
                        } catch (NumberFormatException | java.time.DateTimeException e) {
                            // an entry that cannot be read is left out
                        }
                    }
                }
            }
            return r;
        }

        void add(String name, Instant published) {
            Instant at = published == null || published.isAfter(now) ? now : published;
            if (FULLNAME.matcher(name).matches() && !at.isBefore(now.minus(window))) {
                times.merge(name, at.getEpochSecond(), Math::max);
            }
        }

        void forget(String name) {
            times.remove(name);
        }

        /** Newest first, at most {@value #RECHECK_MAX}, none older than the window. */
        List<String> names() {
            long oldest = now.minus(window).getEpochSecond();
            return times.entrySet().stream().filter(e -> e.getValue() >= oldest)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .limit(RECHECK_MAX).map(Map.Entry::getKey).toList();
        }

        /** Writes the cursors anew; keys no longer needed are emptied. */
        void write(CollectContext context) {
            List<String> values = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            for (String name : names()) {
                String entry = name + ":" + times.get(name);
                if (b.length() > 0 && b.length() + 1 + entry.length() > CURSOR_CHARS) {
                    values.add(b.toString());
                    b.setLength(0);
                }
                b.append(b.length() == 0 ? "" : " ").append(entry);
            }
            if (b.length() > 0) {
                values.add(b.toString());
            }
            for (int i = 0; i < Math.max(keys, values.size()); i++) {
                String key = RECHECK_KEY + i;
                String value = i < values.size() ? values.get(i) : "";
                if (!value.equals(context.cursor(key).orElse(""))) {
                    context.cursor(key, value);
                }
            }
            keys = values.size();
        }
    }

    /** The crossposted original as Reddit sends it along, or null. */
    private static JsonNode original(JsonNode crosspost) {
        String parent = crosspost.path("crosspost_parent").asText();
        for (JsonNode p : crosspost.path("crosspost_parent_list")) {
            if (parent.equals(p.path("name").asText())) {
                return p;
            }
        }
        return null;
    }

    /** Deleted by its author ({@code [deleted]}) or removed by moderators ({@code [removed]}). */
    static boolean deleted(JsonNode item) {
        String text = item.path(item.has("body") ? "body" : "selftext").asText("");
        return item.path("author").asText("").equals("[deleted]") || text.equals("[deleted]")
                || text.equals("[removed]") || item.hasNonNull("removed_by_category");
    }

    /** A post ({@code t3}) or comment ({@code t1}) as a post, or null when it has no text or no permalink. */
    static NewPost toPost(JsonNode item, String sourceName, Instant now) {
        String name = item.path("name").asText();
        boolean comment = name.startsWith("t1_");
        String text;
        if (comment) {
            text = decode(item.path("body").asText(""));
        } else {
            String title = decode(item.path("title").asText(""));
            String self = decode(item.path("selftext").asText(""));
            text = self.isEmpty() ? title : title.isEmpty() ? self : title + "\n\n" + self;
        }
        String permalink = item.path("permalink").asText("");
        if (text.isEmpty() || !permalink.startsWith("/")) {
            return null;
        }
        text = PostParts.capped(text);
        JsonNode created = item.get("created_utc");
        Instant published = PostParts.published(created != null && created.isNumber()
                ? Instant.ofEpochMilli((long) (created.asDouble() * 1000)) : null, now);
        String author = item.path("author").asText("");
        Metrics metrics = new Metrics(PostParts.count(item, "score"), comment ? null : PostParts.count(item, "num_crossposts"),
                comment ? null : PostParts.count(item, "num_comments"), null);
        String replyTo = comment ? item.path("parent_id").asText(null) : null;
        return new NewPost(KIND, name, WEB + permalink, new Author(author, author, null), text, null, published,
                metrics, replyTo, null, sourceName);
    }

    /** raw_json=1 sends text without entities; any left (an older answer, a proxy) are decoded all the same. */
    private static String decode(String s) {
        return (s.indexOf('&') >= 0 ? Parser.unescapeEntities(s, false) : s).strip();
    }

    private static URI param(URI first, String name, String value) {
        return URI.create(first + "&" + name + "=" + PostParts.encode(value));
    }


    /** The requests of one run, with the token: asked for once, renewed once when the API refuses it. */
    private final class Api {

        private final CollectContext context;
        private final URI tokenUrl;
        private final String userAgent;
        private final String clientId;
        private final String clientSecret;
        private String token;

        Api(CollectContext context, URI tokenUrl, String userAgent) {
            this.context = context;
            this.tokenUrl = tokenUrl;
            this.userAgent = userAgent;
            this.clientId = context.credentials().get("clientId");
            this.clientSecret = context.credentials().get("clientSecret");
            if (clientId == null || clientSecret == null) {
                throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "Reddit's API needs an app's "
                        + "credentials: give {\"clientId\", \"clientSecret\"} of an app registered at "
                        + "reddit.com/prefs/apps (new apps need Reddit's approval since November 2025).");
            }
        }

        /** The page, or null when Reddit refused this listing (warned about; the other listings go on). */
        Listing listing(URI url, String what) {
            PoliteHttp.Response r = get(url);
            int status = r.status();
            if (status == 401) {
                forget();
                r = get(url);
                status = r.status();
                if (status == 401) {
                    throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "Reddit refused a new "
                            + "token for " + what + " (401); check the app's clientId and clientSecret.");
                }
            }
            if (status >= 200 && status < 300 && !r.uri().getPath().equals(url.getPath())) {
                // Reddit sends a subreddit that does not exist on to a search for subreddits
                context.warn("Reddit sent " + what + " (" + url.getPath() + ") on to " + r.uri().getPath()
                        + ": the subreddit does not exist; check settings.subreddits.");
                return null;
            }
            if ((status == 403 || status == 404) && url.getPath().endsWith("/api/info")) {
                context.warn("Reddit answered " + status + " for " + what + " (" + url.getPath() + "); the next run "
                        + "asks again.");
                return null;
            }
            if (status == 403 || status == 404) {
                context.warn("Reddit answered " + status + " for " + what + " (" + url.getPath() + "): the subreddit "
                        + (status == 403 ? "is private, quarantined or banned" : "does not exist")
                        + "; check settings.subreddits.");
                return null;
            }
            if (status < 200 || status >= 300) {
                throw new CollectException(CollectException.Outcome.FAILED, "Reddit answered " + status + " for "
                        + what + " after " + context.http().requests() + " requests; the next run tries again.");
            }
            JsonNode root;
            try {
                root = JSON.readTree(r.body());
            } catch (IOException e) {
                throw new CollectException(CollectException.Outcome.DEGRADED, "Reddit answered " + what + " ("
                        + url.getPath() + ") with JSON that cannot be read; nothing of that page was stored, the next "
                        + "run tries again.");
            }
            JsonNode children = root == null ? null : root.path("data").get("children");
            if (root == null || !root.path("kind").asText().equals("Listing") || children == null
                    || !children.isArray()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, "Reddit answered " + what + " ("
                        + url.getPath() + ") with something other than a Listing; the next run tries again.");
            }
            List<JsonNode> list = new ArrayList<>();
            children.forEach(list::add);
            JsonNode after = root.path("data").get("after");
            return new Listing(list, after == null || after.isNull() ? null : after.asText());
        }

        private PoliteHttp.Response get(URI url) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            headers.put("User-Agent", userAgent);
            headers.put("Authorization", "Bearer " + token());
            return context.http().get(url, headers);
        }

        private String cacheKey() {
            return tokenUrl + "|" + clientId + "|" + CursorKeys.sha256Hex(clientSecret);
        }

        private void forget() {
            tokens.remove(cacheKey());
            token = null;
        }

        /** The cached token while it is valid, else a new one from the token endpoint. */
        private String token() {
            if (token != null) {
                return token;
            }
            Instant now = context.clock().instant();
            Token cached = tokens.get(cacheKey());
            if (cached != null && now.isBefore(cached.expires())) {
                token = cached.value();
                return token;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            headers.put("User-Agent", userAgent);
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                    .getBytes(StandardCharsets.UTF_8)));
            PoliteHttp.Response r = context.http().postForm(tokenUrl, headers, "grant_type=client_credentials");
            if (r.status() == 401 || r.status() == 403) {
                throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "Reddit refused the app's "
                        + "credentials (" + r.status() + " from " + tokenUrl.getHost() + "): check clientId and "
                        + "clientSecret, and that the app is approved for API access.");
            }
            if (r.status() < 200 || r.status() >= 300) {
                throw new CollectException(CollectException.Outcome.FAILED, tokenUrl.getHost() + " answered "
                        + r.status() + " when asked for a token; the next run tries again.");
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(r.body());
            } catch (IOException e) {
                answer = null;
            }
            String value = answer == null ? null : answer.path("access_token").asText(null);
            if (value == null || value.isBlank()) {
                String error = answer == null ? null : answer.path("error").asText(null);
                throw new CollectException(error == null ? CollectException.Outcome.DEGRADED
                        : CollectException.Outcome.FAILED, tokenUrl.getHost() + " answered without a token"
                        + (error == null ? "" : " (error \"" + error + "\")") + "; the next run tries again.");
            }
            long seconds = answer.path("expires_in").asLong(3600);
            // a minute early, so a token never expires between being read here and being used
            tokens.put(cacheKey(), new Token(value, now.plusSeconds(Math.max(seconds / 2, seconds - 60))));
            token = value;
            return token;
        }
    }
}
