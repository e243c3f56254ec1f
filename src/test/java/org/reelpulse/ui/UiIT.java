package org.reelpulse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.reelpulse.post.PostRepository;
import org.reelpulse.search.PostIndexer;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application in headless Chromium, on the demo corpus, as each demo user. Screenshots of
 * every view go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiIT {

    static final String HOSTILE = "Lionsgate leak <img src=x onerror=alert(1)> hostilemarker";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("reelpulse.data-dir", () -> TestData.newDataDir("ui").toString());
        registry.add("reelpulse.demo.enabled", () -> "true");
        registry.add("reelpulse.search.poll-interval", () -> "PT0.2S");
        // the development-mode notice would cover part of the screenshots
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        // the sources test collects a feed served on loopback, by hand only
        registry.add("reelpulse.collect.allow-private-addresses", () -> "true");
        registry.add("reelpulse.collect.scheduling", () -> "false");
        registry.add("reelpulse.collect.sources.catalog.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    PostRepository posts;
    @Autowired
    PostIndexer indexer;
    @Autowired
    org.reelpulse.analyze.AnalysisRepository analyses;
    @Autowired
    org.reelpulse.collect.SourceService sources;

    @BeforeAll
    void demoLoadedAndHostilePostIndexed() {
        await().atMost(Duration.ofMinutes(2)).until(() -> posts.count() >= 500);
        http.withBasicAuth("analyst", "reelpulse-demo").postForEntity("/api/import", new HttpEntity<>(
                TestData.post("mastodon", "hostile-1", "en", "2024-09-19T12:00:00Z", 0, HOSTILE)), String.class);
        // every post scored and indexed, so the views show the demo as a user sees it after a few minutes
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            PostIndexer.IndexStatus s = indexer.status();
            return analyses.countAnalysed() == posts.count() && s.indexedSeq() >= s.storedSeq()
                    && s.documents() == posts.count();
        });
    }

    private Browser browser() throws IOException {
        return new Browser("http://localhost:" + port);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDrawTheDashboardChartFromTheDemoDataAndSwitchEvents() throws Exception {
        try (Browser b = browser()) {
            long start = System.nanoTime();
            b.login("viewer", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.awaitTrue("const c = document.getElementById('volume-chart');"
                    + "return !!(c && c.renderedOption && c.querySelector('canvas'));");
            long firstRenderMillis = (System.nanoTime() - start) / 1_000_000;
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ui-timings.txt"),
                    "login to first dashboard chart render: " + firstRenderMillis + " ms\n");
            b.screenshot("dashboard");

            @SuppressWarnings("unchecked")
            Map<String, Object> drawn = (Map<String, Object>) b.driver.executeScript(
                    "const o = document.getElementById('volume-chart').renderedOption;"
                            + "const canvas = document.querySelector('#volume-chart canvas');"
                            + "const bars = o.series.filter(s => s.type === 'bar');"
                            + "return {names: o.series.map(s => s.name),"
                            + " total: bars.reduce((t, s) => t + s.data.reduce((a, v) => a + v, 0), 0),"
                            + " days: o.xAxis[0].data.length, width: canvas.width, height: canvas.height};");
            assertThat((List<Object>) drawn.get("names")).containsExactly("Negative", "Neutral", "Positive", "Not scored",
                    "Net sentiment");
            long kpiPosts = Long.parseLong(b.driver.findElement(By.cssSelector("#kpi-posts .rp-kpi-value")).getText()
                    .replace(",", ""));
            assertThat(kpiPosts).isGreaterThan(400);
            assertThat(((Number) drawn.get("total")).longValue()).isEqualTo(kpiPosts);
            assertThat(((Number) drawn.get("days")).intValue()).isEqualTo(57);
            assertThat(((Number) drawn.get("width")).intValue()).isGreaterThan(300);
            assertThat(((Number) drawn.get("height")).intValue()).isGreaterThan(200);
            assertThat(b.driver.findElement(By.id("event-select")).getText()).contains("Lionsgate");

            b.open("/?event=blumhouse-meta");
            b.awaitTrue("const c = document.getElementById('volume-chart');"
                    + "return !!(c && c.renderedOption && c.renderedOption.xAxis[0].data[0] === '2024-10-01');");
            long blumhousePosts = Long.parseLong(b.driver.findElement(By.cssSelector("#kpi-posts .rp-kpi-value"))
                    .getText().replace(",", ""));
            assertThat(blumhousePosts).isBetween(100L, kpiPosts - 1);
            b.screenshot("dashboard-second-event");
        }
    }

    /** True once the chart with this id has drawn on its canvas. */
    private static String drawn(String id) {
        return "const c = document.getElementById('" + id + "');"
                + "return !!(c && c.renderedOption && c.querySelector('canvas'));";
    }

    @Test
    void shouldRenderEveryDashboardChartForAViewerWithoutAdminActions() throws Exception {
        try (Browser b = browser()) {
            b.login("viewer", "reelpulse-demo");
            for (String chart : List.of("volume-chart", "groups-chart", "groups-time-chart", "themes-chart",
                    "crafts-chart", "sources-card-chart", "languages-card-chart")) {
                b.awaitTrue(drawn(chart));
            }
            assertThat(b.driver.findElements(By.cssSelector("#kpi-cards .rp-kpi"))).hasSize(5);
            assertThat(b.driver.findElement(By.id("kpi-statements")).getText()).contains("vs previous period");
            assertThat(b.driver.findElements(By.cssSelector("#statements .rp-statement"))).isNotEmpty();
            assertThat(b.driver.findElement(By.id("statements")).getText()).contains("Public reaction in the next");
            assertThat(b.driver.findElements(By.cssSelector("#top-posts .rp-post-card"))).isNotEmpty();
            assertThat(b.driver.findElements(By.cssSelector("#dashboard-content a.rp-drill")))
                    .as("a viewer cannot search, so figures are not links").isEmpty();
            assertThat(b.driver.findElement(By.id("main-nav")).getText()).doesNotContain("Tracked events",
                    "Search", "Themes and crafts");
            b.screenshot("dashboard-overview");
            b.open("/events");
            b.awaitTrue("return !document.getElementById('events-grid') && document.body.innerText.length > 0;");
            assertThat(b.driver.findElements(By.id("event-new"))).isEmpty();
        }
    }

    @Test
    void shouldExplainASpikeAndDrillDownToThePostsBehindAFigure() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.open("/?event=lionsgate-runway");
            b.awaitTrue(drawn("volume-chart"));
            b.awaitTrue("return !!document.getElementById('spike-1');");
            @SuppressWarnings("unchecked")
            List<Object> pins = (List<Object>) b.driver.executeScript("const o = document.getElementById('volume-chart')"
                    + ".renderedOption; return o.series.filter(s => s.markPoint && s.markPoint.data)"
                    + ".flatMap(s => s.markPoint.data.map(d => d.name));");
            assertThat(pins).contains("Spike 1");
            // a click on the pin, as ECharts reports it
            b.driver.executeScript("document.getElementById('volume-chart').dispatchEvent(new CustomEvent("
                    + "'rp-chart-click', {detail: {component: 'markPoint', series: 'Not scored', index: 0,"
                    + " name: 'Spike 1'}}));");
            b.awaitTrue("const e = document.getElementById('spike-explanation');"
                    + "return !!e && e.innerText.includes('Why spike 1 happened');");
            String explanation = b.driver.findElement(By.id("spike-explanation")).getText();
            assertThat(explanation).contains("Words and phrases that set it apart", "Who moved", "The first posts");
            assertThat(b.driver.findElements(By.cssSelector("#spike-terms a.rp-drill"))).isNotEmpty();
            b.screenshot("dashboard-spike");

            String statements = ((String) b.driver.executeScript(
                    "return document.querySelector('#kpi-statements .rp-kpi-value').textContent;")).replace(",", "");
            assertThat(statements).matches("\\d+");
            b.click(By.id("kpi-statements"));
            b.awaitTrue("return location.pathname.endsWith('/search');");
            b.awaitTrue("return /^[\\d,]+ posts?/.test(document.getElementById('total').innerText);");
            assertThat(b.driver.findElement(By.cssSelector("#query input")).getAttribute("value"))
                    .contains("event:lionsgate-runway", "group:union-guild");
            assertThat(b.driver.findElement(By.id("total")).getText().replace(",", ""))
                    .startsWith(statements + " post");
            b.screenshot("dashboard-drill-down");
        }
    }

    @Test
    void shouldRestoreTheDashboardFromItsUrl() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.open("/?event=lionsgate-runway&from=2024-09-18&to=2024-09-24&group=union-guild&interval=day");
            b.awaitTrue(drawn("volume-chart"));
            b.awaitTrue("return document.getElementById('volume-chart').renderedOption.xAxis[0].data.length === 7;");
            assertThat(b.driver.findElement(By.id("dashboard-period")).getText())
                    .contains("18 Sep 2024 – 24 Sep 2024", "compared with 11 Sep 2024 – 17 Sep 2024", "daily buckets");
            assertThat(b.driver.findElement(By.id("period-preset")).getText()).contains("Announcement week");
            assertThat(b.driver.findElement(By.id("filter-group")).getText()).contains("nion");
            String first = (String) b.driver.executeScript(
                    "return document.getElementById('volume-chart').renderedOption.xAxis[0].data[0];");
            assertThat(first).isEqualTo("2024-09-18");
            b.screenshot("dashboard-from-url");
        }
    }

    @Test
    void shouldAlignTwoEventsOnTheirAnnouncementDay() throws Exception {
        try (Browser b = browser()) {
            b.login("viewer", "reelpulse-demo");
            b.open("/compare-events?event=lionsgate-runway&event=blumhouse-meta&from=-2&to=7");
            b.awaitTrue(drawn("compare-volume-chart"));
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) b.driver.executeScript(
                    "const o = document.getElementById('compare-volume-chart').renderedOption;"
                            + "return {days: o.xAxis[0].data, names: o.series.map(s => s.name),"
                            + " marker: o.series[0].markLine.data[0].xAxis};");
            assertThat((List<Object>) o.get("days")).hasSize(10).element(2).isEqualTo("day 0");
            assertThat((List<Object>) o.get("names")).containsExactly("Lionsgate × Runway",
                    "Blumhouse × Meta Movie Gen");
            assertThat(o.get("marker")).isEqualTo("day 0");
            b.awaitTrue(drawn("compare-net-chart"));
            assertThat(b.driver.findElement(By.id("compare-events-totals")).getText()).contains("18 Sep 2024",
                    "17 Oct 2024");
            b.screenshot("events-compared");
        }
    }

    @Test
    void shouldManageTrackedEventsWithErrorsOnTheirFields() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.open("/events");
            b.awaitTrue("const g = document.getElementById('events-grid');"
                    + "return !!g && g.innerText.includes('lionsgate-runway');");
            b.driver.findElement(By.id("event-new")).click();
            b.await(By.cssSelector("#event-form-name input")).sendKeys("Studio Z and Vidgen");
            b.driver.findElement(By.cssSelector("#event-form-slug input")).sendKeys("studio-z-vidgen");
            b.driver.findElement(By.cssSelector("#event-form-parties input")).sendKeys("Studio Z, Vidgen");
            b.driver.findElement(By.cssSelector("#event-form-from input")).sendKeys("9/1/2024\n");
            b.driver.findElement(By.cssSelector("#event-form-to input")).sendKeys("9/30/2024\n");
            b.driver.findElement(By.cssSelector("#event-form-colour input")).sendKeys("orange");
            b.driver.findElement(By.cssSelector("#event-form-query input")).sendKeys("\"studio z\" AND vidgen");
            b.driver.findElement(By.id("event-form-save")).click();
            b.awaitTrue("const e = document.getElementById('event-form-error');"
                    + "return !!e && e.innerText.includes('hex colour');");
            b.awaitTrue("return document.getElementById('event-form-colour').hasAttribute('invalid');");
            b.screenshot("events-form-error");
            WebElement colour = b.driver.findElement(By.cssSelector("#event-form-colour input"));
            colour.clear();
            colour.sendKeys("#009e73");
            b.driver.findElement(By.id("event-form-save")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");
            b.awaitTrue("const g = document.getElementById('events-grid');"
                    + "return !!g && g.innerText.includes('studio-z-vidgen');");
            b.screenshot("events");
            b.driver.findElement(By.id("event-delete-studio-z-vidgen")).click();
            b.await(By.cssSelector("vaadin-confirm-dialog-overlay"));
            b.driver.findElement(By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button']"))
                    .click();
            b.awaitTrue("return !document.getElementById('events-grid').innerText.includes('studio-z-vidgen');");
        }
    }

    @Test
    void shouldSubscribeToTheWeeklyReportPreviewItAndSendItNow() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.open("/reports");
            b.awaitTrue("const p = document.getElementById('reports-intro'); return !!p && p.innerText.includes('outbox');");
            b.driver.findElement(By.id("subscription-new")).click();
            b.await(By.cssSelector("#subscription-form-name input")).sendKeys("Monday brief");
            b.driver.findElement(By.cssSelector("#subscription-form-recipients textarea"))
                    .sendKeys("comms@studio.example, not-an-address");
            WebElement events = b.driver.findElement(By.cssSelector("#subscription-form-events input"));
            events.sendKeys("Lionsgate");
            b.awaitTrue("const i = document.querySelector('vaadin-multi-select-combo-box-item');"
                    + "if (!i) return false; i.click(); return true;");
            events.sendKeys(Keys.ESCAPE);
            b.awaitTrue("return document.getElementById('subscription-form-events').selectedItems.length === 1;");
            b.driver.findElement(By.id("subscription-form-save")).click();
            b.awaitTrue("const e = document.getElementById('subscription-form-error');"
                    + "return !!e && e.innerText.includes('not-an-address');");
            b.awaitTrue("return document.getElementById('subscription-form-recipients').hasAttribute('invalid');");
            WebElement recipients = b.driver.findElement(By.cssSelector("#subscription-form-recipients textarea"));
            recipients.clear();
            recipients.sendKeys("comms@studio.example\nlegal@studio.example");
            b.driver.findElement(By.id("subscription-form-save")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");
            b.awaitTrue("const g = document.getElementById('subscriptions-grid');"
                    + "return !!g && g.innerText.includes('Monday brief') && g.innerText.includes('lionsgate-runway');");
            b.screenshot("reports");

            b.driver.findElement(By.cssSelector("[id^='subscription-preview-']")).click();
            // the finished deal's report opens on the week after its announcement, as it is sent
            b.awaitTrue("const f = document.getElementById('preview-frame');"
                    + "return !!f && (f.srcdoc || f.getAttribute('srcdoc') || '').includes('Lionsgate');");
            b.awaitTrue("const s = document.getElementById('preview-subject');"
                    + "return !!s && s.innerText.includes('2024-W39');");
            b.awaitTrue("return !!document.getElementById('preview-pdf-link');");
            b.screenshot("reports-preview");
            b.driver.findElement(By.id("preview-send")).click();
            b.await(By.cssSelector("vaadin-confirm-dialog-overlay"));
            b.driver.findElement(By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button']"))
                    .click();
            b.awaitTrue("const g = document.getElementById('sends-grid');"
                    + "return !!g && g.innerText.includes('2024-W39') && g.innerText.includes('sent') "
                    + "&& g.innerText.includes('2 / 2');");
            b.screenshot("reports-history");
        }
    }

    @Test
    void shouldShowHighlightedHitsAndOpenAPostWithItsSentences() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/search?q=lionsgate%20AND%20runway&sort=recent");
            b.awaitTrue("const g = document.getElementById('hits'); return !!(g && g.querySelector('mark'));");
            assertThat(b.driver.findElement(By.id("total")).getText()).matches("[\\d,]+ posts");
            WebElement mark = b.driver.findElement(By.cssSelector("#hits mark"));
            assertThat(mark.getText().toLowerCase()).isIn("lionsgate", "runway");
            b.screenshot("search");

            b.open("/search?q=lionsgate%20AND%20(runway");
            WebElement error = b.await(By.id("query-error"));
            b.awaitTrue("return document.getElementById('query-error').innerText.length > 0;");
            assertThat(error.getText()).contains("could not be read");
            b.screenshot("search-error");

            b.open("/search?q=replac*&sort=recent");
            b.awaitTrue("const g = document.getElementById('hits'); return !!(g && g.querySelector('a.rp-detail-link'));");
            String href = b.driver.findElement(By.cssSelector("#hits a.rp-detail-link")).getAttribute("href");
            b.driver.get(href);
            b.await(By.id("sentences"));
            b.awaitTrue("return document.querySelectorAll('#sentences .rp-sentiment').length > 0;");
            String labels = b.await(By.id("post-labels")).getText().toLowerCase(java.util.Locale.ROOT);
            assertThat(labels).contains("labour themes", "job displacement", "matched", "stakeholder group",
                    "stance toward the tracked deal", "rule:");
            assertThat(b.driver.findElements(By.id("correct-stance"))).as("only an ADMIN corrects").isEmpty();
            assertThat(b.driver.findElement(By.id("post-meta")).getText()).as("the author's group by the name")
                    .containsAnyOf("Working creative or crew", "Union or guild", "Press", "General public",
                            "Studio or company", "AI company", "Politician or public body");
            b.screenshot("post");
        }
    }

    @Test
    void shouldCompleteFieldNamesAndValuesInTheQueryBox() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/search");
            WebElement input = b.await(By.cssSelector("#query input"));
            input.sendKeys("runway AND the");
            b.awaitTrue("const l = document.getElementById('query-completion');"
                    + "return !!l && !l.hidden && l.innerText.includes('theme:');");
            input.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
            assertThat(input.getAttribute("value")).isEqualTo("runway AND theme:");
            b.awaitTrue("const l = document.getElementById('query-completion');"
                    + "return !!l && !l.hidden && l.querySelectorAll('li').length > 1;");
            // read in one script: the list may be drawn again between finding an item and reading it
            String first = ((String) b.driver.executeScript(
                    "return document.querySelector('#query-completion li code').textContent;")).strip();
            assertThat(first).startsWith("theme:");
            b.screenshot("search-completion");
            input.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
            assertThat(input.getAttribute("value")).isEqualTo("runway AND " + first + " ");
            b.awaitTrue("return document.getElementById('query-completion').hidden;");
            input.sendKeys(org.openqa.selenium.Keys.ENTER);
            b.awaitTrue("return decodeURIComponent(location.search).includes('" + first + "');");
            b.awaitTrue("const g = document.getElementById('hits'); return !!(g && g.querySelector('a.rp-detail-link'));");
        }
    }

    @Test
    void shouldFilterByAFacetAndSaveTheSearch() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/search?q=lionsgate");
            b.awaitTrue("return !!document.querySelector('#facet-group .rp-facet-value');");
            b.driver.findElement(By.id("query-help")).click();
            b.awaitTrue("return document.getElementById('query-help').innerText.includes('stance:opposes');");
            b.driver.findElement(By.id("query-help")).click();
            b.click(By.id("terms-panel"));
            b.awaitTrue("return document.querySelectorAll('#significant-terms .rp-term').length > 0;");
            String term = b.driver.findElement(By.cssSelector("#significant-terms .rp-term")).getText();
            b.click(By.cssSelector("#significant-terms .rp-term"));
            b.awaitTrue("return decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes(' AND ');");
            assertThat(b.driver.findElement(By.cssSelector("#query input")).getAttribute("value"))
                    .contains(term.contains(" ") ? "\"" + term + "\"" : term);
            b.open("/search?q=lionsgate");
            b.awaitTrue("return !!document.querySelector('#facet-group .rp-facet-value');");
            String before = b.driver.findElement(By.id("total")).getText();
            WebElement union = b.driver.findElements(By.cssSelector("#facet-group .rp-facet-value")).stream()
                    .filter(e -> e.getText().startsWith("union-guild")).findFirst().orElseThrow();
            String count = union.getText().replaceAll(".*\\((.*)\\)", "$1");
            b.driver.executeScript("arguments[0].scrollIntoView(); arguments[0].click();", union);
            b.awaitTrue("return location.search.includes('f=');");
            b.awaitTrue("return document.getElementById('total').innerText === arguments[0] + ' posts';", count);
            assertThat(b.driver.findElement(By.id("active-filters")).getText()).contains("group:\"union-guild\"");
            assertThat(before).isNotEqualTo(b.driver.findElement(By.id("total")).getText());
            // the chart of this search counts the same posts
            b.click(By.id("chart-panel"));
            b.awaitTrue("const c = document.getElementById('search-chart');"
                    + "return !!(c && c.renderedOption && c.querySelector('canvas'));");
            Number charted = (Number) b.driver.executeScript("const o = document.getElementById('search-chart')"
                    + ".renderedOption; return o.series.reduce((t, s) => t + s.data.reduce((a, v) => a + v, 0), 0);");
            assertThat(charted.longValue()).isEqualTo(Long.parseLong(count));
            // the export link streams every match of the filtered search with the session's login
            String csv = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver).executeAsyncScript(
                    "const done = arguments[0]; fetch(document.getElementById('export-csv').href)"
                            + ".then(r => r.text()).then(done);");
            assertThat(csv.lines().count()).isGreaterThanOrEqualTo(1 + Long.parseLong(count));
            assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,source,externalId");
            b.screenshot("search-facets");

            b.driver.executeScript("document.querySelector('#collapse input').click();");
            b.awaitTrue("return location.search.includes('collapse=true')"
                    + " && document.getElementById('total').innerText.includes('with reposts and copies');");
            b.driver.executeScript("document.querySelector('#collapse input').click();");
            b.awaitTrue("return !location.search.includes('collapse=true');");
            b.click(By.id("save-search"));
            b.await(By.cssSelector("#saved-search-name input")).sendKeys("Unions on Lionsgate");
            b.driver.findElement(By.id("save-search-ok")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");
            b.click(By.cssSelector("#active-filters vaadin-button")); // removes the filter
            b.awaitTrue("return !location.search.includes('f=');");
            b.click(By.id("saved-searches")); // opens the list
            b.awaitTrue("return [...document.querySelectorAll('#saved-searches a')]"
                    + ".some(a => a.textContent === 'Unions on Lionsgate' && a.offsetParent !== null);");
            b.driver.findElements(By.cssSelector("#saved-searches a")).stream()
                    .filter(a -> a.getText().equals("Unions on Lionsgate")).findFirst().orElseThrow().click();
            b.awaitTrue("return location.search.includes('union-guild');");
            b.awaitTrue("return document.getElementById('total').innerText === arguments[0] + ' posts';", count);
        }
    }

    @Test
    void shouldTurnASearchIntoAThemeAndATrackedEvent() throws Exception {
        try (Browser b = browser()) {
            b.login("admin", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/search?q=replac*%20AND%20runway");
            b.awaitTrue("const t = document.getElementById('total');"
                    + " return !!t && /^[1-9][\\d,]* posts/.test(t.innerText);");
            b.click(By.id("as-theme"));
            b.await(By.cssSelector("#theme-name input")).sendKeys("replacement-talk");
            b.driver.findElement(By.cssSelector("#theme-label input")).sendKeys("Replacement talk");
            b.driver.findElement(By.id("theme-ok")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");

            b.click(By.id("as-event"));
            b.await(By.cssSelector("#event-name input")).sendKeys("Replacement fears");
            b.driver.findElement(By.cssSelector("#event-slug input")).sendKeys("replacement-fears");
            List<WebElement> days = b.driver.findElements(By.cssSelector("vaadin-dialog-overlay vaadin-date-picker input"));
            days.get(1).sendKeys("9/1/2024\n");
            days.get(2).sendKeys("10/31/2024\n");
            b.driver.findElement(By.id("event-ok")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");
            String eventsJson = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver).executeAsyncScript(
                    "const done = arguments[0]; fetch('api/events').then(r => r.text()).then(done);");
            assertThat(eventsJson).contains("\"slug\":\"replacement-fears\"", "replac* AND runway");

            // the stored posts are labelled again with the new theme in the background
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.open("/search?q=theme:replacement-talk");
                b.awaitTrue("const t = document.getElementById('total'); return !!t && /posts/.test(t.innerText);");
                assertThat(b.driver.findElement(By.id("total")).getText()).matches("[1-9][\\d,]* posts");
            });
        }
    }

    @Test
    void shouldCompareSearchesSideBySide() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            assertThat(b.await(By.id("main-nav")).getText()).contains("Compare");
            b.open("/compare?q=source:union&q=group:press&from=2024-09-10&to=2024-10-10");
            b.awaitTrue("const c = document.getElementById('compare-chart');"
                    + "return !!(c && c.renderedOption && c.querySelector('canvas'));");
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) b.driver.executeScript(
                    "return document.getElementById('compare-chart').renderedOption.series.map(s => s.name);");
            assertThat(names).containsExactly("source:union", "group:press");
            b.awaitTrue("return [...document.querySelectorAll('#compare-table vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent.includes('2. group:press'));");
            b.screenshot("compare");
            b.open("/compare?q=(broken&from=2024-09-10&to=2024-10-10");
            b.awaitTrue("const e = document.getElementById('compare-error');"
                    + " return !!e && e.innerText.includes('could not be read');");
        }
    }

    @Test
    void shouldShowAHostilePostAsTextWithoutRunningIt() throws Exception {
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/search?q=hostilemarker");
            b.awaitTrue("const g = document.getElementById('hits'); return !!(g && g.querySelector('mark'));");
            String shown = (String) b.driver.executeScript(
                    "return [...document.querySelectorAll('#hits .rp-post-text')].map(e => e.textContent).join('|');");
            assertThat(shown).contains("<img src=x onerror=alert(1)>");
            assertThat(b.driver.findElements(By.cssSelector("#hits img"))).isEmpty();
            assertThatThrownBy(() -> b.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            b.screenshot("hostile-post");
        }
    }

    @Test
    void shouldHideSearchFromAViewerAndRefuseItsUrl() throws Exception {
        try (Browser b = browser()) {
            b.login("viewer", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            String nav = b.await(By.id("main-nav")).getText();
            assertThat(nav).contains("Dashboard").doesNotContain("Search");
            b.open("/search?q=runway");
            WebElement denied = b.await(By.id("access-denied"));
            b.awaitTrue("return document.getElementById('access-denied').innerText.includes('not for your role');");
            assertThat(denied.getText()).contains("Ask an administrator");
            assertThat(b.driver.findElements(By.id("hits"))).isEmpty();
            assertThat(b.driver.findElements(By.id("query"))).isEmpty();
            b.screenshot("viewer-search-refused");
        }
    }

    @Test
    void shouldLetAnAdminInAndLogOut() throws Exception {
        try (Browser b = browser()) {
            b.login("admin", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            assertThat(b.await(By.id("main-nav")).getText()).contains("Search");
            assertThat(b.driver.findElement(By.id("user-menu")).getText()).contains("admin");
            b.driver.findElement(By.cssSelector("#user-menu vaadin-menu-bar-button")).click();
            b.await(By.id("logout")).click();
            b.await(By.tagName("vaadin-login-form"));
            assertThat(b.driver.getCurrentUrl()).contains("/login");
        }
    }

    @Test
    void shouldLetAnAdminCorrectAStanceThatThenSticks() throws Exception {
        long id = posts.findAfterSeq(0, 10_000).stream().filter(p -> p.externalId().equals("hostile-1"))
                .findFirst().orElseThrow().id();
        try (Browser b = browser()) {
            b.login("admin", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            b.open("/posts/" + id);
            b.await(By.id("correct-stance")).click();
            b.await(By.id("correction-value"));
            b.driver.findElements(By.cssSelector("#correction-value vaadin-radio-button")).stream()
                    .filter(r -> r.getText().equals("Supports the deal")).findFirst().orElseThrow().click();
            b.driver.findElement(By.cssSelector("vaadin-dialog-overlay vaadin-text-field input"))
                    .sendKeys("reads as irony");
            b.screenshot("post-correction");
            b.driver.findElement(By.id("save-correction")).click();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                b.open("/posts/" + id);
                assertThat(b.await(By.id("labels-stance")).getText()).contains("Supports the deal",
                        "corrected by admin: reads as irony");
                assertThat(b.driver.findElements(By.cssSelector("#labels-stance .rp-label-corrected"))).hasSize(1);
            });
            b.screenshot("post-corrected");
        }
    }

    @Test
    void shouldLetAnAdminTryAndEditTheThemes() throws Exception {
        try (Browser b = browser()) {
            b.login("admin", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            assertThat(b.await(By.id("main-nav")).getText()).contains("Themes and crafts");
            b.open("/admin/labels");
            b.awaitTrue("return [...document.querySelectorAll('#themes-grid vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent.includes('Job displacement'));");
            b.await(By.cssSelector("#try-text textarea")).sendKeys("They will replace every compositor.");
            b.driver.findElement(By.id("try-run")).click();
            b.awaitTrue("return document.getElementById('try-result').innerText.includes('Job displacement');");
            assertThat(b.driver.findElement(By.id("try-result")).getText()).contains("VFX artists", "'compositor'");
            b.driver.findElement(By.id("new-theme")).click();
            b.await(By.cssSelector("vaadin-dialog-overlay vaadin-text-field input")).sendKeys("broken-theme");
            b.driver.findElements(By.cssSelector("vaadin-dialog-overlay vaadin-text-field input")).get(1)
                    .sendKeys("Broken");
            b.driver.findElement(By.cssSelector("#query-en textarea")).sendKeys("jobs AND (replac*");
            b.driver.findElement(By.id("save-rule")).click();
            b.awaitTrue("const e = document.getElementById('rule-error'); return e && e.innerText.length > 0;");
            assertThat(b.driver.findElement(By.id("rule-error")).getText()).contains("language 'en'",
                    "could not be read");
            b.screenshot("themes-edit-error");
        }
    }

    @Test
    void shouldRefuseAWrongPasswordOnTheLoginPage() throws Exception {
        try (Browser b = browser()) {
            b.submitLogin("analyst", "not-the-password");
            b.awaitTrue("return location.search.includes('error');");
            b.await(By.tagName("vaadin-login-form"));
            b.screenshot("login-error");
            assertThat(b.driver.findElements(By.id("volume-chart"))).isEmpty();
        }
    }

    @Test
    void shouldLetAnAdminAddTestAndCollectASourceAndKeepItFromOthers() throws Exception {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Loopback trade</title><link>https://trade.example</link><description>d</description>");
        for (int i = 1; i <= 3; i++) {
            rss.append("<item><title>Guild statement ").append(i).append(" on Lionsgate and Runway</title>")
                    .append("<link>https://trade.example/story-").append(i).append("</link><guid>ui-story-").append(i)
                    .append("</guid><pubDate>Thu, 19 Sep 2024 1").append(i).append(":00:00 +0000</pubDate></item>");
        }
        byte[] body = rss.append("</channel></rss>").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer feed = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/feed.xml", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        feed.start();
        String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.xml";
        try (Browser b = browser()) {
            b.login("admin", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            assertThat(b.await(By.id("main-nav")).getText()).contains("Sources");
            b.open("/sources");
            b.await(By.id("sources-grid"));
            b.click(By.id("source-new"));
            b.await(By.cssSelector("#source-form-name input")).sendKeys("Loopback trade feed");
            b.driver.findElement(By.cssSelector("#source-form-settings textarea")).sendKeys("{\"url\": \"" + url
                    + "\"}");
            b.driver.findElement(By.id("source-form-test")).click();
            b.awaitTrue("const r = document.getElementById('source-form-test-summary');"
                    + "return !!r && r.innerText.includes('Seen 3');");
            assertThat(b.driver.findElement(By.id("source-form-test-result")).getText()).contains("ok",
                    "3 not stored yet", "Guild statement 1");
            b.screenshot("sources-test-connection");
            b.driver.findElement(By.id("source-form-save")).click();
            b.awaitTrue("return !document.querySelector('vaadin-dialog-overlay');");
            long id = sources.list().stream().filter(s -> s.name().equals("Loopback trade feed")).findFirst()
                    .orElseThrow().id();
            b.click(By.id("source-collect-" + id));
            b.awaitTrue("return [...document.querySelectorAll('#sources-grid vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent.trim() === '3 / 3');");
            assertThat(b.driver.findElement(By.id("sources-grid")).getText()).contains("Loopback trade feed");
            b.awaitTrue("return [...document.querySelectorAll('#sources-grid vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent.trim() === 'healthy');");
            b.screenshot("sources");
        } finally {
            feed.stop(0);
        }
        try (Browser b = browser()) {
            b.login("analyst", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            assertThat(b.await(By.id("main-nav")).getText()).contains("Search").doesNotContain("Sources");
            b.open("/sources");
            b.await(By.id("access-denied"));
            assertThat(b.driver.findElements(By.id("sources-grid"))).isEmpty();
        }
    }
}
