package org.reelpulse.collect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RSS and Atom feeds of the trade press and union newsrooms ({@code kind: "feed"}). Asks with a
 * conditional GET (the ETag and Last-Modified of the last answer are kept as cursors, so a 304 costs
 * nothing and a restart does not fetch again), reads RSS 2.0, RSS 1.0 and Atom 1.0 in any encoding, and
 * stores every item as a post of source {@code feed}: dedupe on the guid or id, else on the link without
 * {@code utm_*} parameters. A malformed feed leaves the run degraded and nothing stored touched. With
 * {@code fetchArticle}, an item whose description is only a teaser gets the text of the article it links
 * to (robots.txt honoured, read like the newsroom pages by {@link ArticleText}), each article once.
 */
@Component
class FeedCollector implements Collector {

    static final String KIND = "feed";
    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last-modified";
    static final int BATCH = 500;
    /** Digests of the article links already fetched and stored (see {@link PageSeen}). */
    static final String ARTICLE_SEEN = "article-seen";
    /** Articles fetched in one run; the rest keep their teaser until a later run. */
    static final int ARTICLES_PER_RUN = 20;
    /** A description shorter than this, or ending like a teaser, is only a teaser. */
    static final int TEASER_CHARS = 500;
    private static final Pattern TEASER_END = Pattern.compile(
            "(?i)(…|\\.\\.\\.|\\[…]|\\[\\.\\.\\.]|read more|continue reading|weiterlesen|lire la suite|leer más)\\W*$");
    private static final Pattern TRACKING = Pattern.compile("(?i)^(utm_[a-z]+|fbclid|gclid)=.*");

    private final RobotsTxt robots;

    FeedCollector(RobotsTxt robots) {
        this.robots = robots;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        SettingsCheck.only(settings, "A feed", "url", "fetchArticle");
        JsonNode url = settings.get("url");
        if (url == null || !url.isTextual() || url.asText().isBlank()) {
            throw SourceService.problem("settings.url", "Give the feed's address in settings.url, e.g. "
                    + "{\"url\": \"https://variety.com/feed/\"}.");
        }
        String resolved = url.asText().strip();
        try {
            if (baseUrl != null && !URI.create(resolved).isAbsolute()) {
                resolved = URI.create(baseUrl).resolve(resolved).toString();
            }
        } catch (IllegalArgumentException e) {
            throw SourceService.problem("settings.url", "'" + resolved + "' is not a URL; write one like "
                    + "https://variety.com/feed/.");
        }
        SourceService.checkUrl("settings.url", resolved, guard);
        JsonNode fetch = settings.get("fetchArticle");
        if (fetch != null && !fetch.isNull() && !fetch.isBoolean()) {
            throw SourceService.problem("settings.fetchArticle", "fetchArticle is true or false.");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("url", resolved);
        out.put("fetchArticle", fetch != null && fetch.asBoolean(false));
        return out;
    }

    @Override
    public void collect(CollectContext context) {
        URI url = URI.create(context.settings().get("url").asText());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, "
                + "*/*;q=0.5");
        context.cursor(ETAG).ifPresent(v -> headers.put("If-None-Match", v));
        context.cursor(LAST_MODIFIED).ifPresent(v -> headers.put("If-Modified-Since", v));
        authorization(context.credentials()).ifPresent(v -> headers.put("Authorization", v));

        PoliteHttp.Response r = context.http().get(url, headers);
        int status = r.status();
        if (status == 304) {
            return; // nothing new since the last answer
        }
        if (status == 401 || status == 403) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "The feed at " + url + " answered "
                    + status + (context.credentials().isEmpty() ? ": it needs credentials; give {\"username\", "
                    + "\"password\"} or {\"token\"}." : ": it refused the credentials given; check them."));
        }
        if (status == 404 || status == 410) {
            throw new CollectException(CollectException.Outcome.FAILED, "There is no feed at " + url + " (" + status
                    + "); check settings.url.");
        }
        if (status < 200 || status >= 300) {
            throw new CollectException(CollectException.Outcome.FAILED, "The feed at " + url + " answered " + status
                    + " after " + context.http().requests() + " requests; the next run tries again.");
        }
        FeedParser.Feed feed;
        try {
            feed = FeedParser.parse(r.body(), r.charset().orElse(null), r.uri());
        } catch (FeedParser.MalformedFeedException e) {
            throw new CollectException(CollectException.Outcome.DEGRADED, "The feed at " + url + " cannot be read: "
                    + e.getMessage() + ". Nothing was stored; the next run tries again.");
        }
        PageSeen seen = null;
        boolean complete = true;
        if (context.settings().path("fetchArticle").asBoolean(false)) {
            seen = new PageSeen(context.cursor(ARTICLE_SEEN).orElse(null));
            List<FeedParser.Item> items = new ArrayList<>(feed.items());
            complete = withArticles(items, context, seen);
            feed = new FeedParser.Feed(feed.title(), feed.lang(), items);
        }
        List<NewPost> posts = toPosts(feed, url, context.source().name(), context.clock().instant());
        for (int i = 0; i < posts.size(); i += BATCH) {
            context.store(posts.subList(i, Math.min(posts.size(), i + BATCH)));
        }
        // only now: a crash before this point fetches the same answer again, and dedupe absorbs it
        if (seen != null && seen.changed()) {
            context.cursor(ARTICLE_SEEN, seen.cursor());
        }
        if (complete) {
            r.header("ETag").ifPresent(v -> context.cursor(ETAG, v));
            r.header("Last-Modified").ifPresent(v -> context.cursor(LAST_MODIFIED, v));
        }
    }

    /**
     * Puts the linked article's text in place of each teaser, at most {@link #ARTICLES_PER_RUN} articles a
     * run; drops the items whose article was stored by an earlier run (their teaser would replace it).
     * False when an article is left for a later run (the budget, or a failure), so the feed's validators
     * must not move.
     */
    private boolean withArticles(List<FeedParser.Item> items, CollectContext context, PageSeen seen) {
        RobotsTxt.Run robotsRun = robots.run(context);
        String who = "Source '" + context.source().name() + "'";
        boolean complete = true;
        int fetched = 0;
        for (java.util.ListIterator<FeedParser.Item> it = items.listIterator(); it.hasNext();) {
            FeedParser.Item item = it.next();
            if (item.link() == null || !teaser(item.text())) {
                continue;
            }
            String link = withoutTracking(item.link());
            if (seen.contains(link)) {
                it.remove();
                continue;
            }
            if (fetched >= ARTICLES_PER_RUN) {
                complete = false;
                continue;
            }
            ArticleText.Fetched f = ArticleText.fetch(URI.create(link), context, robotsRun,
                    ArticleText.Selectors.DEFAULT);
            if (f instanceof ArticleText.Read read) {
                fetched++;
                it.set(new FeedParser.Item(item.id(), item.link(), item.title(), read.article().body(), item.author(),
                        item.published(), item.lang() != null ? item.lang() : read.article().lang()));
                seen.add(link);
            } else if (f instanceof ArticleText.Disallowed d) {
                seen.add(link); // its teaser is stored; robots.txt is not asked about it again
            } else if (f instanceof ArticleText.Gone g) {
                fetched++;
                context.warn(who + ": the article " + link + " " + g.why() + "; its teaser is stored.");
                seen.add(link);
            } else {
                fetched++;
                complete = false;
                context.warn(who + ": the article " + link + " " + ((ArticleText.Failed) f).why()
                        + "; its teaser is stored and the next run tries again.");
            }
        }
        return complete;
    }

    /** No description, a short one, or one that ends like a teaser ("…", "[...]", "Read more"). */
    static boolean teaser(String text) {
        return text == null || text.strip().length() < TEASER_CHARS || TEASER_END.matcher(text.strip()).find();
    }

    private static java.util.Optional<String> authorization(Map<String, String> credentials) {
        if (credentials.containsKey("token")) {
            return java.util.Optional.of("Bearer " + credentials.get("token"));
        }
        if (credentials.containsKey("username") && credentials.containsKey("password")) {
            return java.util.Optional.of("Basic " + Base64.getEncoder().encodeToString((credentials.get("username") + ":"
                    + credentials.get("password")).getBytes(StandardCharsets.UTF_8)));
        }
        return java.util.Optional.empty();
    }

    /** Every item as a post, once per external id (a feed repeating a guid keeps its first item). */
    static List<NewPost> toPosts(FeedParser.Feed feed, URI url, String sourceName, Instant now) {
        String host = url.getHost() == null ? "feed" : url.getHost().toLowerCase(Locale.ROOT);
        Map<String, NewPost> byId = new LinkedHashMap<>();
        for (FeedParser.Item item : feed.items()) {
            String link = item.link() == null ? null : withoutTracking(item.link());
            String id = externalId(item, link, host);
            String text = join(item.title(), item.text());
            if (text == null) {
                continue; // neither title nor text: nothing to analyse
            }
            text = PostParts.capped(text);
            Instant published = PostParts.published(item.published(), now);
            String author = item.author() != null ? item.author() : feed.title() != null ? feed.title() : host;
            author = author.length() > 256 ? author.substring(0, 256) : author;
            byId.putIfAbsent(id, new NewPost(KIND, id, link, new Author(author, author, null), text, item.lang(),
                    published, Metrics.UNKNOWN, null, null, sourceName));
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * The guid or id, when it is a URI (global) or else scoped by the feed's host; else the link; else a
     * digest of the text. At most 512 characters, the column's width.
     */
    static String externalId(FeedParser.Item item, String link, String host) {
        String id;
        if (item.id() != null) {
            id = item.id().matches("(?i)[a-z][a-z0-9+.-]*:.+") ? item.id() : host + "#" + item.id();
        } else if (link != null) {
            id = link;
        } else {
            id = host + "#sha256:" + CursorKeys.sha256Hex(join(item.title(), item.text()) + "|" + item.published());
        }
        return id.length() <= 512 ? id : host + "#sha256:" + CursorKeys.sha256Hex(id);
    }

    /** The link without utm_* (and click-id) parameters, which differ between copies of the same article. */
    static String withoutTracking(String link) {
        URI u = URI.create(link);
        if (u.getRawQuery() == null) {
            return link;
        }
        List<String> kept = new ArrayList<>();
        for (String p : u.getRawQuery().split("&")) {
            if (!p.isEmpty() && !TRACKING.matcher(p).matches()) {
                kept.add(p);
            }
        }
        String base = link.substring(0, link.indexOf('?'));
        String fragment = u.getRawFragment() == null ? "" : "#" + u.getRawFragment();
        return base + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + fragment;
    }

    private static String join(String title, String text) {
        if (title == null) {
            return text;
        }
        if (text == null || text.equals(title)) {
            return title;
        }
        return title + "\n\n" + text;
    }

}
