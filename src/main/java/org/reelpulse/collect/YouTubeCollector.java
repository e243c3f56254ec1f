package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.parser.Parser;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Comments on YouTube videos ({@code kind: "youtube"}) through the Data API v3: the comment threads of
 * the configured videos, of everything on the configured channels, and, opt-in, of recent videos a search
 * for the tracked events' terms finds. Counts the quota units it spends (per run and per Pacific day),
 * stops cleanly when the project's quota is spent and asks for nothing until it resets, skips videos
 * whose comments are turned off, and per video or channel reads only comments newer than the newest one
 * seen. The API key travels in a header, never in a URL, so no log line or message can carry it.
 */
@Component
class YouTubeCollector implements Collector {

    static final String KIND = "youtube";
    static final String DEFAULT_BASE_URL = "https://www.googleapis.com/youtube/v3";
    static final String KEY_HEADER = "X-Goog-Api-Key";
    static final int MAX_RESULTS = 100;
    static final int SEARCH_RESULTS = 50;
    /** Quota units per call, from the API's quota table: every list call 1, search.list 100. */
    static final int COST_LIST = 1;
    static final int COST_SEARCH = 100;
    static final int DEFAULT_DAILY_UNITS = 10_000;
    static final Duration DEFAULT_SEARCH_EVERY = Duration.ofHours(6);
    static final int DEFAULT_SEARCH_DAYS = 7;
    static final int MAX_SEARCH_VIDEOS = 50;
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    static final String QUOTA = "quota";
    static final String QUOTA_BLOCKED = "quota-blocked-until";
    static final String SEARCH_LAST = "search:last";
    static final String SEARCH_VIDEOS = "search:videos";

    private static final Logger log = LoggerFactory.getLogger(YouTubeCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VIDEO = Pattern.compile("[A-Za-z0-9_-]{11}");
    private static final Pattern VIDEO_URL = Pattern.compile(
            "https?://(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|shorts/|live/)|youtu\\.be/)([A-Za-z0-9_-]{11}).*");
    private static final Pattern CHANNEL = Pattern.compile("UC[A-Za-z0-9_-]{22}");
    private static final Set<String> KEY_REFUSED = Set.of("keyInvalid", "keyExpired", "forbidden",
            "accessNotConfigured", "ipRefererBlocked", "unregisteredCallers", "API_KEY_INVALID", "authError");
    private static final Set<String> QUOTA_SPENT = Set.of("quotaExceeded", "dailyLimitExceeded");

    private final CollectProperties properties;

    YouTubeCollector(CollectProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "A YouTube source", "videos", "channels", "search", "searchEvery", "searchDays", "dailyUnits");
        List<String> videos = new ArrayList<>();
        for (String v : SettingsCheck.strings(settings, "videos", "a video id like \"dQw4w9WgXcQ\" or a watch URL")) {
            Matcher url = VIDEO_URL.matcher(v);
            String id = url.matches() ? url.group(1) : v;
            if (!VIDEO.matcher(id).matches()) {
                throw SourceService.problem("settings.videos", "'" + v + "' is not a video; write its id (the 11 "
                        + "characters after watch?v=, e.g. \"dQw4w9WgXcQ\") or its watch URL.");
            }
            if (!videos.contains(id)) {
                videos.add(id);
            }
        }
        List<String> channels = new ArrayList<>();
        for (String c : SettingsCheck.strings(settings, "channels", "a channel id like \"UCxxxxxxxxxxxxxxxxxxxxxx\"")) {
            if (!CHANNEL.matcher(c).matches()) {
                throw SourceService.problem("settings.channels", "'" + c + "' is not a channel id; write the id "
                        + "that starts with UC and has 24 characters (the channel page's \"Share channel\" > "
                        + "\"Copy channel ID\"), not a handle.");
            }
            if (!channels.contains(c)) {
                channels.add(c);
            }
        }
        JsonNode search = settings.get("search");
        if (search != null && !search.isNull() && !search.isBoolean()) {
            throw SourceService.problem("settings.search", "search is true (find recent videos by the tracked "
                    + "events' terms, 100 quota units a search) or false.");
        }
        boolean searching = search != null && search.asBoolean(false);
        if (videos.isEmpty() && channels.isEmpty() && !searching) {
            throw SourceService.problem("settings.videos", "Give at least one video, e.g. {\"videos\": "
                    + "[\"dQw4w9WgXcQ\"]}, or channels in settings.channels, or turn on settings.search.");
        }
        Duration every = DEFAULT_SEARCH_EVERY;
        JsonNode e = settings.get("searchEvery");
        if (e != null && !e.isNull()) {
            try {
                every = Duration.parse(e.asText());
            } catch (DateTimeParseException bad) {
                every = null;
            }
            if (every == null || every.compareTo(Duration.ofHours(1)) < 0 || every.compareTo(Duration.ofDays(7)) > 0) {
                throw SourceService.problem("settings.searchEvery", "searchEvery is an ISO-8601 duration between "
                        + "PT1H and P7D, e.g. \"PT6H\" (each search costs 100 quota units).");
            }
        }
        int days = integer(settings, "searchDays", DEFAULT_SEARCH_DAYS, 1, 30,
                "searchDays is how many days a video found by search is followed, 1 to 30.");
        int units = integer(settings, "dailyUnits", DEFAULT_DAILY_UNITS, 1, 1_000_000,
                "dailyUnits is the quota units this source may spend per day (Pacific Time), 1 to 1000000; "
                        + "a project has 10000 by default, shared by every source using its key.");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode v = out.putArray("videos");
        videos.forEach(v::add);
        ArrayNode c = out.putArray("channels");
        channels.forEach(c::add);
        out.put("search", searching);
        out.put("searchEvery", every.toString());
        out.put("searchDays", days);
        out.put("dailyUnits", units);
        return out;
    }

    private static int integer(JsonNode settings, String field, int fallback, int min, int max, String what) {
        JsonNode n = settings.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw SourceService.problem("settings." + field, what);
        }
        return n.asInt();
    }

    @Override
    public void collect(CollectContext context) {
        String key = context.credentials().get("apiKey");
        if (key == null || key.isBlank()) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "A YouTube source needs an API key: "
                    + "give {\"apiKey\": …}, a key of a Google Cloud project with the YouTube Data API v3 turned on.");
        }
        Run run = new Run(context, key);
        Instant now = context.clock().instant();
        Optional<Instant> blocked = context.cursor(QUOTA_BLOCKED).flatMap(PostParts::instant);
        if (blocked.isPresent() && now.isBefore(blocked.get())) {
            throw new CollectException(CollectException.Outcome.FAILED, "The YouTube quota of this API key's project "
                    + "is spent; it resets at midnight Pacific Time (" + blocked.get() + "), and no request is made "
                    + "until then.");
        }
        JsonNode settings = context.settings();
        try {
            Set<String> videos = new LinkedHashSet<>();
            settings.path("videos").forEach(v -> videos.add(v.asText()));
            if (settings.path("search").asBoolean(false)) {
                videos.addAll(searched(run, settings));
            }
            for (String video : videos) {
                threads(run, "video:" + video, "videoId=" + PostParts.encode(video), video, "the comments of video " + video);
            }
            for (JsonNode channel : settings.path("channels")) {
                String id = channel.asText();
                threads(run, "channel:" + id, "allThreadsRelatedToChannelId=" + PostParts.encode(id), null,
                        "the comments on channel " + id);
            }
        } catch (BudgetSpent e) {
            context.warn("This source spent its daily budget of " + run.budget + " YouTube quota units "
                    + "(settings.dailyUnits) after " + run.today + " units today; it goes on after midnight "
                    + "Pacific Time.");
        } catch (QuotaSpent e) {
            Instant reset = nextMidnightPacific(now);
            context.cursor(QUOTA_BLOCKED, reset.toString());
            throw new CollectException(CollectException.Outcome.FAILED, "YouTube answered quotaExceeded after "
                    + run.units + " quota units in this run: the daily quota of this API key's project is spent. "
                    + "It resets at midnight Pacific Time (" + reset + "); the runs until then make no request. "
                    + "What was read before is stored.");
        } finally {
            run.saveTally();
            log.info("YouTube source '{}' spent {} quota units in this run ({} today)", context.source().name(),
                    run.units, run.today);
        }
    }

    /** When the quota resets: the next midnight in the Pacific time zone. */
    static Instant nextMidnightPacific(Instant now) {
        return LocalDate.ofInstant(now, PACIFIC).plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    /**
     * The videos to follow from search: the ones found before (until searchDays after they were
     * published), plus, when the last search is searchEvery ago, what a new search for each tracked
     * event's terms finds. A search costs 100 units, so it is opt-in and spaced out.
     */
    private List<String> searched(Run run, JsonNode settings) {
        CollectContext context = run.context;
        Instant now = context.clock().instant();
        Duration keep = Duration.ofDays(settings.path("searchDays").asInt(DEFAULT_SEARCH_DAYS));
        Map<String, Instant> found = new LinkedHashMap<>();
        context.cursor(SEARCH_VIDEOS).ifPresent(v -> {
            try {
                JSON.readTree(v).fields().forEachRemaining(f -> PostParts.instant(f.getValue().asText())
                        .ifPresent(t -> found.put(f.getKey(), t)));
            } catch (IOException e) {
                // an unreadable list is rebuilt by the next search
            }
        });
        Duration every = Duration.parse(settings.path("searchEvery").asText(DEFAULT_SEARCH_EVERY.toString()));
        Optional<Instant> last = context.cursor(SEARCH_LAST).flatMap(PostParts::instant);
        if (last.isEmpty() || !now.isBefore(last.get().plus(every))) {
            Set<String> queries = new LinkedHashSet<>();
            Map<String, String> langs = new LinkedHashMap<>();
            for (WatchTerms w : context.watch()) {
                String q = query(w);
                if (!q.isEmpty() && queries.add(q + "|" + w.lang())) {
                    langs.put(q + "|" + w.lang(), w.lang());
                }
            }
            if (langs.isEmpty()) {
                log.info("YouTube source '{}': search is on, but no tracked event gives terms to search for",
                        context.source().name());
            }
            boolean searchedAll = true;
            for (Map.Entry<String, String> e : langs.entrySet()) {
                String q = e.getKey().substring(0, e.getKey().lastIndexOf('|'));
                String url = "/search?part=snippet&type=video&order=date&maxResults=" + SEARCH_RESULTS + "&q="
                        + PostParts.encode(q) + "&publishedAfter=" + PostParts.encode(now.minus(keep).toString())
                        + (e.getValue() == null ? "" : "&relevanceLanguage=" + PostParts.encode(e.getValue()));
                JsonNode answer;
                try {
                    answer = run.get(url, COST_SEARCH, "the search for videos about " + q);
                } catch (BudgetSpent spent) {
                    // the videos already known are still worth their single units; the search waits
                    context.warn("The search for videos was left out: it costs " + COST_SEARCH + " quota units and "
                            + "this source's budget (settings.dailyUnits) has " + Math.max(0, run.budget - run.today)
                            + " left today.");
                    searchedAll = false;
                    break;
                }
                if (answer == null) {
                    continue;
                }
                for (JsonNode item : items(answer, "the search for videos about " + q)) {
                    String id = item.path("id").path("videoId").asText("");
                    Optional<Instant> published = PostParts.instant(item.path("snippet").path("publishedAt").asText(""));
                    if (VIDEO.matcher(id).matches()) {
                        found.putIfAbsent(id, published.orElse(now));
                    }
                }
            }
            if (searchedAll) {
                context.cursor(SEARCH_LAST, now.toString());
            }
        }
        List<Map.Entry<String, Instant>> kept = new ArrayList<>(found.entrySet().stream()
                .filter(f -> f.getValue().plus(keep).isAfter(now)).toList());
        kept.sort(Map.Entry.<String, Instant>comparingByValue().reversed());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Instant> f : kept.subList(0, Math.min(kept.size(), MAX_SEARCH_VIDEOS))) {
            out.put(f.getKey(), f.getValue().toString());
            ids.add(f.getKey());
        }
        context.cursor(SEARCH_VIDEOS, out.toString());
        return ids;
    }

    /** A tracked event's phrases and hashtags as one YouTube search: quoted phrases joined by {@code |} (OR). */
    static String query(WatchTerms w) {
        List<String> parts = new ArrayList<>();
        for (String p : w.phrases()) {
            parts.add(p.contains(" ") ? "\"" + p + "\"" : p);
        }
        for (String h : w.hashtags()) {
            parts.add("#" + h);
        }
        return String.join("|", parts);
    }

    /**
     * The comment threads of one video or channel, newest first ({@code order=time}). Without a cursor
     * back through at most max-pages pages; with one, until a page reaches a comment older than the newest
     * seen before. The cursor (that newest publishedAt) moves once the video is read, so a run cut short
     * reads it again next time and the dedupe keeps each comment once.
     */
    private void threads(Run run, String key, String filter, String video, String what) {
        CollectContext context = run.context;
        Optional<Instant> since = context.cursor(key).flatMap(PostParts::instant);
        Instant newest = null;
        String pageToken = null;
        boolean reachedSeen = false;
        int page = 0;
        for (; page < properties.maxPages(); page++) {
            String url = "/commentThreads?part=snippet,replies&" + filter + "&order=time&maxResults=" + MAX_RESULTS
                    + "&textFormat=plainText" + (pageToken == null ? "" : "&pageToken=" + PostParts.encode(pageToken));
            JsonNode answer = run.get(url, COST_LIST, what);
            if (answer == null) {
                return; // comments turned off, or the video is gone (warned)
            }
            Map<String, NewPost> posts = new LinkedHashMap<>();
            for (JsonNode thread : items(answer, what)) {
                JsonNode top = thread.path("snippet").path("topLevelComment");
                Optional<Instant> published = PostParts.instant(top.path("snippet").path("publishedAt").asText(""));
                boolean isNew = since.isEmpty() || published.isEmpty() || !published.get().isBefore(since.get());
                if (!isNew) {
                    reachedSeen = true;
                }
                if (published.isPresent() && (newest == null || published.get().isAfter(newest))) {
                    newest = published.get();
                }
                Integer replies = PostParts.count(thread.path("snippet"), "totalReplyCount");
                add(posts, toPost(top, video, replies, context.source().name(), context.clock().instant()));
                JsonNode embedded = thread.path("replies").path("comments");
                for (JsonNode reply : embedded) {
                    add(posts, toPost(reply, video, null, context.source().name(), context.clock().instant()));
                }
                if (isNew && replies != null && replies > embedded.size()) {
                    replies(run, thread.path("id").asText(""), video, posts);
                }
            }
            context.storePage(posts.values(), 0);
            pageToken = answer.path("nextPageToken").asText(null);
            if (reachedSeen || pageToken == null) {
                break;
            }
        }
        if (since.isPresent() && !reachedSeen && pageToken != null && page >= properties.maxPages()) {
            context.warn("More than " + properties.maxPages() * MAX_RESULTS + " new comment threads on " + what
                    + " since the last run: older new ones were left (reelpulse.collect.max-pages); schedule this "
                    + "source more often.");
        }
        if (newest != null && (since.isEmpty() || newest.isAfter(since.get()))) {
            context.cursor(key, newest.toString());
        }
    }

    /** Every reply of a thread beyond the few the thread carries: comments.list by parentId, paged. */
    private void replies(Run run, String parent, String video, Map<String, NewPost> posts) {
        if (parent.isEmpty()) {
            return;
        }
        String pageToken = null;
        for (int page = 0; page < properties.maxPages(); page++) {
            String url = "/comments?part=snippet&parentId=" + PostParts.encode(parent) + "&maxResults=" + MAX_RESULTS
                    + "&textFormat=plainText" + (pageToken == null ? "" : "&pageToken=" + PostParts.encode(pageToken));
            String what = "the replies to comment " + parent;
            JsonNode answer = run.get(url, COST_LIST, what);
            if (answer == null) {
                return;
            }
            for (JsonNode reply : items(answer, what)) {
                add(posts, toPost(reply, video, null, run.context.source().name(), run.context.clock().instant()));
            }
            pageToken = answer.path("nextPageToken").asText(null);
            if (pageToken == null) {
                return;
            }
        }
    }

    private static void add(Map<String, NewPost> posts, NewPost post) {
        if (post != null) {
            posts.putIfAbsent(post.externalId(), post);
        }
    }

    private static JsonNode items(JsonNode answer, String what) {
        JsonNode items = answer.path("items");
        if (!items.isArray()) {
            throw new CollectException(CollectException.Outcome.DEGRADED, "YouTube answered " + what + " without a "
                    + "list of items; nothing of that page was stored, the next run tries again.");
        }
        return items;
    }

    /**
     * A comment (top-level or reply) as a post, or null without an id or text. Text comes as plain text
     * ({@code textFormat=plainText}), yet entities such as {@code &#39;} still appear in it: decoded.
     */
    static NewPost toPost(JsonNode comment, String video, Integer replies, String sourceName, Instant now) {
        String id = comment.path("id").asText("");
        if (id.isEmpty() || id.length() > 512) {
            return null;
        }
        JsonNode s = comment.path("snippet");
        String raw = s.hasNonNull("textDisplay") ? s.get("textDisplay").asText() : s.path("textOriginal").asText("");
        String text = Parser.unescapeEntities(raw, false).replace('\u00a0', ' ').strip();
        if (text.isEmpty()) {
            return null;
        }
        text = PostParts.capped(text);
        String videoId = s.hasNonNull("videoId") ? s.get("videoId").asText() : video;
        String url = videoId == null ? null : "https://www.youtube.com/watch?v=" + videoId + "&lc=" + id;
        String name = s.path("authorDisplayName").asText("").strip();
        String channel = s.path("authorChannelId").path("value").asText("").strip();
        String handle = !channel.isEmpty() ? channel : !name.isEmpty() ? name : "unknown";
        Instant published = PostParts.published(PostParts.instant(s.path("publishedAt").asText("")).orElse(null), now);
        Metrics metrics = new Metrics(PostParts.count(s, "likeCount"), null, replies, null);
        String parent = s.hasNonNull("parentId") ? s.get("parentId").asText() : null;
        return new NewPost(KIND, id, url, new Author(handle, name.isEmpty() ? handle : name, null), text, null,
                published, metrics, parent, null, sourceName);
    }

    /** The budget this source set itself is spent for today. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    /** YouTube said the project's quota is spent. */
    private static final class QuotaSpent extends RuntimeException {
        QuotaSpent() {
            super(null, null, false, false);
        }
    }

    /** One run: the key, the base URL and the quota units spent (this run, and today in Pacific Time). */
    private final class Run {
        final CollectContext context;
        final String key;
        final String base;
        final int budget;
        final String day;
        int units;
        int today;

        Run(CollectContext context, String key) {
            this.context = context;
            this.key = key;
            String b = context.source().baseUrl();
            this.base = (b == null || b.isBlank() ? DEFAULT_BASE_URL : b).replaceAll("/+$", "");
            this.budget = context.settings().path("dailyUnits").asInt(DEFAULT_DAILY_UNITS);
            this.day = LocalDate.ofInstant(context.clock().instant(), PACIFIC).toString();
            // the tally of today's units, "2024-09-25 1234"; another day's tally starts again at 0
            String[] tally = context.cursor(QUOTA).orElse("").split(" ");
            int t = 0;
            if (tally.length == 2 && tally[0].equals(day)) {
                try {
                    t = Integer.parseInt(tally[1]);
                } catch (NumberFormatException e) {
                    t = 0;
                }
            }
            this.today = t;
        }

        void saveTally() {
            if (units > 0) {
                context.cursor(QUOTA, day + " " + today);
            }
        }

        /**
         * The JSON of a 2xx answer, counting the units of every attempt; null for a video whose comments are
         * turned off (skipped quietly) or that YouTube does not know (a warning). Other refusals end the run.
         */
        JsonNode get(String pathAndQuery, int cost, String what) {
            if (today + cost > budget) {
                throw new BudgetSpent();
            }
            Map<String, String> headers = Map.of("Accept", "application/json", KEY_HEADER, key);
            int before = context.http().requests();
            PoliteHttp.Response r;
            try {
                r = context.http().get(URI.create(base + pathAndQuery), headers);
            } catch (CollectException e) {
                throw new CollectException(e.outcome(), redact(e.getMessage()), e.getCause());
            } finally {
                int spent = (context.http().requests() - before) * cost;
                units += spent;
                today += spent;
            }
            int status = r.status();
            if (status >= 200 && status < 300) {
                try {
                    return JSON.readTree(r.body());
                } catch (IOException e) {
                    throw new CollectException(CollectException.Outcome.DEGRADED, "YouTube answered " + what
                            + " with JSON that cannot be read; nothing of that page was stored, the next run tries "
                            + "again.");
                }
            }
            JsonNode error = errorOf(r);
            Set<String> reasons = new LinkedHashSet<>();
            error.path("errors").forEach(e -> reasons.add(e.path("reason").asText("")));
            error.path("details").forEach(d -> reasons.add(d.path("reason").asText("")));
            // Google's messages carry a little HTML (links to the docs): read as text
            String message = redact(org.jsoup.Jsoup.parse(error.path("message").asText("")).text().strip());
            if (reasons.stream().anyMatch(QUOTA_SPENT::contains)) {
                throw new QuotaSpent();
            }
            if (status == 403 && reasons.contains("commentsDisabled")) {
                log.info("YouTube source '{}': {} are turned off; skipped", context.source().name(), what);
                return null;
            }
            if (status == 404 && reasons.contains("commentNotFound")) {
                return null; // a thread removed while it was read: nothing of ours is wrong
            }
            if (status == 404) {
                context.warn("YouTube does not know " + what + " (" + String.join(", ", reasons) + "); check "
                        + "settings.videos and settings.channels.");
                return null;
            }
            if (status == 401 || status == 403 || reasons.stream().anyMatch(KEY_REFUSED::contains)) {
                throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "YouTube refused the API key "
                        + "for " + what + " (" + status + " " + String.join(", ", reasons) + (message.isEmpty() ? ""
                                : ": " + message) + "); check it, and that the YouTube Data API v3 is turned on "
                        + "for its project, or give a new one in {\"apiKey\"}.");
            }
            throw new CollectException(CollectException.Outcome.FAILED, "YouTube answered " + status + " for " + what
                    + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")")
                    + (message.isEmpty() ? "" : ": " + message) + "; the next run tries again.");
        }

        /** The key never appears in a message, even if some proxy put it back into a URL. */
        String redact(String message) {
            if (message == null) {
                return "";
            }
            return message.replace(key, "[key]").replaceAll("(?i)([?&]key=)[^&\\s]+", "$1[key]");
        }
    }

    /** {@code error} of Google's error body, or an empty node when the body is not one. */
    private static JsonNode errorOf(PoliteHttp.Response r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return body == null ? JsonNodeFactory.instance.objectNode() : body.path("error");
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
