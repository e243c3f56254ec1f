package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;
import static org.reelpulse.collect.LoopbackServer.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The feed adapter over real HTTP on loopback, with feeds in their real wire formats and headers. */
class FeedCollectorTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
              <title>Variety</title>
              <atom:link href="https://variety.com/feed/" rel="self" type="application/rss+xml" />
              <link>https://variety.com</link>
              <description>Entertainment News</description>
              <language>en-US</language>
              <item>
                <title>Lionsgate Strikes AI Deal With Runway &#8211; Variety</title>
                <link>https://variety.com/2024/film/news/lionsgate-runway-ai-deal-1236146222/?utm_source=rss&amp;utm_medium=feed</link>
                <dc:creator><![CDATA[Jennifer Maas]]></dc:creator>
                <pubDate>Wed, 18 Sep 2024 13:03:00 +0000</pubDate>
                <guid isPermaLink="false">https://variety.com/?p=1236146222</guid>
                <description><![CDATA[<p>Lionsgate &amp; Runway will build a <b>custom</b> model&nbsp;on the studio&#8217;s library. 🎬</p>]]></description>
                <content:encoded><![CDATA[<p>Full article body</p>]]></content:encoded>
              </item>
              <item>
                <title>SAG-AFTRA responds</title>
                <link>https://variety.com/2024/biz/news/sag-aftra-responds/</link>
                <pubDate>Thu, 19 Sep 2024 09:15:00 EDT</pubDate>
                <guid isPermaLink="false">https://variety.com/?p=1236146999</guid>
                <description>The union &lt;em&gt;says&lt;/em&gt; it is watching &amp;quot;closely&amp;quot;.</description>
              </item>
              <item>
                <title>SAG-AFTRA responds (repeated by the feed)</title>
                <link>https://variety.com/2024/biz/news/sag-aftra-responds/</link>
                <pubDate>Thu, 19 Sep 2024 09:15:00 EDT</pubDate>
                <guid isPermaLink="false">https://variety.com/?p=1236146999</guid>
                <description>The same item again.</description>
              </item>
              <item>
                <title>No guid here</title>
                <link>https://variety.com/2024/tv/news/no-guid/?utm_campaign=x&amp;page=2</link>
                <pubDate>19 Sep 2024 10:00 GMT</pubDate>
                <description>Кинокомпания Lionsgate заключила сделку с Runway.</description>
              </item>
            </channel>
            </rss>
            """;

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
              <title type="text">Syndicat — communiqués</title>
              <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
              <updated>2024-09-20T10:00:00Z</updated>
              <entry>
                <title type="html">Accord &lt;i&gt;Lionsgate&lt;/i&gt; et Runway</title>
                <link rel="alternate" href="/communiques/accord-lionsgate"/>
                <link rel="enclosure" href="/media/statement.pdf"/>
                <id>tag:syndicat.example,2024:communique-42</id>
                <published>2024-09-20T08:30:00+02:00</published>
                <updated>2024-09-20T09:00:00+02:00</updated>
                <author><name>Service de presse</name><email>presse@syndicat.example</email></author>
                <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Nous demandons des <b>garanties</b>.</p></div></summary>
              </entry>
              <entry>
                <title>Deuxième communiqué</title>
                <id>42</id>
                <updated>2024-09-21T08:00:00Z</updated>
                <content type="text">Texte brut &amp; simple.</content>
              </entry>
            </feed>
            """;

    static final String EMPTY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Quiet newsroom</title><link>https://union.example/</link>
            <description>Nothing yet</description></channel></rss>
            """;

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final PoliteHttp http = new PoliteHttp(CollectTesting.properties(true, Duration.ofSeconds(5)),
            new SsrfGuard(true), CollectTesting.clock(), sleeper);
    private final FeedCollector collector = new FeedCollector(new RobotsTxt());
    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    @AfterEach
    void stop() {
        server.close();
    }

    private CollectContext context(String path) {
        return context(path, Map.of());
    }

    private CollectContext context(String path, Map<String, String> credentials) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.put("url", server.uri(path).toString());
        settings.put("fetchArticle", false);
        return new CollectContext(CollectTesting.source("Variety", settings), credentials, http.session(), cursors,
                sink, CollectTesting.clock());
    }

    private static Map<String, String> xml(String charset) {
        return Map.of("Content-Type", "application/rss+xml; charset=" + charset);
    }

    private NewPost post(String externalId) {
        return sink.posts.stream().filter(p -> p.externalId().equals(externalId)).findFirst().orElseThrow();
    }

    @Test
    void shouldStoreEveryItemOfAnRssFeedOnceWithCleanText() {
        server.then(body(200, Map.of("Content-Type", "application/rss+xml; charset=UTF-8", "ETag", "W/\"abc\"",
                "Last-Modified", "Wed, 25 Sep 2024 11:00:00 GMT"), RSS.getBytes(StandardCharsets.UTF_8)));
        CollectContext c = context("/feed/");

        collector.collect(c);

        assertThat(sink.posts).hasSize(3);
        assertThat(c.seen()).as("the repeated guid is dropped before storing").isEqualTo(3);
        NewPost deal = post("https://variety.com/?p=1236146222");
        assertThat(deal.source()).isEqualTo("feed");
        assertThat(deal.sourceName()).isEqualTo("Variety");
        assertThat(deal.text()).isEqualTo("Lionsgate Strikes AI Deal With Runway – Variety\n\n"
                + "Lionsgate & Runway will build a custom model on the studio’s library. 🎬");
        assertThat(deal.url()).as("utm_* removed")
                .isEqualTo("https://variety.com/2024/film/news/lionsgate-runway-ai-deal-1236146222/");
        assertThat(deal.author().handle()).isEqualTo("Jennifer Maas");
        assertThat(deal.publishedAt()).isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(deal.lang()).isEqualTo("en-US");

        NewPost union = post("https://variety.com/?p=1236146999");
        assertThat(union.text()).isEqualTo("SAG-AFTRA responds\n\nThe union says it is watching \"closely\".");
        assertThat(union.publishedAt()).isEqualTo(Instant.parse("2024-09-19T13:15:00Z"));
        assertThat(union.author().handle()).as("no author: the feed's title").isEqualTo("Variety");

        NewPost noGuid = post("https://variety.com/2024/tv/news/no-guid/?page=2");
        assertThat(noGuid.text()).endsWith("Кинокомпания Lionsgate заключила сделку с Runway.");
        assertThat(noGuid.publishedAt()).isEqualTo(Instant.parse("2024-09-19T10:00:00Z"));

        assertThat(cursors.values).containsEntry(FeedCollector.ETAG, "W/\"abc\"")
                .containsEntry(FeedCollector.LAST_MODIFIED, "Wed, 25 Sep 2024 11:00:00 GMT");
        assertThat(server.requests.get(0).headers().getFirst("Accept")).contains("application/rss+xml");
    }

    @Test
    void shouldAskConditionallyAndStoreNothingOn304() {
        cursors.put(FeedCollector.ETAG, "\"v1\"");
        cursors.put(FeedCollector.LAST_MODIFIED, "Wed, 25 Sep 2024 11:00:00 GMT");
        server.then(status(304, Map.of("ETag", "\"v1\"")));
        CollectContext c = context("/feed/");

        collector.collect(c);

        assertThat(server.requests.get(0).headers().getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(server.requests.get(0).headers().getFirst("If-Modified-Since"))
                .isEqualTo("Wed, 25 Sep 2024 11:00:00 GMT");
        assertThat(sink.posts).isEmpty();
        assertThat(c.seen()).isZero();
        assertThat(cursors.values).containsEntry(FeedCollector.ETAG, "\"v1\"");
    }

    @Test
    void shouldReadAtomWithRelativeLinksHtmlAndXhtmlText() {
        server.then(body(200, Map.of("Content-Type", "application/atom+xml"), ATOM.getBytes(StandardCharsets.UTF_8)));
        CollectContext c = context("/atom.xml");

        collector.collect(c);

        assertThat(sink.posts).hasSize(2);
        NewPost first = post("tag:syndicat.example,2024:communique-42");
        assertThat(first.text()).isEqualTo("Accord Lionsgate et Runway\n\nNous demandons des garanties.");
        assertThat(first.url()).isEqualTo(server.uri("/communiques/accord-lionsgate").toString());
        assertThat(first.author().handle()).isEqualTo("Service de presse");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2024-09-20T06:30:00Z"));
        assertThat(first.lang()).isEqualTo("fr");
        NewPost second = post("127.0.0.1#42");
        assertThat(second.text()).as("a bare id is scoped by the feed's host")
                .isEqualTo("Deuxième communiqué\n\nTexte brut & simple.");
        assertThat(second.author().handle()).isEqualTo("Syndicat — communiqués");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2024-09-21T08:00:00Z"));
    }

    @Test
    void shouldStoreNothingFromAnEmptyFeedAndStillBeHealthy() {
        server.then(body(200, xml("UTF-8"), EMPTY.getBytes(StandardCharsets.UTF_8)));
        CollectContext c = context("/feed/");

        collector.collect(c);

        assertThat(sink.posts).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void shouldReadAGzippedFeed() {
        server.then(body(200, Map.of("Content-Type", "application/rss+xml; charset=UTF-8", "Content-Encoding", "gzip"),
                LoopbackServer.gzip(RSS.getBytes(StandardCharsets.UTF_8))));

        collector.collect(context("/feed/"));

        assertThat(sink.posts).hasSize(3);
    }

    @Test
    void shouldTakeTheEncodingFromTheXmlDeclaration() {
        String latin = RSS.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("SAG-AFTRA responds</title>", "Café société à Cannes</title>")
                .replace("Кинокомпания Lionsgate заключила сделку с Runway.", "Grève &amp; sécurité")
                .replace(" 🎬", "");
        // the HTTP header says otherwise; the declaration wins
        server.then(body(200, xml("UTF-8"), latin.getBytes(StandardCharsets.ISO_8859_1)));

        collector.collect(context("/feed/"));

        assertThat(post("https://variety.com/?p=1236146999").text()).startsWith("Café société à Cannes");
        assertThat(post("https://variety.com/2024/tv/news/no-guid/?page=2").text()).endsWith("Grève & sécurité");
    }

    @Test
    void shouldTakeTheEncodingFromTheHttpCharsetWithoutADeclaration() {
        Charset cp1251 = Charset.forName("windows-1251");
        String cyrillic = RSS.substring(RSS.indexOf("<rss")).replace(" 🎬", "")
                .replace("SAG-AFTRA responds</title>", "Профсоюз ответил</title>");
        server.then(body(200, xml("windows-1251"), cyrillic.getBytes(cp1251)));

        collector.collect(context("/feed/"));

        assertThat(post("https://variety.com/?p=1236146999").text()).startsWith("Профсоюз ответил");
        assertThat(post("https://variety.com/2024/tv/news/no-guid/?page=2").text())
                .endsWith("Кинокомпания Lionsgate заключила сделку с Runway.");
    }

    @Test
    void shouldLeaveTheRunDegradedAndStoreNothingOnMalformedXml() {
        cursors.put(FeedCollector.ETAG, "\"v1\"");
        String broken = RSS.replace("</channel>", "<item><title>Cut off");
        server.then(body(200, Map.of("Content-Type", "application/rss+xml", "ETag", "\"v2\""),
                broken.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> collector.collect(context("/feed/")))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.DEGRADED))
                .hasMessageContaining(server.uri("/feed/").toString())
                .hasMessageContaining("malformed XML at line");
        assertThat(sink.posts).isEmpty();
        assertThat(cursors.values).as("the next run asks again").containsEntry(FeedCollector.ETAG, "\"v1\"");
    }

    @Test
    void shouldReadHtmlNamedEntitiesThatXmlDoesNotKnow() {
        String html = RSS.replace("SAG-AFTRA responds</title>", "Caf&eacute; talk&nbsp;&mdash; &amp; more</title>");
        server.then(body(200, xml("UTF-8"), html.getBytes(StandardCharsets.UTF_8)));

        collector.collect(context("/feed/"));

        assertThat(post("https://variety.com/?p=1236146999").text()).startsWith("Café talk — & more\n\n");
    }

    @Test
    void shouldRefuseADocumentThatIsNoFeed() {
        server.then(body(200, Map.of("Content-Type", "text/html"), "<html><body>Moved</body></html>".getBytes()));

        assertThatThrownBy(() -> collector.collect(context("/feed/"))).isInstanceOf(CollectException.class)
                .hasMessageContaining("not an RSS or Atom feed");
    }

    @Test
    void shouldNeverLoadExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title><item><guid>g1</guid><title>&secret;</title></item></channel></rss>
                """;
        server.then(body(200, xml("UTF-8"), xxe.getBytes(StandardCharsets.UTF_8)));

        try {
            collector.collect(context("/feed/"));
        } catch (CollectException refused) {
            assertThat(refused.outcome()).isEqualTo(CollectException.Outcome.DEGRADED);
        }
        assertThat(sink.posts).allSatisfy(p -> assertThat(p.text()).doesNotContain("root:"));
    }

    @Test
    void shouldGetThroughA429WithRetryAfterAndA5xx() {
        server.then(status(429, Map.of("Retry-After", "2")), status(502, Map.of()),
                body(200, xml("UTF-8"), RSS.getBytes(StandardCharsets.UTF_8)));
        CollectContext c = context("/feed/");

        collector.collect(c);

        assertThat(sink.posts).hasSize(3);
        assertThat(c.http().requests()).isEqualTo(3);
        assertThat(sleeper.waits.get(0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldGetThroughATimeout() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(300)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        server.then(ex -> {
            try {
                stalled.await(5, java.util.concurrent.TimeUnit.SECONDS); // far past the 300 ms read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, body(200, xml("UTF-8"), RSS.getBytes(StandardCharsets.UTF_8)));
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("url", server.uri("/feed/").toString());
        CollectContext c = new CollectContext(CollectTesting.source("Variety", settings), Map.of(), impatient.session(),
                cursors, sink, CollectTesting.clock());

        collector.collect(c);
        stalled.countDown();

        assertThat(sink.posts).hasSize(3);
        assertThat(c.http().requests()).isEqualTo(2);
    }

    @Test
    void shouldNeedCredentialsOn401AndSendThemWhenGiven() {
        server.then(status(401, Map.of("WWW-Authenticate", "Basic realm=\"press\"")));
        assertThatThrownBy(() -> collector.collect(context("/private/")))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("needs credentials");

        server.then(body(200, xml("UTF-8"), EMPTY.getBytes(StandardCharsets.UTF_8)));
        collector.collect(context("/private/", Map.of("username", "press", "password", "pässword")));
        assertThat(server.requests.get(1).headers().getFirst("Authorization")).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString("press:pässword".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldFailWithTheUrlOn404() {
        server.then(status(404, Map.of()));

        assertThatThrownBy(() -> collector.collect(context("/gone/")))
                .isInstanceOfSatisfying(CollectException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("settings.url").hasMessageContaining("/gone/");
    }

    @Test
    void shouldReadDatesInTheFormsFeedsUse() {
        assertThat(FeedParser.date("Wed, 18 Sep 2024 13:03:00 +0000")).isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(FeedParser.date("Thu, 18 Sep 2024 13:03:00 GMT")).as("a wrong weekday is ignored")
                .isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(FeedParser.date("Wed, 18 Sep 2024 06:03 PDT")).isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(FeedParser.date("2024-09-18T15:03:00+02:00")).isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
        assertThat(FeedParser.date("2024-09-18T13:03:00.123Z")).isEqualTo(Instant.parse("2024-09-18T13:03:00.123Z"));
        assertThat(FeedParser.date("yesterday")).isNull();
    }

    @Test
    void shouldCheckTheSettingsNamingTheField() {
        SsrfGuard strict = new SsrfGuard(false);
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        assertThatThrownBy(() -> collector.checkSettings(null, none, strict))
                .isInstanceOfSatisfying(org.reelpulse.base.UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.url"));
        ObjectNode internal = JsonNodeFactory.instance.objectNode().put("url", "http://169.254.169.254/feed");
        assertThatThrownBy(() -> collector.checkSettings(null, internal, strict))
                .hasMessageContaining("internal address");
        ObjectNode article = JsonNodeFactory.instance.objectNode().put("url", "https://93.184.215.14/feed/")
                .put("fetchArticle", "yes");
        assertThatThrownBy(() -> collector.checkSettings(null, article, strict))
                .isInstanceOfSatisfying(org.reelpulse.base.UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.fetchArticle"));
        assertThat(collector.checkSettings(null, article.put("fetchArticle", true), strict).get("fetchArticle")
                .asBoolean()).isTrue();
        assertThat(collector.checkSettings(null, article.without("fetchArticle"), strict).get("fetchArticle")
                .asBoolean()).isFalse();
        ObjectNode unknown = JsonNodeFactory.instance.objectNode().put("url", "https://93.184.215.14/feed/")
                .put("hashtags", "x");
        assertThatThrownBy(() -> collector.checkSettings(null, unknown, strict))
                .isInstanceOfSatisfying(org.reelpulse.base.UserInputException.class,
                        e -> assertThat(e.details()).containsEntry("field", "settings.hashtags"));
        ObjectNode relative = JsonNodeFactory.instance.objectNode().put("url", "feed/");
        assertThat(collector.checkSettings("https://93.184.215.14/news/", relative, strict).get("url").asText())
                .isEqualTo("https://93.184.215.14/news/feed/");
    }

    /** A feed of teasers whose items link to articles on the same loopback site. */
    private static String teaserFeed(String base) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Guild newsroom</title><link>%1$s/</link><description>News</description>
                <item><title>Guild responds to AI deal</title><link>%1$s/news/ai-deal/?utm_source=rss</link>
                  <guid isPermaLink="false">%1$s/?p=101</guid><pubDate>Wed, 18 Sep 2024 13:03:00 +0000</pubDate>
                  <description><![CDATA[<p>The board met on Tuesday and said the deal [&hellip;]</p>]]></description></item>
                <item><title>Full statement in the feed</title><link>%1$s/news/full</link>
                  <guid isPermaLink="false">%1$s/?p=102</guid>
                  <description>%2$s</description></item>
                <item><title>Members only</title><link>%1$s/members/ballot</link>
                  <guid isPermaLink="false">%1$s/?p=103</guid><description>Vote now…</description></item>
                </channel></rss>
                """.formatted(base, "The guild's full statement, long enough to be the text itself. ".repeat(10));
    }

    static final String ARTICLE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Guild responds | Guild</title></head>
            <body><nav>Home · News</nav><article><h1>Guild responds to AI deal</h1>
            <p>The board met on Tuesday and said the deal &ldquo;needs consent&rdquo;.</p>
            <p>Профсоюз требует гарантий. 🎬</p></article><footer>© Guild</footer></body></html>
            """;

    private CollectContext articleContext(PageTestSite site, PoliteHttp via) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("url", site.uri("/feed/").toString())
                .put("fetchArticle", true);
        return new CollectContext(CollectTesting.source("Guild", collector.checkSettings(null, settings,
                new SsrfGuard(true))), Map.of(), via.session(), cursors, sink, CollectTesting.clock());
    }

    @Test
    void shouldStoreTheLinkedArticleInPlaceOfATeaser() {
        try (PageTestSite site = new PageTestSite()) {
            site.on("/robots.txt", PageTestSite.text("User-agent: *\nDisallow: /members/\n"))
                    .on("/feed/", PageTestSite.html(teaserFeed(site.base()), StandardCharsets.UTF_8,
                            "application/rss+xml; charset=UTF-8", Map.of("ETag", "\"f1\"")))
                    .on("/news/ai-deal/", PageTestSite.html(ARTICLE));
            CollectContext c = articleContext(site, http);

            collector.collect(c);

            assertThat(sink.posts).hasSize(3);
            NewPost deal = post(site.base() + "/?p=101");
            assertThat(deal.text()).isEqualTo("Guild responds to AI deal\n\nThe board met on Tuesday and said the deal "
                    + "“needs consent”.\n\nПрофсоюз требует гарантий. 🎬");
            assertThat(deal.url()).isEqualTo(site.base() + "/news/ai-deal/");
            assertThat(deal.publishedAt()).as("the feed's date").isEqualTo(Instant.parse("2024-09-18T13:03:00Z"));
            assertThat(site.count("/news/full")).as("a full description is not a teaser").isZero();
            assertThat(post(site.base() + "/?p=102").text()).startsWith("Full statement in the feed\n\nThe guild's");
            assertThat(site.count("/members/ballot")).as("robots.txt disallows it").isZero();
            assertThat(post(site.base() + "/?p=103").text()).isEqualTo("Members only\n\nVote now…");
            assertThat(c.warnings()).isEmpty();
            assertThat(cursors.values).containsEntry(FeedCollector.ETAG, "\"f1\"")
                    .containsKey(FeedCollector.ARTICLE_SEEN);
        }
    }

    @Test
    void shouldNotFetchAnArticleAgainNorStoreItsTeaserOverIt() {
        try (PageTestSite site = new PageTestSite()) {
            site.on("/robots.txt", PageTestSite.text("User-agent: *\nDisallow: /members/\n"))
                    .on("/feed/", PageTestSite.html(teaserFeed(site.base()), StandardCharsets.UTF_8,
                            "application/rss+xml", Map.of("ETag", "\"f1\"")))
                    .on("/news/ai-deal/", PageTestSite.html(ARTICLE));
            collector.collect(articleContext(site, http));

            site.on("/feed/", PageTestSite.html(teaserFeed(site.base()), StandardCharsets.UTF_8, "application/rss+xml",
                    Map.of("ETag", "\"f2\"")));
            CollectContext again = articleContext(site, http);
            collector.collect(again);

            assertThat(site.last("/feed/").getFirst("If-None-Match")).isEqualTo("\"f1\"");
            assertThat(site.count("/news/ai-deal/")).isEqualTo(1);
            assertThat(again.seen()).as("the items with a stored article are not handed over again").isEqualTo(1);
            assertThat(post(site.base() + "/?p=101").text()).contains("needs consent");
        }
    }

    @Test
    void shouldKeepTheTeaserAndWarnWhenTheArticleIsBroken() {
        try (PageTestSite site = new PageTestSite()) {
            site.on("/robots.txt", LoopbackServer.status(404, Map.of()))
                    .on("/feed/", PageTestSite.html(teaserFeed(site.base()), StandardCharsets.UTF_8,
                            "application/rss+xml", Map.of("ETag", "\"f1\"")))
                    .on("/news/ai-deal/", LoopbackServer.status(502, Map.of()))
                    .on("/members/ballot", PageTestSite.html("<article><h1>Ballot</h1><p>Vote by Friday.</p></article>"));
            CollectContext c = articleContext(site, http);

            collector.collect(c);

            assertThat(post(site.base() + "/?p=101").text()).isEqualTo("Guild responds to AI deal\n\n"
                    + "The board met on Tuesday and said the deal […]");
            assertThat(post(site.base() + "/?p=103").text()).isEqualTo("Members only\n\nVote by Friday.");
            assertThat(c.warnings()).singleElement().asString().contains(site.base() + "/news/ai-deal/")
                    .contains("answered 502");
            assertThat(cursors.values).as("the feed is read in full again next time").doesNotContainKey(FeedCollector.ETAG);
        }
    }

    @Test
    void shouldTellATeaserFromAFullDescription() {
        assertThat(FeedCollector.teaser(null)).isTrue();
        assertThat(FeedCollector.teaser("Short.")).isTrue();
        assertThat(FeedCollector.teaser("Long text. ".repeat(60) + "Read more")).isTrue();
        assertThat(FeedCollector.teaser("Long text. ".repeat(60) + "[...]")).isTrue();
        assertThat(FeedCollector.teaser("Long text. ".repeat(60))).isFalse();
    }
}
