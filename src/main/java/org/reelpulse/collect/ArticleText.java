package org.reelpulse.collect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * The text of an article page, for the newsroom pages and the articles feeds link to: its title, its body
 * with the paragraphs kept (one blank line between them), its date, its canonical address and its
 * language. The encoding comes from the byte-order mark, then the HTTP charset, then the page's {@code
 * <meta charset>}, then UTF-8, as HTML says; entities are decoded; scripts, navigation and forms are left
 * out.
 */
final class ArticleText {

    static final String DEFAULT_TITLE = "h1";
    static final String DEFAULT_BODY = "article, main, [role=main]";
    static final String DEFAULT_DATE = "meta[property=article:published_time], time[datetime]";
    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dt, dd, figcaption";
    private static final String NOISE = "script, style, noscript, template, nav, aside, form, iframe, button, svg, "
            + "header, footer, [hidden], [aria-hidden=true]";
    private static final Pattern NOINDEX = Pattern.compile("\\b(noindex|none)\\b");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private ArticleText() {
    }

    /**
     * Where a site keeps the parts of its articles: CSS selectors (null for the defaults) and a date
     * pattern ({@link DateTimeFormatter}, English month names) for dates that are neither ISO 8601 nor
     * RFC 822.
     */
    record Selectors(String title, String date, String body, String dateFormat) {
        static final Selectors DEFAULT = new Selectors(null, null, null, null);
    }

    /** An article: its canonical URL, title (may be null), body text, date (null if none) and language. */
    record Article(URI canonical, String title, String body, Instant published, String lang) {

        /** The title, a blank line, and the body; at most {@link PostParts#MAX_TEXT} characters. */
        String text() {
            String t = title == null || body.startsWith(title) ? body : title + "\n\n" + body;
            return PostParts.capped(t);
        }
    }

    /** The page holds no article text where the selectors look; the message says which selector and why. */
    static final class NotAnArticle extends Exception {
        NotAnArticle(String message) {
            super(message);
        }
    }

    /** What fetching one article gave. */
    sealed interface Fetched {
    }

    /** Read: {@code at} is where the page was in the end (after redirects). */
    record Read(URI at, Article article) implements Fetched {
    }

    /**
     * Left out on purpose: the site's robots.txt does not let ReelPulse fetch it ({@code fetched} false:
     * ask again next time, robots.txt may change), or the page opts out of indexing ({@code fetched} true).
     */
    record Disallowed(String why, boolean fetched) implements Fetched {
    }

    /** Gone for good (404, 410, not an HTML page, an address the SSRF guard refuses): never asked again. */
    record Gone(String why) implements Fetched {
    }

    /** Failed this time (5xx after the retries, a timeout, no article text where the selectors look). */
    record Failed(String why) implements Fetched {
    }

    /**
     * Fetches the article at the URL, robots.txt asked first (for the URL and for where it redirected to),
     * through the run's {@link PoliteHttp} session, and reads it with the selectors.
     */
    static Fetched fetch(URI url, CollectContext context, RobotsTxt.Run robots, Selectors selectors) {
        try {
            Optional<String> refused = robots.refusal(url);
            if (refused.isPresent()) {
                return new Disallowed(refused.get(), false);
            }
            PoliteHttp.Response r = context.http().get(url, Map.of("Accept",
                    "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"));
            int status = r.status();
            if (status == 404 || status == 410) {
                return new Gone("answered " + status);
            }
            if (status < 200 || status >= 300) {
                return new Failed("answered " + status);
            }
            String type = r.header("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT);
            if (!type.contains("html") && !type.contains("xml")) {
                return new Gone("is " + type + ", not an HTML page");
            }
            if (!r.uri().equals(url)) {
                refused = robots.refusal(r.uri());
                if (refused.isPresent()) {
                    return new Disallowed("it redirects to " + r.uri() + ", and " + refused.get(), false);
                }
            }
            Document doc = parse(r.body(), r.charset().orElse(null), r.uri());
            if (noindex(r, doc)) {
                return new Disallowed("the page asks not to be indexed (noindex)", true);
            }
            return new Read(r.uri(), read(doc, r.uri(), selectors));
        } catch (NotAnArticle e) {
            return new Failed("holds no article: " + e.getMessage());
        } catch (CollectException e) {
            return e.getCause() instanceof SsrfGuard.Refused ? new Gone(e.getMessage()) : new Failed(e.getMessage());
        }
    }

    /**
     * The page opts out of indexing: {@code noindex} or {@code none} in an {@code X-Robots-Tag} header
     * (for every crawler or for {@code reelpulse:}) or in {@code <meta name="robots">} or {@code <meta
     * name="reelpulse">}.
     */
    static boolean noindex(PoliteHttp.Response r, Document doc) {
        for (String v : r.headers().allValues("X-Robots-Tag")) {
            String tag = v.toLowerCase(Locale.ROOT).strip();
            int colon = tag.indexOf(':');
            // "googlebot: noindex" is for another crawler; "unavailable_after: <date>" is not a scope
            if (colon > 0 && !tag.startsWith("unavailable_after") && !tag.startsWith(RobotsTxt.PRODUCT_TOKEN + ":")) {
                continue;
            }
            if (NOINDEX.matcher(tag).find()) {
                return true;
            }
        }
        for (Element meta : doc.select("meta[name][content]")) {
            String name = meta.attr("name").toLowerCase(Locale.ROOT).strip();
            if ((name.equals("robots") || name.equals(RobotsTxt.PRODUCT_TOKEN))
                    && NOINDEX.matcher(meta.attr("content").toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Parses a page's bytes; the HTTP charset (may be null) wins over the page's own declaration. */
    static Document parse(byte[] html, Charset httpCharset, URI url) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(html), httpCharset == null ? null : httpCharset.name(),
                    url.toString());
        } catch (IOException e) {
            // the bytes are in memory: only an unknown charset gets here, so read it as UTF-8
            return Jsoup.parse(new String(html, java.nio.charset.StandardCharsets.UTF_8), url.toString());
        }
    }

    static Article read(byte[] html, Charset httpCharset, URI url, Selectors selectors) throws NotAnArticle {
        return read(parse(html, httpCharset, url), url, selectors);
    }

    static Article read(Document doc, URI url, Selectors selectors) throws NotAnArticle {
        String title = title(doc, selectors.title());
        Element root = body(doc, selectors.body());
        String body = paragraphs(root, title);
        if (body == null || body.isBlank()) {
            throw new NotAnArticle("no text in " + (selectors.body() == null ? "<" + root.tagName() + ">"
                    : "'" + selectors.body() + "'"));
        }
        Instant published = date(doc, selectors.date(), selectors.dateFormat());
        String lang = doc.selectFirst("html[lang]") == null ? null : doc.selectFirst("html[lang]").attr("lang").strip();
        return new Article(canonical(doc, url), title, body, published,
                lang != null && LANG.matcher(lang).matches() ? lang : null);
    }

    private static String title(Document doc, String selector) throws NotAnArticle {
        if (selector != null) {
            Element e = select(doc, selector, "selectors.title");
            if (e == null) {
                throw new NotAnArticle("selectors.title '" + selector + "' matches nothing");
            }
            return clean(e.text());
        }
        Element h1 = doc.selectFirst(DEFAULT_TITLE);
        if (h1 != null && clean(h1.text()) != null) {
            return clean(h1.text());
        }
        Element og = doc.selectFirst("meta[property=og:title]");
        if (og != null && clean(og.attr("content")) != null) {
            return clean(og.attr("content"));
        }
        return clean(doc.title());
    }

    private static Element body(Document doc, String selector) throws NotAnArticle {
        if (selector != null) {
            Element e = select(doc, selector, "selectors.body");
            if (e == null) {
                throw new NotAnArticle("selectors.body '" + selector + "' matches nothing");
            }
            return e;
        }
        Element e = doc.selectFirst(DEFAULT_BODY);
        return e != null ? e : doc.body();
    }

    private static Element select(Document doc, String selector, String field) throws NotAnArticle {
        try {
            return doc.selectFirst(selector);
        } catch (Selector.SelectorParseException e) {
            throw new NotAnArticle(field + " '" + selector + "' is not a CSS selector: " + e.getMessage());
        }
    }

    /**
     * The text of the blocks (paragraphs, headings, list items, quotes) in order, one blank line between
     * them; a block inside another counts once. Without blocks, the element's whole text.
     */
    static String paragraphs(Element root, String title) {
        Element copy = root.clone();
        copy.select(NOISE).remove();
        Elements blocks = copy.select(BLOCKS);
        Set<Element> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> out = new ArrayList<>();
        for (Element b : blocks) {
            boolean nested = false;
            for (Element p = b.parent(); p != null && p != copy; p = p.parent()) {
                if (chosen.contains(p)) {
                    nested = true;
                    break;
                }
            }
            if (nested) {
                continue;
            }
            chosen.add(b);
            String t = clean(b.text());
            if (t != null && !(out.isEmpty() && t.equals(title))) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            return clean(copy.text());
        }
        return String.join("\n\n", out);
    }

    /** The selector's element's {@code datetime}, {@code content} or text, read as a date. */
    private static Instant date(Document doc, String selector, String dateFormat) {
        String sel = selector == null ? DEFAULT_DATE : selector;
        Elements found;
        try {
            found = doc.select(sel);
        } catch (Selector.SelectorParseException e) {
            return null;
        }
        for (Element e : found) {
            String v = e.hasAttr("datetime") ? e.attr("datetime") : e.hasAttr("content") ? e.attr("content") : e.text();
            Instant i = date(v, dateFormat);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    /** A date in the site's own pattern (when given), else ISO 8601 (with or without time) or RFC 822. */
    static Instant date(String value, String dateFormat) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (dateFormat != null) {
            try {
                TemporalAccessor t = DateTimeFormatter.ofPattern(dateFormat, Locale.ENGLISH).parse(v);
                if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                    return Instant.from(t);
                }
                if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                    return LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
                }
                return LocalDate.from(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                // the site's pattern did not fit this one: try the standard forms
            }
        }
        Instant i = FeedParser.date(v);
        if (i != null) {
            return i;
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code link[rel=canonical]} when it is on the same host (another host could claim any page), else the URL. */
    static URI canonical(Document doc, URI url) {
        Element link = doc.selectFirst("link[rel=canonical][href]");
        URI page = withoutFragment(url);
        if (link == null) {
            return page;
        }
        try {
            URI c = withoutFragment(url.resolve(new URI(link.attr("href").strip())));
            String scheme = c.getScheme() == null ? "" : c.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && c.getHost() != null
                    && c.getHost().equalsIgnoreCase(url.getHost())) {
                return c;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // a broken canonical link: the page's own URL
        }
        return page;
    }

    /** The URL without its fragment and tracking parameters: the key articles are known by. */
    static URI withoutFragment(URI url) {
        String s = url.toString();
        int hash = s.indexOf('#');
        return URI.create(FeedCollector.withoutTracking(hash < 0 ? s : s.substring(0, hash)));
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace('\u00a0', ' ').strip();
        return t.isEmpty() ? null : t;
    }
}
