package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.PageTestSite.html;
import static org.reelpulse.collect.PageTestSite.text;
import static org.reelpulse.collect.PageTestSite.xml;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The newsroom-page adapter over real HTTP on loopback: robots.txt, list pages, sitemaps and articles. */
class PageCollectorTest {

    static final String ROBOTS = """
            # the newsroom's robots.txt
            User-agent: *
            Disallow: /wp-admin/
            Disallow: /news/members-only/

            User-agent: GPTBot
            Disallow: /
            """;

    static final String LIST = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>News &ndash; Screen Workers Guild</title></head>
            <body>
            <nav><a href="/about">About</a> <a href="/news/">News</a></nav>
            <main>
              <article class="teaser"><h2><a href="/news/ai-deal-response/?utm_source=home#top">Guild responds to AI deal</a></h2></article>
              <article class="teaser"><h2><a href="/news/strike-fund">Strike fund opens</a></h2></article>
              <article class="teaser"><h2><a href="/news/members-only/ballot">Ballot details</a></h2></article>
              <article class="teaser"><h2><a href="/news/cannes">Cannes statement</a></h2></article>
              <article class="teaser"><h2><a href="#">Load more</a> <a href="javascript:more()">More</a></h2></article>
            </main>
            <footer><a href="/privacy">Privacy</a></footer>
            </body></html>
            """;

    static final String AI_DEAL = """
            <!doctype html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <title>Guild responds to AI deal | Screen Workers Guild</title>
            <link rel="canonical" href="/news/ai-deal-response/">
            <meta property="article:published_time" content="2024-09-18T15:03:00+02:00">
            <script>var tracking = "do not store me";</script>
            </head><body>
            <header><a href="/">Home</a></header>
            <article>
              <h1>Guild responds to AI&nbsp;deal</h1>
              <p>The guild&rsquo;s board met on Tuesday &amp; said the studio&#8217;s deal with Runway &ldquo;needs
                 consent, credit and compensation&rdquo;. 🎬</p>
              <p>Members can read the <a href="/files/statement.pdf">full statement</a>.</p>
              <ul><li>Consent</li><li><p>Compensation</p></li></ul>
              <div class="share"><button>Share</button></div>
              <footer>Tags: AI</footer>
            </article>
            <aside>Related: everything else</aside>
            </body></html>
            """;

    static final String STRIKE_FUND = """
            <!doctype html>
            <html lang="ru"><head><meta charset="utf-8"><title>Забастовочный фонд</title>
            <link rel="canonical" href="https://elsewhere.example/stolen-canonical">
            </head><body><main>
            <h1>Забастовочный фонд открыт</h1>
            <time datetime="2024-09-19T09:15:00Z">19 сентября</time>
            <p>Профсоюз открыл фонд для участников забастовки.</p>
            <p>日本語のテキストも保存されます。</p>
            </main></body></html>
            """;

    static final String CANNES = """
            <html><head><title>Cannes</title></head><body>
            <div class="post"><h1>Cannes statement</h1><span class="date">18 September 2024</span>
            <div class="entry-content"><p>Café société at Cannes.</p></div></div>
            </body></html>
            """;

    private final PageTestSite site = new PageTestSite();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final PoliteHttp http = new PoliteHttp(CollectTesting.properties(true, Duration.ofSeconds(5)),
            new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final RobotsTxt robots = new RobotsTxt();
    private final PageCollector collector = new PageCollector(robots);
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    @AfterEach
    void stop() {
        site.close();
    }

    private ObjectNode settings() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("url", site.uri("/news/").toString());
        s.putObject("selectors").put("item", "main article h2 a");
        s.put("author", "Screen Workers Guild");
        return s;
    }

    private CollectContext context(JsonNode settings) {
        return context(settings, http);
    }

    private CollectContext context(JsonNode settings, PoliteHttp via) {
        JsonNode checked = collector.checkSettings(null, settings, new SsrfGuard(true));
        CollectSource source = new CollectSource(7, PageCollector.KIND, "Screen Workers Guild news", null, checked,
                List.of(), Duration.ofMinutes(30), true, CollectSource.NEW, null, null, null, null, null, null);
        return new CollectContext(source, Map.of(), via.session(), cursors, sink, CollectTesting.clock());
    }

    private void newsroom() {
        site.on("/robots.txt", text(ROBOTS))
                .on("/news/", html(LIST, StandardCharsets.UTF_8, "text/html; charset=UTF-8",
                        Map.of("ETag", "\"list-1\"", "Last-Modified", "Wed, 25 Sep 2024 11:00:00 GMT")))
                .on("/news/ai-deal-response/", html(AI_DEAL))
                .on("/news/strike-fund", html(STRIKE_FUND))
                .on("/news/cannes", html(CANNES));
    }

    private NewPost post(String path) {
        String url = site.uri(path).toString();
        return sink.posts.stream().filter(p -> p.externalId().equals(url)).findFirst().orElseThrow();
    }

    @Test
    void shouldStoreEachArticleOfTheListPageWithItsParagraphs() {
        newsroom();
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(sink.posts).hasSize(3);
        NewPost deal = post("/news/ai-deal-response/");
        assertThat(deal.source()).isEqualTo("page");
        assertThat(deal.sourceName()).isEqualTo("Screen Workers Guild news");
        assertThat(deal.url()).as("the canonical URL on the same host").isEqualTo(deal.externalId());
        assertThat(deal.text()).isEqualTo("""
                Guild responds to AI deal

                The guild’s board met on Tuesday & said the studio’s deal with Runway “needs consent, credit and \
                compensation”. 🎬

                Members can read the full statement.

                Consent

                Compensation""");
        assertThat(deal.text()).doesNotContain("tracking", "Share", "Tags", "Related", "Home");
        assertThat(deal.publishedAt()).isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(deal.lang()).isEqualTo("en-GB");
        assertThat(deal.author().handle()).isEqualTo("Screen Workers Guild");

        NewPost fund = post("/news/strike-fund");
        assertThat(fund.url()).as("a canonical link to another host is not believed")
                .isEqualTo(site.uri("/news/strike-fund").toString());
        assertThat(fund.text()).isEqualTo("Забастовочный фонд открыт\n\nПрофсоюз открыл фонд для участников "
                + "забастовки.\n\n日本語のテキストも保存されます。");
        assertThat(fund.publishedAt()).isEqualTo(Instant.parse("2024-09-19T09:15:00Z"));
        assertThat(fund.lang()).isEqualTo("ru");

        NewPost cannes = post("/news/cannes");
        assertThat(cannes.publishedAt()).as("no date on the page: the time it was collected")
                .isEqualTo(CollectTesting.clock().instant());

        assertThat(site.count("/news/members-only/ballot")).as("robots.txt disallows it").isZero();
        assertThat(c.skipped()).isEqualTo(1);
        assertThat(c.warnings()).isEmpty();
        assertThat(site.count("/robots.txt")).isEqualTo(1);
        assertThat(site.count("/news/")).as("a '#' link is not an article").isEqualTo(1);
        assertThat(site.last("/news/").getFirst("User-Agent")).startsWith("ReelPulse/");
        assertThat(cursors.values).containsEntry(PageCollector.ETAG, "\"list-1\"")
                .containsEntry(PageCollector.LAST_MODIFIED, "Wed, 25 Sep 2024 11:00:00 GMT")
                .containsKey(PageCollector.SEEN);
    }

    @Test
    void shouldNotFetchStoredArticlesAgainAfterARestart() {
        newsroom();
        collector.collect(context(settings()));
        assertThat(sink.posts).hasSize(3);

        // the list changed (a new ETag) and has one new article; a new collector, as after a restart
        String longer = LIST.replace("<main>", "<main><article><h2><a href=\"/news/new-one\">New</a></h2></article>");
        site.on("/news/", html(longer, StandardCharsets.UTF_8, "text/html", Map.of("ETag", "\"list-2\"")))
                .on("/news/new-one", html("<html><body><article><h1>New one</h1><p>Fresh.</p></article></body></html>"));
        PageCollector restarted = new PageCollector(robots);
        JsonNode checked = restarted.checkSettings(null, settings(), new SsrfGuard(true));
        CollectContext c = new CollectContext(new CollectSource(7, PageCollector.KIND, "Screen Workers Guild news", null,
                checked, List.of(), Duration.ofMinutes(30), true, CollectSource.HEALTHY, null, null, null, null, null,
                null), Map.of(), http.session(), cursors, sink, CollectTesting.clock());

        restarted.collect(c);

        assertThat(site.last("/news/").getFirst("If-None-Match")).isEqualTo("\"list-1\"");
        assertThat(site.count("/news/new-one")).isEqualTo(1);
        assertThat(site.count("/news/ai-deal-response/")).as("stored before: not fetched again").isEqualTo(1);
        assertThat(site.count("/news/strike-fund")).isEqualTo(1);
        assertThat(site.count("/news/cannes")).isEqualTo(1);
        assertThat(site.count("/robots.txt")).as("robots.txt kept for its expiry").isEqualTo(1);
        assertThat(sink.posts).hasSize(4);
        assertThat(c.seen()).isEqualTo(1 + 1); // the new article and the disallowed one
        assertThat(cursors.values).containsEntry(PageCollector.ETAG, "\"list-2\"");
    }

    @Test
    void shouldFetchNothingMoreWhenTheListAnswers304() {
        newsroom();
        cursors.put(PageCollector.ETAG, "\"list-1\"");
        site.on("/news/", LoopbackServer.status(304, Map.of("ETag", "\"list-1\"")));
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(site.last("/news/").getFirst("If-None-Match")).isEqualTo("\"list-1\"");
        assertThat(sink.posts).isEmpty();
        assertThat(site.requests).extracting(PageTestSite.Seen::path).containsExactly("/robots.txt", "/news/");
    }

    @Test
    void shouldSpaceRequestsByTheCrawlDelay() {
        newsroom();
        site.on("/robots.txt", text("User-agent: reelpulse\nCrawl-delay: 7\nDisallow: /news/members-only/\n"));

        collector.collect(context(settings()));

        assertThat(sink.posts).hasSize(3);
        // robots.txt, then the list and three articles, each 7 s after the one before
        assertThat(site.requests).hasSize(5);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7),
                Duration.ofSeconds(7));
    }

    @Test
    void shouldFollowOnlyTheGroupOfOurProductToken() {
        newsroom();
        site.on("/robots.txt", text("User-agent: *\nAllow: /\n\nUser-agent: ReelPulse\nDisallow: /news/cannes\n"));

        CollectContext c = context(settings());
        collector.collect(c);

        assertThat(site.count("/news/cannes")).isZero();
        assertThat(site.count("/news/members-only/ballot")).as("our group allows it").isEqualTo(1);
        assertThat(c.skipped()).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheWholeSiteWhenRobotsTxtDisallowsIt() {
        newsroom();
        site.on("/robots.txt", text("User-agent: *\nDisallow: /\n"));

        assertThatThrownBy(() -> collector.collect(context(settings())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("robots.txt disallows it");
        assertThat(site.requests).extracting(PageTestSite.Seen::path).containsExactly("/robots.txt");
    }

    @Test
    void shouldCrawlEverythingWhenRobotsTxtIsMissing() {
        newsroom();
        site.on("/robots.txt", LoopbackServer.status(404, Map.of()))
                .on("/news/members-only/ballot", html("<article><h1>Ballot</h1><p>Vote by Friday.</p></article>"));
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(sink.posts).hasSize(4);
        assertThat(c.warnings()).isEmpty();
        assertThat(site.count("/news/members-only/ballot")).isEqualTo(1);
    }

    @Test
    void shouldFetchNothingWhileRobotsTxtIsUnreachable() {
        newsroom();
        site.on("/robots.txt", LoopbackServer.status(503, Map.of("Retry-After", "1")));

        assertThatThrownBy(() -> collector.collect(context(settings())))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("robots.txt answered 503");
        assertThat(site.requests).extracting(PageTestSite.Seen::path).containsOnly("/robots.txt");
        assertThat(sink.posts).isEmpty();

        // unreachable is not kept: the next run asks again, and goes on once it answers
        site.on("/robots.txt", text(ROBOTS));
        collector.collect(context(settings()));
        assertThat(sink.posts).hasSize(3);
    }

    @Test
    void shouldWarnAboutABrokenArticleAndStoreTheOthers() {
        newsroom();
        site.on("/news/strike-fund", LoopbackServer.status(500, Map.of()))
                .on("/news/cannes", LoopbackServer.status(410, Map.of()));
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::externalId)
                .containsExactly(site.uri("/news/ai-deal-response/").toString());
        assertThat(c.warnings()).hasSize(2);
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains(site.uri("/news/strike-fund").toString())
                .contains("answered 500").contains("next run tries again"));
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains(site.uri("/news/cannes").toString())
                .contains("answered 410"));
        assertThat(cursors.values).as("the list is asked again in full next time")
                .doesNotContainKey(PageCollector.ETAG);

        // next run: the 500 one is tried again, the gone one is not
        site.on("/news/strike-fund", html(STRIKE_FUND));
        long goneAsked = site.count("/news/cannes");
        CollectContext next = context(settings());
        collector.collect(next);
        assertThat(sink.posts).hasSize(2);
        assertThat(site.count("/news/cannes")).isEqualTo(goneAsked);
        assertThat(next.warnings()).isEmpty();
    }

    @Test
    void shouldLeaveOutPagesThatAskNotToBeIndexed() {
        newsroom();
        site.on("/news/strike-fund", html(STRIKE_FUND.replace("<title>", "<meta name=\"robots\" content=\"NoIndex, follow\"><title>")))
                .on("/news/cannes", html(CANNES, StandardCharsets.UTF_8, "text/html",
                        Map.of("X-Robots-Tag", "otherbot: noindex")));
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::url).containsExactlyInAnyOrder(
                site.uri("/news/ai-deal-response/").toString(), site.uri("/news/cannes").toString());
        assertThat(c.skipped()).as("the noindex page and the one robots.txt disallows").isEqualTo(2);
        assertThat(c.warnings()).isEmpty();

        site.on("/news/", html(LIST, StandardCharsets.UTF_8, "text/html", Map.of("ETag", "\"list-2\"")));
        collector.collect(context(settings()));
        assertThat(site.count("/news/strike-fund")).as("not asked for again").isEqualTo(1);
    }

    @Test
    void shouldWarnWhenTheBodySelectorFindsNothing() {
        newsroom();
        ObjectNode s = settings();
        ((ObjectNode) s.get("selectors")).put("body", ".entry-content");
        CollectContext c = context(s);

        collector.collect(c);

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly(site.uri("/news/cannes").toString());
        assertThat(c.warnings()).hasSize(2).allSatisfy(w -> assertThat(w)
                .contains("selectors.body '.entry-content' matches nothing"));
    }

    @Test
    void shouldReadTheSitesOwnDateFormat() {
        newsroom();
        ObjectNode s = settings();
        ((ObjectNode) s.get("selectors")).put("date", ".date").put("body", ".entry-content, article, main");
        s.put("dateFormat", "d MMMM yyyy");

        collector.collect(context(s));

        assertThat(post("/news/cannes").publishedAt()).isEqualTo(Instant.parse("2024-09-18T00:00:00Z"));
        assertThat(post("/news/cannes").text()).isEqualTo("Cannes statement\n\nCafé société at Cannes.");
    }

    @Test
    void shouldTakeTheEncodingFromTheHttpCharsetThenTheMetaCharset() {
        newsroom();
        Charset cp1251 = Charset.forName("windows-1251");
        String metaOnly = STRIKE_FUND.replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1251\">");
        String latin = CANNES.replace("<head>", "<head><meta charset=\"utf-8\">"); // wrong: the header wins
        site.on("/news/strike-fund", html(metaOnly.replace("日本語のテキストも保存されます。", "Всё."), cp1251, "text/html",
                Map.of()))
                .on("/news/cannes", html(latin, StandardCharsets.ISO_8859_1, "text/html; charset=ISO-8859-1", Map.of()));

        collector.collect(context(settings()));

        assertThat(post("/news/strike-fund").text()).contains("Профсоюз открыл фонд").endsWith("Всё.");
        assertThat(post("/news/cannes").text()).endsWith("Café société at Cannes.");
    }

    @Test
    void shouldFollowNextLinksWhileTheyBringNewArticles() {
        site.on("/robots.txt", LoopbackServer.status(404, Map.of()))
                .on("/news/", html("<main><article><h2><a href='/a1'>1</a></h2></article>"
                        + "<a rel='next' href='/news/page/2/'>Older</a></main>"))
                .on("/news/page/2/", html("<main><article><h2><a href='/a2'>2</a></h2></article>"
                        + "<a rel='next' href='/news/page/3/'>Older</a></main>"))
                .on("/news/page/3/", html("<main><article><h2><a href='/a3'>3</a></h2></article>"
                        + "<a rel='next' href='/news/page/4/'>Older</a></main>"));
        for (String a : List.of("/a1", "/a2", "/a3")) {
            site.on(a, html("<article><h1>Article " + a + "</h1><p>Text of " + a + ".</p></article>"));
        }
        ObjectNode s = settings();
        ((ObjectNode) s.get("selectors")).put("next", "a[rel=next]");
        s.put("maxPages", 2);

        collector.collect(context(s));

        assertThat(sink.posts).extracting(NewPost::text).containsExactly("Article /a1\n\nText of /a1.",
                "Article /a2\n\nText of /a2.");
        assertThat(site.count("/news/page/3/")).as("maxPages").isZero();

        // next run: page 1 brings nothing new, so page 2 is not asked for
        site.on("/news/", html("<main><article><h2><a href='/a1'>1</a></h2></article>"
                + "<a rel='next' href='/news/page/2/'>Older</a></main>"));
        collector.collect(context(s));
        assertThat(site.count("/news/page/2/")).isEqualTo(1);
    }

    @Test
    void shouldWarnWhenTheItemSelectorMatchesNothing() {
        site.on("/robots.txt", LoopbackServer.status(404, Map.of()))
                .on("/news/", html("<html><body><p>We moved our news.</p></body></html>"));
        CollectContext c = context(settings());

        collector.collect(c);

        assertThat(sink.posts).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("settings.selectors.item 'main article h2 a'");
    }

    static final String SITEMAP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>%1$s/press/2024/old</loc><lastmod>2024-09-01</lastmod></url>
              <url><loc>%1$s/press/2024/middle</loc><lastmod>2024-09-10T08:00:00+00:00</lastmod></url>
              <url><loc>%1$s/press/2024/newest</loc><lastmod>2024-09-20T08:00:00Z</lastmod></url>
            </urlset>
            """;

    private void pressRoom() {
        site.on("/robots.txt", text("User-agent: *\nDisallow:\n\nSitemap: " + site.base() + "/sitemap.xml\n"));
        for (String a : List.of("old", "middle", "newest", "latest")) {
            site.on("/press/2024/" + a, html("<html lang='de'><body><article><h1>Pressemitteilung " + a
                    + "</h1><p>Gewerkschaft &amp; Sender einigen sich über Tarif.</p></article></body></html>"));
        }
    }

    private ObjectNode sitemapSettings(String path, int maxArticles) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("sitemap", site.uri(path).toString());
        s.put("maxArticles", maxArticles);
        return s;
    }

    @Test
    void shouldTakeTheNewestSitemapEntriesFirstAndThenOnlyNewerOnes() {
        pressRoom();
        site.on("/sitemap.xml", xml(SITEMAP.formatted(site.base())));

        collector.collect(context(sitemapSettings("/sitemap.xml", 2)));

        assertThat(sink.posts).extracting(NewPost::url).containsExactly(site.uri("/press/2024/middle").toString(),
                site.uri("/press/2024/newest").toString());
        assertThat(site.count("/press/2024/old")).as("a first run does not walk back").isZero();
        NewPost middle = sink.posts.get(0);
        assertThat(middle.publishedAt()).as("the sitemap's lastmod").isEqualTo(Instant.parse("2024-09-10T08:00:00Z"));
        assertThat(middle.text()).isEqualTo("Pressemitteilung middle\n\nGewerkschaft & Sender einigen sich über Tarif.");
        assertThat(middle.author().handle()).as("the site's host by default").isEqualTo("127.0.0.1");
        assertThat(cursors.values).containsEntry(PageCollector.SITEMAP_LASTMOD, "2024-09-20T08:00:00Z");

        site.on("/sitemap.xml", xml(SITEMAP.formatted(site.base()).replace("</urlset>",
                "<url><loc>" + site.base() + "/press/2024/latest</loc><lastmod>2024-09-24T08:00:00Z</lastmod></url></urlset>")));
        collector.collect(context(sitemapSettings("/sitemap.xml", 2)));

        assertThat(sink.posts).hasSize(3);
        assertThat(site.count("/press/2024/latest")).isEqualTo(1);
        assertThat(site.count("/press/2024/newest")).isEqualTo(1);
        assertThat(site.count("/press/2024/old")).isZero();
        assertThat(cursors.values).containsEntry(PageCollector.SITEMAP_LASTMOD, "2024-09-24T08:00:00Z");
    }

    @Test
    void shouldReadTheNewestSitemapsOfAnIndex() {
        pressRoom();
        site.on("/sitemap_index.xml", xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%1$s/press-sitemap.xml</loc><lastmod>2024-09-20T08:00:00Z</lastmod></sitemap>
                  <sitemap><loc>%1$s/page-sitemap.xml</loc><lastmod>2024-01-01T00:00:00Z</lastmod></sitemap>
                </sitemapindex>
                """.formatted(site.base())))
                .on("/press-sitemap.xml", xml(SITEMAP.formatted(site.base())))
                .on("/page-sitemap.xml", LoopbackServer.status(500, Map.of()));

        CollectContext c = context(sitemapSettings("/sitemap_index.xml", 10));
        collector.collect(c);

        assertThat(sink.posts).hasSize(3);
        assertThat(c.warnings()).singleElement().asString().contains("/page-sitemap.xml").contains("answered 500");

        // the next run skips child sitemaps older than the newest article read
        collector.collect(context(sitemapSettings("/sitemap_index.xml", 10)));
        assertThat(site.count("/page-sitemap.xml")).isEqualTo(3); // three attempts in the first run only
        assertThat(sink.posts).hasSize(3);
    }

    @Test
    void shouldFailWithTheUrlWhenTheOnlySitemapIsMalformed() {
        pressRoom();
        site.on("/sitemap.xml", xml("<urlset><url><loc>cut off"));

        assertThatThrownBy(() -> collector.collect(context(sitemapSettings("/sitemap.xml", 5))))
                .isInstanceOf(CollectException.class).hasMessageContaining(site.uri("/sitemap.xml").toString());
        assertThat(sink.posts).isEmpty();
    }

    @Test
    void shouldRefuseInternalAddressesWithTheGuard() {
        newsroom();
        PoliteHttp strict = new PoliteHttp(CollectTesting.properties(false, Duration.ofSeconds(5)), new SsrfGuard(false),
                CollectTesting.clock(), sleeper);

        assertThatThrownBy(() -> collector.collect(context(settings(), strict)))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("internal address");
        assertThat(site.requests).isEmpty();
        ObjectNode internal = JsonNodeFactory.instance.objectNode().put("url", "http://169.254.169.254/latest/");
        internal.putObject("selectors").put("item", "a");
        assertThatThrownBy(() -> collector.checkSettings(null, internal, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.url"))
                .hasMessageContaining("internal address");
    }

    @Test
    void shouldCheckTheSettingsNamingTheField() {
        SsrfGuard guard = new SsrfGuard(true);
        assertThatThrownBy(() -> collector.checkSettings(null, JsonNodeFactory.instance.objectNode(), guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.url"));
        ObjectNode noItem = JsonNodeFactory.instance.objectNode().put("url", "https://93.184.215.14/news/");
        assertThatThrownBy(() -> collector.checkSettings(null, noItem, guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.selectors.item"));
        ObjectNode badCss = noItem.deepCopy();
        badCss.putObject("selectors").put("item", "a[href");
        assertThatThrownBy(() -> collector.checkSettings(null, badCss, guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.selectors.item"));
        ObjectNode badDate = noItem.deepCopy();
        badDate.putObject("selectors").put("item", "a");
        badDate.put("dateFormat", "dd {{ yyyy");
        assertThatThrownBy(() -> collector.checkSettings(null, badDate, guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.dateFormat"));
        ObjectNode tooMany = noItem.deepCopy();
        tooMany.putObject("selectors").put("item", "a");
        tooMany.put("maxArticles", 5000);
        assertThatThrownBy(() -> collector.checkSettings(null, tooMany, guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.maxArticles"));
        ObjectNode unknown = noItem.deepCopy().put("hashtags", "x");
        assertThatThrownBy(() -> collector.checkSettings(null, unknown, guard))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.hashtags"));

        ObjectNode relative = JsonNodeFactory.instance.objectNode().put("url", "news/");
        relative.putObject("selectors").put("item", " h2 a ");
        JsonNode checked = collector.checkSettings("https://93.184.215.14/", relative, guard);
        assertThat(checked.get("url").asText()).isEqualTo("https://93.184.215.14/news/");
        assertThat(checked.get("selectors").get("item").asText()).isEqualTo("h2 a");
        assertThat(checked.get("maxArticles").asInt()).isEqualTo(PageCollector.DEFAULT_MAX_ARTICLES);
        assertThat(checked.get("maxPages").asInt()).isEqualTo(PageCollector.DEFAULT_MAX_PAGES);
        assertThat(checked.get("author").asText()).isEqualTo("93.184.215.14");
    }

    @Test
    void shouldKeepTheNewestDigestsWithinTheCursorsWidth() {
        PageSeen seen = new PageSeen(null);
        for (int i = 0; i < PageSeen.MAX + 20; i++) {
            seen.add("https://union.example/news/" + i);
        }
        PageSeen read = new PageSeen(seen.cursor());

        assertThat(seen.cursor().length()).isLessThanOrEqualTo(4000);
        assertThat(read.contains("https://union.example/news/" + (PageSeen.MAX + 19))).isTrue();
        assertThat(read.contains("https://union.example/news/0")).as("the oldest fell out").isFalse();
    }
}
