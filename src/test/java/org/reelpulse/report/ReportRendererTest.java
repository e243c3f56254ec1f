package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void shouldWriteMailHtmlWithoutScriptsOrExternalResources() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.week()));
        Document doc = Jsoup.parse(r.html());

        assertThat(doc.select("script, style, link, iframe, object, embed, form")).isEmpty();
        assertThat(doc.select("[class]")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWithIgnoringCase("on");
                assertThat(a.getValue().toLowerCase(Locale.ROOT)).doesNotContain("javascript:");
            }
        }
        for (Element a : doc.select("a")) {
            assertThat(a.attr("href")).matches("https?://.+");
        }
        Set<String> cids = doc.select("img").stream().map(i -> i.attr("src")).collect(Collectors.toSet());
        assertThat(cids).allMatch(src -> src.startsWith("cid:"));
        Set<String> images = r.images().stream().map(i -> "cid:" + i.contentId()).collect(Collectors.toSet());
        assertThat(cids).isEqualTo(images).hasSize(2);
        assertThat(doc.select("img")).allMatch(i -> !i.attr("alt").isBlank());
        assertThat(r.images()).allMatch(i -> i.png().length > 1000 && i.png()[1] == 'P' && i.png()[2] == 'N');
    }

    @Test
    void shouldShowHostilePostTextOnlyAsText() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, false, ReportFixture.week()));
        Document doc = Jsoup.parse(r.html());

        // the markup of the post is in the HTML only escaped
        assertThat(r.html().toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img src=x")
                .doesNotContain("<a href=\"javascript").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("img")).allMatch(i -> i.attr("src").startsWith("cid:"));
        assertThat(doc.select("a")).noneMatch(a -> a.text().equals("click"));
        assertThat(doc.body().text()).contains(ReportFixture.SCRIPT, ReportFixture.IMG, ReportFixture.LINK);
        // the hostile post's javascript: link is dropped: it links to ReelPulse's own view instead
        assertThat(doc.select("a[href=\"" + ReportFixture.PREFIX + "2\"]")).hasSize(1);
        assertThat(r.text()).contains(ReportFixture.SCRIPT, ReportFixture.LINK).doesNotContain("javascript:alert(3)");
    }

    @Test
    void shouldCarryTheFiguresStatementAndTopPostsInTheTextPart() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, false, ReportFixture.week()));

        assertThat(r.subject()).isEqualTo("ReelPulse weekly: Lionsgate × Runway, 2024-W38 \u2014 412 posts, net \u22120.31");
        assertThat(r.text()).contains("* Posts: 412 (Last week 305; Change +107 (+35%))",
                "* Net sentiment: \u22120.31 (Last week \u22120.12; Change \u22120.19)",
                "* Union and guild statements: 3 (few posts)",
                "Posts rose 35% to 412, from 305 last week.",
                "\u201c" + ReportFixture.KEY_SENTENCE + "\u201d",
                "Reaction in the 48 hours after, from everyone else: 140 posts, net \u22120.60.",
                "https://bsky.app/profile/sagaftra/post/1", "https://x.example/jane_doe_vfx/status/3",
                "Top terms: training data, custom model", ReportFixture.DASHBOARD_URL,
                "* Sep 18, 2024, 12:00 AM to Sep 19, 2024, 12:00 AM: 180 posts. Its busiest day had 180 posts, where "
                        + "about 11 were usual.",
                "3 statements this week; the latest is shown.", "Sources: bluesky 73%, mastodon 24%, rss 3%",
                "Languages: en 92%, fr 8%");
        assertThat(r.pdfFileName()).isEqualTo("reelpulse-lionsgate-runway-2024-W38.pdf");
        Document doc = Jsoup.parse(r.html());
        assertThat(doc.select("a[href=\"" + ReportFixture.DASHBOARD_URL + "\"]")).isNotEmpty();
        assertThat(doc.body().text()).contains("Job displacement", "VFX artists", "Who is speaking",
                "Spikes and why they happened", "Groups that spoke up more: Working creative or crew +13 pts");
    }

    @Test
    void shouldHidePrivateAuthorsEverywhereAndKeepPublicAccounts() throws Exception {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.week()));
        String html = Jsoup.parse(r.html()).text() + " " + r.html();
        String pdf = pdfText(r.pdf());

        for (String hidden : ReportFixture.PRIVATE) {
            assertThat(html).as("HTML").doesNotContainIgnoringCase(hidden);
            assertThat(r.text()).as("text").doesNotContainIgnoringCase(hidden);
            assertThat(pdf).as("PDF").doesNotContainIgnoringCase(hidden);
        }
        for (String shown : List.of("SAG-AFTRA", "Variety")) {
            assertThat(html).contains(shown);
            assertThat(r.text()).contains(shown);
            assertThat(pdf).contains(shown);
        }
        // one creative, seen in the spike, the top posts, the top authors and a mention: always the same name
        assertThat(r.text()).contains("Creative 1").doesNotContain("Creative 2");
        assertThat(r.text().split("Creative 1", -1).length - 1).isGreaterThanOrEqualTo(5);
        assertThat(r.text()).contains("Interview with Creative 1 about", "Hashtags and mentions: #NoAI, Creative 1",
                "* Member of the public 1 (General public): 6 posts", "* Member of the public 2 (Not placed): 2 posts");
        assertThat(pdf).contains("Creative 1", "Member of the public 2");
        // their posts link to ReelPulse's view; public accounts keep their original links
        Document doc = Jsoup.parse(r.html());
        assertThat(doc.select("a[href=\"" + ReportFixture.PREFIX + "3\"]")).hasSize(2);
        assertThat(doc.select("a[href=\"https://bsky.app/profile/sagaftra/post/1\"]")).hasSize(1);
        assertThat(r.html()).doesNotContain("x.example");
    }

    @Test
    void shouldNameEveryoneWhenNotPseudonymising() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, false, ReportFixture.week()));
        assertThat(r.text()).contains("Hostile Harry (angryfan42)", "Jane Doe (jane_doe_vfx)", "mystery_user",
                "Interview with @jane_doe_vfx").doesNotContain("Creative 1");
    }

    @Test
    void shouldWriteAFrenchReportInFrench() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.FRENCH, true, ReportFixture.week()));
        Document doc = Jsoup.parse(r.html());
        String headings = doc.select("h1, h2, h3").text();
        String text = doc.body().text().replace('\u202f', ' ').replace('\u00a0', ' ');

        assertThat(doc.select("html").attr("lang")).isEqualTo("fr");
        assertThat(headings).contains("Chiffres clés", "Ce qui a changé depuis la semaine dernière", "Réactions",
                "Pics d'activité et leurs causes", "Qui s'exprime", "Principales préoccupations sociales",
                "Déclarations des syndicats et guildes", "Publications les plus suivies").doesNotContain("Headline");
        assertThat(text).contains("Semaine 2024-W38, du 16 sept. 2024 au 22 sept. 2024", "\u22120,31", "+107 (+35 %)",
                "Suppression d'emplois", "contre l'accord", "Membre du public 1", "Créatif 1", "42 %");
        assertThat(r.subject()).startsWith("ReelPulse hebdo : Lionsgate × Runway, 2024-W38").endsWith("\u22120,31");
        assertThat(r.text().replace('\u00a0', ' ')).contains("Chiffres clés", "* Publications : 412 (");
    }

    @Test
    void shouldShowTimesInTheSubscriptionsZone() {
        RenderedReport utc = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.week()));
        RenderedReport paris = renderer.render(ReportFixture.content(ReportFixture.PARIS, Locale.ENGLISH, true,
                ReportFixture.week()));
        // the statement was posted at 15:30 UTC
        assertThat(utc.text()).contains("* SAG-AFTRA (sagaftra) · Sep 19, 2024, 3:30 PM · bluesky")
                .contains("Day: Posts").doesNotContain("Day (UTC)");
        assertThat(paris.text()).contains("* SAG-AFTRA (sagaftra) · Sep 19, 2024, 5:30 PM · bluesky",
                "Times are in Europe/Paris", "Day (UTC): Posts");
        // seven days in both, the announcement on the Wednesday
        assertThat(paris.text()).contains("  Wed 18: 180 (110 / 40 / 25), \u22120.63  [Announcement]",
                "  Thu 19: 95 (50 / 30 / 15), \u22120.54  [Statement: SAG-AFTRA (sagaftra)]");
    }

    @Test
    void shouldFallBackToEnglishForOtherLanguages() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.GERMAN, true, ReportFixture.week()));
        assertThat(r.text()).contains("Headline figures", "Posts: 412");
    }

    @Test
    void shouldSayThereIsTooLittleDataAndDrawNoChart() throws Exception {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.thinWeek(7)));
        assertThat(r.images()).isEmpty();
        assertThat(Jsoup.parse(r.html()).select("img")).isEmpty();
        String sentence = "Too little data this week: 7 posts, fewer than the 20 needed for reliable figures.";
        assertThat(Jsoup.parse(r.html()).text()).contains(sentence).doesNotContain("What changed since last week");
        assertThat(r.text()).contains(sentence).doesNotContain("What changed since last week");
        assertThat(pdfText(r.pdf()).replaceAll("\\s+", " ")).contains("Too little data this week");

        RenderedReport none = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.thinWeek(0)));
        assertThat(none.images()).isEmpty();
        assertThat(none.text()).contains("No post this week for this event. No chart is drawn.");
    }

    @Test
    void shouldReplaceCidImagesForTheBrowserAndNothingElse() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.week()));
        String browser = r.htmlForBrowser();
        Document doc = Jsoup.parse(browser);
        assertThat(doc.select("img")).hasSize(2).allMatch(i -> i.attr("src").startsWith("data:image/png;base64,"));
        assertThat(browser).doesNotContain("cid:");
        assertThat(doc.text()).isEqualTo(Jsoup.parse(r.html()).text());
    }

    @Test
    void shouldKeepTheSubjectOnOneLine() {
        ReportContent c = ReportFixture.content(Locale.ENGLISH, true, ReportFixture.week());
        ReportContent evil = new ReportContent("Weekly\r\nBcc: someone@example.com", c.locale(), c.week(), c.zone(),
                c.from(), c.to(), c.generatedAt(), true, c.events());
        RenderedReport r = renderer.render(evil);
        assertThat(r.subject()).doesNotContain("\r").doesNotContain("\n").startsWith("ReelPulse weekly: Weekly Bcc:");
        assertThat(r.pdfFileName()).matches("[a-z0-9-]+-2024-W38\\.pdf");
    }

    @Test
    void shouldGiveEachEventItsOwnChartsAndNameTheBusiestInTheSubject() {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, true, ReportFixture.thinWeek(7),
                ReportFixture.week()));
        assertThat(r.subject()).isEqualTo("ReelPulse weekly: Lionsgate × Runway, 2024-W38 \u2014 2 events, busiest: "
                + "Lionsgate × Runway with 412 posts");
        // the thin week draws nothing; the second event's charts are numbered after it
        assertThat(r.images()).extracting(InlineImage::contentId).containsExactly("reaction-2@reelpulse",
                "groups-2@reelpulse");
        assertThat(Jsoup.parse(r.html()).select("img")).extracting(i -> i.attr("src"))
                .containsExactly("cid:reaction-2@reelpulse", "cid:groups-2@reelpulse");
        assertThat(r.text()).contains("Too little data this week: 7 posts", "Posts rose 35% to 412");
    }

    @Test
    void shouldRenderTheSameReportFromSeveralThreadsAtOnce() throws Exception {
        ReportContent c = ReportFixture.content(Locale.FRENCH, true, ReportFixture.week());
        String expected = renderer.render(c).html();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> renderer.render(c).html());
            var b = pool.submit(() -> renderer.render(c).html());
            assertThat(a.get()).isEqualTo(expected);
            assertThat(b.get()).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
