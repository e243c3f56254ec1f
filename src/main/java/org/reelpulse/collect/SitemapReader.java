package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;

/**
 * A sitemap (XML, text or gzipped) or sitemap index, read by crawler-commons from what {@link PoliteHttp}
 * fetched (so through the SSRF guard), with robots.txt asked first. Of an index, only the newest child
 * sitemaps are read ({@link #MAX_CHILDREN}, by their {@code lastmod}, those older than the last run's
 * newest article left out).
 */
final class SitemapReader {

    static final int MAX_CHILDREN = 5;

    private SitemapReader() {
    }

    /** One URL of a sitemap; {@code lastmod} is null when the sitemap does not say. */
    record Entry(URI url, Instant lastmod) {
    }

    /** The sitemap could not be read; the message names the URL and the reason. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * The entries of the sitemap, or of the newest children of the index, that are not older than {@code
     * since} (null: all). A child that cannot be read is a warning; the top one throws.
     */
    static List<Entry> read(URI sitemap, Instant since, CollectContext context, RobotsTxt.Run robots)
            throws Unreadable {
        AbstractSiteMap top = fetch(sitemap, context, robots);
        if (!top.isIndex()) {
            return entries((SiteMap) top, since);
        }
        List<AbstractSiteMap> children = new ArrayList<>(((SiteMapIndex) top).getSitemaps());
        children.removeIf(c -> since != null && c.getLastModified() != null
                && c.getLastModified().toInstant().isBefore(since));
        children.sort(Comparator.comparing(AbstractSiteMap::getLastModified,
                Comparator.nullsLast(Comparator.<Date>reverseOrder())));
        List<Entry> out = new ArrayList<>();
        for (AbstractSiteMap child : children.subList(0, Math.min(MAX_CHILDREN, children.size()))) {
            try {
                URI childUri = child.getUrl().toURI();
                AbstractSiteMap read = fetch(childUri, context, robots);
                if (read.isIndex()) {
                    context.warn("Source '" + context.source().name() + "': " + childUri + " is a sitemap index inside "
                            + "the index " + sitemap + "; ReelPulse reads one level only.");
                    continue;
                }
                out.addAll(entries((SiteMap) read, since));
            } catch (Unreadable | URISyntaxException e) {
                context.warn("Source '" + context.source().name() + "': " + e.getMessage());
            } catch (CollectException e) {
                context.warn("Source '" + context.source().name() + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static AbstractSiteMap fetch(URI url, CollectContext context, RobotsTxt.Run robots) throws Unreadable {
        Optional<String> refused = robots.refusal(url);
        if (refused.isPresent()) {
            throw new Unreadable("the sitemap " + url + " is not fetched: " + refused.get() + ".");
        }
        PoliteHttp.Response r = context.http().get(url, Map.of("Accept",
                "application/xml, text/xml;q=0.9, text/plain;q=0.5, */*;q=0.1"));
        if (r.status() < 200 || r.status() >= 300) {
            throw new Unreadable("the sitemap " + url + " answered " + r.status() + "; check settings.sitemap.");
        }
        String type = r.header("Content-Type").orElse(null);
        try {
            SiteMapParser parser = new SiteMapParser(false);
            return type == null ? parser.parseSiteMap(r.body(), r.uri().toURL())
                    : parser.parseSiteMap(type, r.body(), r.uri().toURL());
        } catch (UnknownFormatException | IOException e) {
            throw new Unreadable("the sitemap " + url + " cannot be read: " + e.getMessage());
        }
    }

    private static List<Entry> entries(SiteMap map, Instant since) {
        List<Entry> out = new ArrayList<>();
        for (SiteMapURL u : map.getSiteMapUrls()) {
            try {
                URI uri = u.getUrl().toURI();
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    continue;
                }
                Instant lastmod = u.getLastModified() == null ? null : u.getLastModified().toInstant();
                if (since == null || lastmod == null || !lastmod.isBefore(since)) {
                    out.add(new Entry(ArticleText.withoutFragment(uri), lastmod));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // a URL Java cannot take as a URI: left out like any other invalid entry
            }
        }
        return out;
    }
}
