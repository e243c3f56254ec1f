package org.reelpulse.collect;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Newsroom pages of unions and guilds that publish no feed ({@code kind: "page"}): the article links of a
 * list page (found with a CSS selector, following {@code next} links while they bring new ones) and of a
 * sitemap or sitemap index (newest first by {@code lastmod}), each article fetched once and stored with
 * its title and paragraphs. robots.txt is honoured (RFC 9309, via {@link RobotsTxt}), including its
 * {@code Crawl-delay}; every request goes through {@link PoliteHttp} and so through the SSRF guard.
 * Incremental: a conditional GET on the list page (a 304 means nothing new there), the digests of the
 * article URLs already stored in the {@code seen} cursor, and the sitemap's newest {@code lastmod} read
 * in the {@code sitemap-lastmod} cursor. A broken article is a warning; the others go on.
 */
@Component
class PageCollector implements Collector {

    static final String KIND = "page";
    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last-modified";
    static final String SEEN = "seen";
    static final String SITEMAP_LASTMOD = "sitemap-lastmod";
    static final int DEFAULT_MAX_ARTICLES = 20;
    static final int MAX_ARTICLES = 200;
    static final int DEFAULT_MAX_PAGES = 3;
    static final int MAX_PAGES = 20;
    private static final Logger log = LoggerFactory.getLogger(PageCollector.class);
    private static final Set<String> FIELDS = Set.of("url", "sitemap", "selectors", "dateFormat", "maxArticles",
            "maxPages", "author");
    private static final Set<String> SELECTOR_FIELDS = Set.of("item", "next", "title", "date", "body");
    private static final String EXAMPLE = "{\"url\": \"https://www.union.example/news\", \"selectors\": "
            + "{\"item\": \"article h2 a\"}}";

    private final RobotsTxt robots;

    PageCollector(RobotsTxt robots) {
        this.robots = robots;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        if (settings == null || !settings.isObject()) {
            throw SourceService.problem("settings", "Newsroom pages take settings as an object, e.g. " + EXAMPLE + ".");
        }
        for (Iterator<String> names = settings.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw SourceService.problem("settings." + name, "Newsroom pages take the settings " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + "; '" + name + "' is not one of them.");
            }
        }
        String url = url(settings, "url", baseUrl, guard);
        String sitemap = url(settings, "sitemap", baseUrl, guard);
        if (url == null && sitemap == null) {
            throw SourceService.problem("settings.url", "Give the newsroom's list page in settings.url (with "
                    + "settings.selectors.item), its sitemap in settings.sitemap, or both, e.g. " + EXAMPLE + ".");
        }
        ObjectNode selectors = JsonNodeFactory.instance.objectNode();
        JsonNode given = settings.get("selectors");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw SourceService.problem("settings.selectors", "selectors is an object of CSS selectors, e.g. "
                        + "{\"item\": \"article h2 a\", \"body\": \".entry-content\"}.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "settings.selectors." + e.getKey();
                if (!SELECTOR_FIELDS.contains(e.getKey())) {
                    throw SourceService.problem(field, "selectors takes item, next, title, date and body; '"
                            + e.getKey() + "' is not one of them.");
                }
                if (e.getValue().isNull()) {
                    continue;
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw SourceService.problem(field, "Write a CSS selector as text, e.g. \"article h2 a\".");
                }
                String css = e.getValue().asText().strip();
                try {
                    Jsoup.parse("").select(css);
                } catch (Selector.SelectorParseException bad) {
                    throw SourceService.problem(field, "'" + css + "' is not a CSS selector: " + bad.getMessage() + ".");
                }
                selectors.put(e.getKey(), css);
            }
        }
        if (url != null && !selectors.has("item")) {
            throw SourceService.problem("settings.selectors.item", "Say which links on the list page lead to the "
                    + "articles with a CSS selector in settings.selectors.item, e.g. \"article h2 a\".");
        }
        JsonNode dateFormat = settings.get("dateFormat");
        String pattern = null;
        if (dateFormat != null && !dateFormat.isNull()) {
            if (!dateFormat.isTextual() || dateFormat.asText().isBlank()) {
                throw SourceService.problem("settings.dateFormat", "dateFormat is a date pattern as text, e.g. "
                        + "\"d MMMM yyyy\" for 18 September 2024.");
            }
            pattern = dateFormat.asText().strip();
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
            } catch (IllegalArgumentException bad) {
                throw SourceService.problem("settings.dateFormat", "'" + pattern + "' is not a date pattern: "
                        + bad.getMessage() + "; write one like \"d MMMM yyyy\".");
            }
        }
        int maxArticles = number(settings, "maxArticles", DEFAULT_MAX_ARTICLES, MAX_ARTICLES);
        int maxPages = number(settings, "maxPages", DEFAULT_MAX_PAGES, MAX_PAGES);
        JsonNode author = settings.get("author");
        String who;
        if (author == null || author.isNull()) {
            who = URI.create(url != null ? url : sitemap).getHost().toLowerCase(Locale.ROOT);
        } else if (!author.isTextual() || author.asText().isBlank() || author.asText().strip().length() > 256) {
            throw SourceService.problem("settings.author", "author is the union's or guild's name as text (at most "
                    + "256 characters), e.g. \"SAG-AFTRA\".");
        } else {
            who = author.asText().strip();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (url != null) {
            out.put("url", url);
        }
        if (sitemap != null) {
            out.put("sitemap", sitemap);
        }
        out.set("selectors", selectors);
        if (pattern != null) {
            out.put("dateFormat", pattern);
        }
        out.put("maxArticles", maxArticles);
        out.put("maxPages", maxPages);
        out.put("author", who);
        return out;
    }

    private static String url(JsonNode settings, String name, String baseUrl, SsrfGuard guard) {
        JsonNode v = settings.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String field = "settings." + name;
        if (!v.isTextual() || v.asText().isBlank()) {
            throw SourceService.problem(field, "Write the address as text, e.g. " + EXAMPLE + ".");
        }
        String resolved = v.asText().strip();
        try {
            if (baseUrl != null && !URI.create(resolved).isAbsolute()) {
                resolved = URI.create(baseUrl).resolve(resolved).toString();
            }
        } catch (IllegalArgumentException e) {
            throw SourceService.problem(field, "'" + resolved + "' is not a URL; write one like "
                    + "https://www.union.example/news.");
        }
        return SourceService.checkUrl(field, resolved, guard).toString();
    }

    private static int number(JsonNode settings, String name, int dflt, int max) {
        JsonNode v = settings.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > max) {
            throw SourceService.problem("settings." + name, name + " is a whole number from 1 to " + max
                    + " (default " + dflt + ").");
        }
        return v.asInt();
    }

    /** The settings as checkSettings stored them. */
    private record Config(URI url, URI sitemap, String item, String next, ArticleText.Selectors article,
            int maxArticles, int maxPages, String author) {

        static Config of(JsonNode s) {
            JsonNode sel = s.path("selectors");
            return new Config(s.hasNonNull("url") ? URI.create(s.get("url").asText()) : null,
                    s.hasNonNull("sitemap") ? URI.create(s.get("sitemap").asText()) : null, text(sel, "item"),
                    text(sel, "next"), new ArticleText.Selectors(text(sel, "title"), text(sel, "date"),
                            text(sel, "body"), text(s, "dateFormat")),
                    s.path("maxArticles").asInt(DEFAULT_MAX_ARTICLES), s.path("maxPages").asInt(DEFAULT_MAX_PAGES),
                    s.hasNonNull("author") ? s.get("author").asText() : null);
        }

        private static String text(JsonNode n, String name) {
            return n.hasNonNull(name) ? n.get(name).asText() : null;
        }
    }

    /** An article to fetch: its URL (the key it is known by), its sitemap lastmod, and where it was found. */
    private record Candidate(URI url, Instant lastmod, boolean onList, boolean inSitemap) {
    }

    @Override
    public void collect(CollectContext context) {
        Config config = Config.of(context.settings());
        String who = "Source '" + context.source().name() + "'";
        RobotsTxt.Run robotsRun = robots.run(context);
        PageSeen seen = new PageSeen(context.cursor(SEEN).orElse(null));
        Map<String, Candidate> candidates = new LinkedHashMap<>();

        PoliteHttp.Response list = config.url() == null ? null : readList(context, config, robotsRun, seen, candidates);

        Instant watermark = context.cursor(SITEMAP_LASTMOD).flatMap(PageCollector::instant).orElse(null);
        Instant newestInSitemap = null;
        boolean sitemapRead = false;
        if (config.sitemap() != null) {
            try {
                List<SitemapReader.Entry> entries = SitemapReader.read(config.sitemap(), watermark, context, robotsRun);
                sitemapRead = true;
                newestInSitemap = entries.stream().map(SitemapReader.Entry::lastmod).filter(i -> i != null)
                        .max(Comparator.naturalOrder()).orElse(watermark);
                addSitemap(entries, watermark == null, config.maxArticles(), seen, candidates);
            } catch (SitemapReader.Unreadable | CollectException e) {
                if (config.url() == null) {
                    throw e instanceof CollectException ce ? ce : new CollectException(CollectException.Outcome.FAILED,
                            who + ": " + e.getMessage());
                }
                context.warn(who + ": " + e.getMessage());
            }
        }

        boolean listComplete = true;
        Instant firstLeftInSitemap = null;
        int fetched = 0;
        try {
            for (Candidate c : candidates.values()) {
                Outcome o = fetched >= config.maxArticles() ? Outcome.LEFT
                        : fetchAndStore(c, config, context, robotsRun, seen, who);
                if (o != Outcome.SKIPPED && o != Outcome.LEFT) {
                    fetched++;
                }
                if (o == Outcome.LEFT || o == Outcome.RETRY) {
                    listComplete &= !c.onList();
                    if (c.inSitemap() && c.lastmod() != null && firstLeftInSitemap == null) {
                        firstLeftInSitemap = c.lastmod();
                    }
                }
            }
        } finally {
            // the URLs in it are stored (or gone) already, so the cursor may move even when the run stops here
            if (seen.changed()) {
                context.cursor(SEEN, seen.cursor());
            }
        }
        if (list != null && listComplete) {
            list.header("ETag").ifPresent(v -> context.cursor(ETAG, v));
            list.header("Last-Modified").ifPresent(v -> context.cursor(LAST_MODIFIED, v));
        }
        if (sitemapRead) {
            Instant mark = firstLeftInSitemap != null ? firstLeftInSitemap : newestInSitemap;
            if (mark != null) {
                context.cursor(SITEMAP_LASTMOD, mark.toString());
            }
        }
    }

    /**
     * Reads the list page and the pages its {@code next} links lead to (while they bring links not seen
     * before, up to maxPages). Returns the first page's answer, for its validators; null when it answered
     * 304 (nothing new).
     */
    private PoliteHttp.Response readList(CollectContext context, Config config, RobotsTxt.Run robotsRun, PageSeen seen,
            Map<String, Candidate> candidates) {
        String who = "Source '" + context.source().name() + "'";
        PoliteHttp.Response first = null;
        Set<URI> visited = new HashSet<>();
        URI page = config.url();
        for (int n = 0; page != null && n < config.maxPages() && visited.add(page); n++) {
            Optional<String> refused = robotsRun.refusal(page);
            if (refused.isPresent()) {
                if (n == 0) {
                    throw new CollectException(CollectException.Outcome.FAILED, who + ": the list page " + page
                            + " is not fetched: " + refused.get() + ".");
                }
                context.warn(who + ": the next list page " + page + " is not fetched: " + refused.get() + ".");
                break;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5");
            if (n == 0) {
                context.cursor(ETAG).ifPresent(v -> headers.put("If-None-Match", v));
                context.cursor(LAST_MODIFIED).ifPresent(v -> headers.put("If-Modified-Since", v));
            }
            PoliteHttp.Response r = context.http().get(page, headers);
            int status = r.status();
            if (n == 0 && status == 304) {
                return null; // nothing new on the list since the last answer
            }
            if (status < 200 || status >= 300) {
                if (n > 0) {
                    context.warn(who + ": the next list page " + page + " answered " + status + ".");
                    break;
                }
                String what = status == 404 || status == 410 ? "; check settings.url."
                        : status == 401 || status == 403 ? ": the site refuses ReelPulse; newsroom pages are read "
                                + "without credentials." : " after " + context.http().requests()
                                        + " requests; the next run tries again.";
                throw new CollectException(CollectException.Outcome.FAILED, who + ": the list page " + page
                        + " answered " + status + what);
            }
            if (n == 0) {
                first = r;
            }
            Document doc = ArticleText.parse(r.body(), r.charset().orElse(null), r.uri());
            List<Element> items = doc.select(config.item());
            if (items.isEmpty() && n == 0) {
                context.warn(who + ": settings.selectors.item '" + config.item() + "' matches nothing on " + page
                        + "; check it, the site's layout may have changed.");
            }
            int fresh = 0;
            for (Element item : items) {
                Element a = item.is("a[href]") ? item : item.selectFirst("a[href]");
                URI link = a == null ? null : link(a.absUrl("href"));
                if (link == null || link.equals(ArticleText.withoutFragment(r.uri()))) {
                    continue; // "#" and "javascript:" links lead nowhere new
                }
                String key = link.toString();
                if (!candidates.containsKey(key) && !seen.contains(key)) {
                    candidates.put(key, new Candidate(link, null, true, false));
                    fresh++;
                }
            }
            page = null;
            if (config.next() != null && fresh > 0) {
                Element next = doc.selectFirst(config.next());
                String href = next == null ? "" : next.is("[href]") ? next.absUrl("href")
                        : Optional.ofNullable(next.selectFirst("a[href]")).map(e -> e.absUrl("href")).orElse("");
                page = link(href);
            }
        }
        return first;
    }

    /**
     * The sitemap's entries not seen before: on a first run only the newest maxArticles (a first run does
     * not walk back through years), then oldest first from the last run's newest, so the lastmod cursor
     * moves forward without leaving any out.
     */
    private static void addSitemap(List<SitemapReader.Entry> entries, boolean firstRun, int maxArticles, PageSeen seen,
            Map<String, Candidate> candidates) {
        List<SitemapReader.Entry> fresh = new ArrayList<>();
        for (SitemapReader.Entry e : entries) {
            String key = e.url().toString();
            Candidate onList = candidates.get(key);
            if (onList != null) {
                candidates.put(key, new Candidate(onList.url(), e.lastmod(), true, true));
            } else if (!seen.contains(key)) {
                fresh.add(e);
            }
        }
        Comparator<SitemapReader.Entry> oldestFirst = Comparator.comparing(SitemapReader.Entry::lastmod,
                Comparator.nullsLast(Comparator.naturalOrder()));
        if (firstRun) {
            fresh.sort(Comparator.comparing(SitemapReader.Entry::lastmod, Comparator.nullsLast(Comparator.reverseOrder())));
            fresh = new ArrayList<>(fresh.subList(0, Math.min(maxArticles, fresh.size())));
        }
        fresh.sort(oldestFirst);
        for (SitemapReader.Entry e : fresh) {
            candidates.putIfAbsent(e.url().toString(), new Candidate(e.url(), e.lastmod(), false, true));
        }
    }

    /** What became of one article. */
    private enum Outcome {
        STORED, GONE, SKIPPED, RETRY, LEFT
    }

    private Outcome fetchAndStore(Candidate c, Config config, CollectContext context, RobotsTxt.Run robotsRun,
            PageSeen seen, String who) {
        ArticleText.Fetched f = ArticleText.fetch(c.url(), context, robotsRun, config.article());
        if (f instanceof ArticleText.Read read) {
            NewPost post = toPost(read.article(), c.lastmod(), config.author(), context);
            context.store(List.of(post));
            seen.add(c.url().toString());
            seen.add(post.url());
            return Outcome.STORED;
        }
        if (f instanceof ArticleText.Disallowed d) {
            log.info("{}: {} left out: {}", who, c.url(), d.why());
            context.skip(1);
            if (d.fetched()) {
                seen.add(c.url().toString());
                return Outcome.GONE; // it cost a request, so it counts against maxArticles
            }
            return Outcome.SKIPPED;
        }
        if (f instanceof ArticleText.Gone g) {
            context.warn(who + ": the article " + c.url() + " " + g.why() + "; it is not asked for again.");
            seen.add(c.url().toString());
            return Outcome.GONE;
        }
        context.warn(who + ": the article " + c.url() + " " + ((ArticleText.Failed) f).why()
                + "; the next run tries again.");
        return Outcome.RETRY;
    }

    /** The article as a post of source {@code page}: its canonical URL is its id and its link. */
    static NewPost toPost(ArticleText.Article article, Instant lastmod, String author, CollectContext context) {
        Instant now = context.clock().instant();
        Instant published = PostParts.published(article.published() != null ? article.published() : lastmod, now);
        String url = article.canonical().toString();
        String host = article.canonical().getHost() == null ? "page"
                : article.canonical().getHost().toLowerCase(Locale.ROOT);
        String id = url.length() <= 512 ? url : host + "#sha256:" + CursorKeys.sha256Hex(url);
        String name = author != null ? author : host;
        return new NewPost(KIND, id, url, new Author(name, name, null), article.text(), article.lang(), published,
                Metrics.UNKNOWN, null, null, context.source().name());
    }

    /** An absolute http(s) link without fragment and tracking parameters; null for anything else. */
    static URI link(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(href.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                return null;
            }
            return ArticleText.withoutFragment(u);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<Instant> instant(String v) {
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

}
