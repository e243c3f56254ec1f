package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.search.PostIndexer;
import org.reelpulse.support.DemoCorpus;
import org.reelpulse.support.MutableClock;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Weekly reports end to end on the demo corpus, against a real database (H2 in {@link H2ReportIT},
 * PostgreSQL in {@link PostgresReportIT}) and a real SMTP server on loopback: subscriptions over the
 * API, the email's MIME structure and content, pseudonyms, hostile text, and sending each report once
 * through downtime, two schedulers, a crash while sending, a server that is down and a recipient that
 * is refused. The scheduler is off: each test runs it itself, at the time it sets on the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ReportContract.TestClock.class)
abstract class ReportContract {

    static final String PASSWORD = DemoCorpus.PASSWORD;
    static final Path ARTEFACTS = Path.of("target/report-artefacts");
    static final int SMTP_PORT = RefusingSmtpServer.freePort();
    static final RefusingSmtpServer smtp = new RefusingSmtpServer(SMTP_PORT);
    /** A post whose text and author try to become markup; the most liked post of its week. */
    static final String HOSTILE = "<script>alert('rp')</script><img src=x onerror=alert(1)> Lionsgate and Runway";

    @Autowired
    TestRestTemplate http;
    @Autowired
    MutableClock clock;
    @Autowired
    ReportService reports;
    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    SubscriptionRepository subscriptionRows;
    @Autowired
    SendRepository sends;
    @Autowired
    DashboardService dashboards;
    @Autowired
    ReportRenderer renderer;
    @Autowired
    ReportMail mail;
    @Autowired
    ReportProperties properties;
    @Autowired
    PostIndexer indexer;
    @Autowired
    ObjectProvider<JavaMailSender> mailSender;

    final ObjectMapper json = new ObjectMapper();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        TestData.emptyApplication(registry, "report");
        registry.add("reelpulse.analyze.poll-interval", () -> "PT0.2S");
        registry.add("reelpulse.search.poll-interval", () -> "PT0.2S");
        registry.add("reelpulse.report.scheduling", () -> "false");
        registry.add("reelpulse.report.base-url", () -> "https://reelpulse.example.org");
        registry.add("reelpulse.report.from", () -> "ReelPulse <reports@reelpulse.example.org>");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
    }

    @BeforeAll
    void startTheMailServerAndLoadTheDemo() throws IOException {
        smtp.start();
        Files.createDirectories(ARTEFACTS);
        DemoCorpus.load(http, List.of("{\"source\":\"bluesky\",\"externalId\":\"hostile-1\",\"url\":"
                + "\"https://bsky.app/profile/mallory/post/1\",\"author\":{\"handle\":\"<b>mallory</b>.example\",\"name\":"
                + "\"<img src=x onerror=alert(2)>\"},\"text\":" + json.writeValueAsString(HOSTILE)
                + ",\"lang\":\"en\",\"publishedAt\":\"2024-09-19T10:00:00Z\",\"metrics\":{\"likes\":90000,"
                + "\"reposts\":5000,\"replies\":10,\"quotes\":3}}"));
    }

    @AfterAll
    void stopTheMailServer() {
        smtp.stop();
        clock.reset();
    }

    @AfterEach
    void deleteTheSubscriptions() {
        // each test plans and sends only its own reports
        subscriptions.list().forEach(s -> subscriptions.delete(s.id()));
    }

    @BeforeEach
    void emptyTheMailboxes() throws Exception {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        smtp.purgeEmailFromAllMailboxes();
        clock.reset();
    }

    // ---------------------------------------------------------------- subscriptions over the API

    @Test
    void shouldRefuseABadSubscriptionNamingTheFieldAndSayingWhatToDo() {
        assertRefused(subscription("Bad address", List.of("comms@studio.example", "not an address")), "recipients",
                "'not' is not an email address");
        assertRefused(subscription("No one", List.of()), "recipients", "Give 1 to 100 email addresses");
        ObjectNode unknownEvent = subscription("Unknown event", List.of("a@studio.example"));
        unknownEvent.putArray("events").add("no-such-deal");
        assertRefused(unknownEvent, "events", "There is no tracked event 'no-such-deal'");
        ObjectNode zone = subscription("Bad zone", List.of("a@studio.example"));
        zone.put("zone", "Paris");
        assertRefused(zone, "zone", "Europe/Paris");
        ObjectNode language = subscription("Bad language", List.of("a@studio.example"));
        language.put("language", "de");
        assertRefused(language, "language", "en or fr");
        ObjectNode group = subscription("Bad group", List.of("a@studio.example"));
        group.putArray("groups").add("aliens");
        assertRefused(group, "groups", "'aliens' is not a stakeholder group");
        ObjectNode source = subscription("Bad source", List.of("a@studio.example"));
        source.putArray("sources").add("myspace");
        assertRefused(source, "sources", "'myspace' is not a source; they are bluesky,");
        ObjectNode time = subscription("Bad time", List.of("a@studio.example"));
        time.put("time", "8h");
        assertRefused(time, "time", "e.g. 08:00");
        assertThat(send("analyst", HttpMethod.GET, "/api/subscriptions", null).getBody())
                .noneMatch(s -> s.path("name").asText().startsWith("Bad"));
    }

    @Test
    void shouldLetAnalystsManageSubscriptionsAndKeepViewersOut() {
        ResponseEntity<JsonNode> created = send("analyst", HttpMethod.POST, "/api/subscriptions",
                subscription("Managed", List.of("One@Studio.example, two@studio.example")));
        assertThat(created.getStatusCode()).as(created.toString()).isEqualTo(HttpStatus.CREATED);
        JsonNode s = created.getBody();
        assertThat(s.path("recipients")).extracting(JsonNode::asText).containsExactly("One@Studio.example",
                "two@studio.example");
        assertThat(s.path("weekday").asText()).isEqualTo("MONDAY");
        assertThat(s.path("time").asText()).isEqualTo("08:00");
        assertThat(s.path("pseudonymise").asBoolean()).isTrue();
        assertThat(s.path("createdBy").asText()).isEqualTo("analyst");
        long id = s.path("id").asLong();
        ObjectNode change = subscription("Managed", List.of("one@studio.example"));
        change.put("language", "fr").put("zone", "Europe/Paris").put("weekday", "friday").put("time", "17:30");
        JsonNode changed = send("analyst", HttpMethod.PUT, "/api/subscriptions/" + id, change).getBody();
        assertThat(changed.path("language").asText()).isEqualTo("fr");
        assertThat(changed.path("weekday").asText()).isEqualTo("FRIDAY");
        assertThat(changed.path("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(send("analyst", HttpMethod.POST, "/api/subscriptions", subscription("Managed",
                List.of("x@studio.example"))).getBody().path("field").asText()).isEqualTo("name");
        assertThat(send("viewer", HttpMethod.GET, "/api/subscriptions", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("viewer", HttpMethod.POST, "/api/subscriptions/" + id + "/send", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("analyst", HttpMethod.DELETE, "/api/subscriptions/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send("analyst", HttpMethod.GET, "/api/subscriptions/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // ---------------------------------------------------------------- the email

    @Test
    void shouldSendEachRecipientAMultipartEmailWithTextHtmlInlineChartsAndThePdf() throws Exception {
        long id = create(subscription("Announcement week", List.of("comms@studio.example", "legal@studio.example")));

        JsonNode sent = send("analyst", HttpMethod.POST, "/api/subscriptions/" + id + "/send?week=2024-W39", null)
                .getBody();

        assertThat(sent.path("status").asText()).as(sent.toString()).isEqualTo("sent");
        assertThat(sent.path("week").asText()).isEqualTo("2024-W39");
        assertThat(sent.path("from").asText()).isEqualTo("2024-09-16T08:00:00Z");
        assertThat(sent.path("to").asText()).isEqualTo("2024-09-23T08:00:00Z");
        assertThat(sent.path("deliveries")).extracting(d -> d.path("status").asText()).containsOnly("sent");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(ReportContract::recipient)).containsExactlyInAnyOrder(
                "comms@studio.example", "legal@studio.example");
        MimeMessage m = received[0];
        assertThat(m.getSubject()).contains("Announcement week", "2024-W39");
        assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(m.getMessageID()).startsWith("<report-" + sent.path("id").asLong() + "-")
                .endsWith("@reelpulse.example.org>");
        // multipart/mixed: [multipart/related: [multipart/alternative: [text, html], png…], pdf]
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) m.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/related");
        Multipart related = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(related.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) related.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        List<String> contentIds = new ArrayList<>();
        for (int i = 1; i < related.getCount(); i++) {
            BodyPart image = related.getBodyPart(i);
            assertThat(image.getContentType()).startsWith("image/png");
            assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
            String cid = image.getHeader("Content-ID")[0].replaceAll("[<>]", "");
            contentIds.add(cid);
            assertThat(ImageIO.read(image.getInputStream()).getWidth()).as(cid).isGreaterThan(200);
        }
        assertThat(contentIds).as("the reaction chart and the groups chart").hasSizeGreaterThanOrEqualTo(2);
        Document doc = Jsoup.parse(html);
        List<String> sources = doc.select("img").eachAttr("src");
        assertThat(sources).allMatch(src -> src.startsWith("cid:"));
        assertThat(sources).extracting(src -> src.substring(4)).containsExactlyInAnyOrderElementsOf(contentIds);
        BodyPart pdfPart = mixed.getBodyPart(1);
        assertThat(pdfPart.getContentType()).startsWith("application/pdf");
        assertThat(pdfPart.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdfPart.getFileName()).endsWith(".pdf").contains("2024-W39");
        byte[] pdf = pdfPart.getInputStream().readAllBytes();

        // the figures are the dashboard's for the same seven days
        JsonNode d = dashboard("2024-09-16T08:00:00Z", "2024-09-23T08:00:00Z");
        long posts = d.at("/kpis/posts/value").asLong();
        assertThat(posts).isGreaterThan(150);
        String count = String.format(java.util.Locale.ENGLISH, "%,d", posts);
        assertThat(doc.text()).contains(count);
        assertThat(text).contains(count);
        String keySentence = d.at("/statements/items/0/keySentence/text").asText();
        assertThat(keySentence).isNotBlank();
        assertThat(normalised(doc.text())).contains(normalised(keySentence));
        assertThat(normalised(text)).contains(normalised(keySentence));
        assertThat(html).contains("https://reelpulse.example.org/?event=lionsgate-runway&amp;from=2024-09-16");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String pdfText = new PDFTextStripper().getText(document);
            assertThat(pdfText).contains("Lionsgate", count);
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png",
                    ARTEFACTS.resolve(getClass().getSimpleName() + "-W39-pdf-page1.png").toFile());
        }
        try (OutputStream out = Files.newOutputStream(ARTEFACTS.resolve(getClass().getSimpleName() + "-W39.eml"))) {
            m.writeTo(out);
        }
        Files.writeString(ARTEFACTS.resolve(getClass().getSimpleName() + "-W39.html"), html);

        JsonNode history = send("analyst", HttpMethod.GET, "/api/subscriptions/" + id + "/sends", null).getBody();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("kind").asText()).isEqualTo("manual");
        assertThat(history.get(0).path("requestedBy").asText()).isEqualTo("analyst");
    }

    @Test
    void shouldLeaveOutAnEventDeletedSinceTheSubscriptionWasMade() {
        ObjectNode event = json.createObjectNode().put("slug", "report-short-lived").put("name", "Short-lived deal")
                .put("query", "runway").put("from", "2024-09-01T00:00:00Z").put("to", "2024-10-01T00:00:00Z");
        assertThat(send("analyst", HttpMethod.POST, "/api/events", event).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ObjectNode both = subscription("Deleted event", List.of("comms@studio.example"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) both.get("events")).add("report-short-lived");
        long id = create(both);
        assertThat(send("analyst", HttpMethod.DELETE, "/api/events/report-short-lived", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> preview = http.withBasicAuth("analyst", PASSWORD).getForEntity(
                "/api/subscriptions/" + id + "/preview?week=2024-W39", String.class);

        assertThat(preview.getStatusCode()).as(preview.getBody()).isEqualTo(HttpStatus.OK);
        Document doc = Jsoup.parse(preview.getBody());
        assertThat(doc.text()).contains("Lionsgate × Runway").doesNotContain("Short-lived deal");
    }

    @Test
    void shouldPreviewTheHtmlAsSentWithItsChartsInlineAndThePdf() {
        long id = create(subscription("Preview", List.of("comms@studio.example")));

        ResponseEntity<String> preview = http.withBasicAuth("analyst", PASSWORD).getForEntity(
                "/api/subscriptions/" + id + "/preview?week=2024-W39", String.class);
        ResponseEntity<byte[]> pdf = http.withBasicAuth("analyst", PASSWORD).getForEntity(
                "/api/subscriptions/" + id + "/preview.pdf?week=2024-W39", byte[].class);
        ResponseEntity<JsonNode> badWeek = send("analyst", HttpMethod.GET, "/api/subscriptions/" + id
                + "/preview?week=2024-39", null);

        assertThat(preview.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        Document doc = Jsoup.parse(preview.getBody());
        assertThat(doc.select("img")).isNotEmpty().allMatch(img -> img.attr("src").startsWith("data:image/png;base64,"));
        assertThat(doc.text()).contains("Lionsgate × Runway");
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(badWeek.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(smtp.getReceivedMessages()).as("a preview sends nothing").isEmpty();
    }

    @Test
    void shouldPseudonymisePrivateIndividualsAndNameUnions() throws Exception {
        long pseudonyms = create(subscription("Pseudonyms", List.of("pseudo@studio.example")));
        ObjectNode named = subscription("Names", List.of("named@studio.example"));
        named.put("pseudonymise", false);
        long names = create(named);
        JsonNode d = dashboard("2024-09-16T08:00:00Z", "2024-09-23T08:00:00Z");
        List<String> privateHandles = new ArrayList<>();
        List<String> publicHandles = new ArrayList<>();
        for (JsonNode p : d.at("/topPosts/posts")) {
            String group = p.path("group").asText();
            (List.of("union-guild", "studio-company", "ai-company", "press", "public-body").contains(group)
                    ? publicHandles : privateHandles).add(p.path("author").asText());
        }
        d.at("/statements/items").forEach(s -> publicHandles.add(s.path("author").asText()));
        assertThat(privateHandles).as("the week's top posts include private individuals").isNotEmpty();
        assertThat(publicHandles).isNotEmpty();

        reports.sendNow(pseudonyms, "2024-W39", "analyst");
        reports.sendNow(names, "2024-W39", "analyst");

        String pseudonymised = everything(only("pseudo@studio.example"));
        String withNames = everything(only("named@studio.example"));
        for (String handle : privateHandles) {
            assertThat(pseudonymised).as(handle).doesNotContain(handle);
            assertThat(withNames).as(handle).contains(handle);
        }
        assertThat(pseudonymised).contains(publicHandles.get(0));
        assertThat(pseudonymised).contains("https://reelpulse.example.org/posts/");
    }

    @Test
    void shouldShowHostilePostTextAsTextInHtmlTextAndPdf() throws Exception {
        ObjectNode named = subscription("Hostile", List.of("safe@studio.example"));
        named.put("pseudonymise", false);
        long id = create(named);

        reports.sendNow(id, "2024-W39", "analyst");

        MimeMessage m = only("safe@studio.example");
        Multipart alternative = (Multipart) ((Multipart) ((Multipart) m.getContent()).getBodyPart(0).getContent())
                .getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e -> e.attributes().forEach(a -> assertThat(a.getKey())
                .doesNotStartWith("on")));
        assertThat(doc.select("a[href]").eachAttr("href")).allMatch(href -> href.startsWith("https://")
                || href.startsWith("http://") || href.startsWith("mailto:"));
        assertThat(doc.select("img").eachAttr("src")).allMatch(src -> src.startsWith("cid:"));
        assertThat(doc.text()).as("the post is shown, as text").contains("<script>alert('rp')</script>");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("<script>alert('rp')</script>");
        byte[] pdf = ((Multipart) m.getContent()).getBodyPart(1).getInputStream().readAllBytes();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("<script>alert('rp')</script>");
        }
    }

    // ---------------------------------------------------------------- once and only once

    @Test
    void shouldCatchUpTheReportsMissedWhileDownAndSkipThoseTooOld() throws Exception {
        clock.set(Instant.parse("2024-08-20T09:00:00Z"));
        long id = create(subscription("Catch-up", List.of("catchup@studio.example")));

        // ReelPulse was down from the day after until 2 October: W35 … W40 were due in the meantime
        clock.set(Instant.parse("2024-10-02T09:00:00Z"));
        reports.runDue();

        Map<String, String> byWeek = reports.history(id).stream().collect(Collectors.toMap(ReportSend::week,
                ReportSend::status));
        assertThat(byWeek).containsOnlyKeys("2024-W35", "2024-W36", "2024-W37", "2024-W38", "2024-W39", "2024-W40");
        // within the 28 days of catch-up: sent; before: skipped, and said so
        assertThat(byWeek).containsEntry("2024-W35", "skipped").containsEntry("2024-W36", "skipped")
                .containsEntry("2024-W37", "sent").containsEntry("2024-W38", "sent")
                .containsEntry("2024-W39", "sent").containsEntry("2024-W40", "sent");
        assertThat(reports.history(id).stream().filter(s -> s.status().equals("skipped")))
                .allSatisfy(s -> assertThat(s.error()).contains("catch-up"));
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ReportContract::subject))
                .anyMatch(s -> s.contains("2024-W37")).anyMatch(s -> s.contains("2024-W40"));

        // running again, later the same day, sends nothing more
        clock.advance(Duration.ofHours(3));
        reports.runDue();
        assertThat(smtp.getReceivedMessages()).hasSize(4);
    }

    @Test
    void shouldSendEachScheduledReportOnceWhenTwoNodesRunTheSchedule() throws Exception {
        clock.set(Instant.parse("2024-09-20T09:00:00Z"));
        long id = create(subscription("Two nodes", List.of("n1@studio.example", "n2@studio.example",
                "n3@studio.example")));
        clock.set(Instant.parse("2024-09-23T08:00:05Z"));
        ReportService second = node("second-node", mail);
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> await(start, reports::runDue));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> await(start, second::runDue));
        start.countDown();
        int worked = a.get() + b.get();

        assertThat(worked).as("one node claims the report").isEqualTo(1);
        List<ReportSend> history = reports.history(id);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).status()).isEqualTo("sent");
        assertThat(history.get(0).week()).isEqualTo("2024-W39");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ReportContract::recipient))
                .containsExactlyInAnyOrder("n1@studio.example", "n2@studio.example", "n3@studio.example");
        // and again, both nodes, later: nothing more
        clock.advance(Duration.ofMinutes(5));
        reports.runDue();
        second.runDue();
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }

    @Test
    void shouldSendOnlyToTheRecipientsNotYetServedAfterANodeCrashedWhileSending() throws Exception {
        clock.set(Instant.parse("2024-09-20T09:00:00Z"));
        long id = create(subscription("Crash", List.of("c1@studio.example", "c2@studio.example",
                "c3@studio.example")));
        clock.set(Instant.parse("2024-09-23T08:01:00Z"));
        // the first node dies (an Error, as when the JVM is killed) as it hands over the second message
        ReportMail dying = new ReportMail(mailSender, properties) {
            @Override
            void send(MimeMessage message, String recipient, String outboxName) {
                if (recipient.equals("c2@studio.example")) {
                    throw new OutOfMemoryError("simulated crash while sending");
                }
                super.send(message, recipient, outboxName);
            }
        };
        ReportService crashing = node("crashing-node", dying);
        try {
            crashing.runDue();
        } catch (OutOfMemoryError expected) {
            // the node is gone; its lease stays in the database
        }
        assertThat(reports.history(id).get(0).status()).isEqualTo("sending");
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // another node, before the lease ran out: leaves it alone; after: finishes it
        reports.runDue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        clock.advance(properties.lease().plusSeconds(1));
        reports.runDue();

        ReportSend done = reports.history(id).get(0);
        assertThat(done.status()).isEqualTo("sent");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ReportContract::recipient))
                .containsExactlyInAnyOrder("c1@studio.example", "c2@studio.example", "c3@studio.example");
    }

    @Test
    void shouldRetryWithBackoffWhileTheMailServerIsDownAndSendWhenItIsBack() throws Exception {
        clock.set(Instant.parse("2024-09-20T09:00:00Z"));
        long id = create(subscription("Server down", List.of("down@studio.example")));
        clock.set(Instant.parse("2024-09-23T08:00:30Z"));
        smtp.stop();

        reports.runDue();

        ReportSend waiting = reports.history(id).get(0);
        assertThat(waiting.status()).isEqualTo("retrying");
        assertThat(waiting.error()).contains("Attempt 1 failed");
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant().plus(properties.retryFirst().dividedBy(2))
                .minusSeconds(5)).isBefore(clock.instant().plus(properties.retryFirst()).plusSeconds(5));
        assertThat(waiting.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("pending");
            assertThat(d.error()).isNotBlank();
        });
        // not due yet: nothing is tried
        reports.runDue();
        assertThat(reports.history(id).get(0).attempts()).isEqualTo(1);

        smtp.start();
        clock.advance(properties.retryFirst().plusSeconds(1));
        reports.runDue();

        ReportSend sent = reports.history(id).get(0);
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldFailOnlyTheRecipientTheServerRefuses() throws Exception {
        long id = create(subscription("Refused", List.of("ok@studio.example",
                "nobody@" + RefusingSmtpServer.UNKNOWN_DOMAIN, "also-ok@studio.example")));

        ReportSend send = reports.sendNow(id, "2024-W39", "analyst");

        assertThat(send.status()).isEqualTo("partial");
        assertThat(send.error()).contains("1 of 3 recipients failed");
        Map<String, ReportSend.Delivery> by = send.deliveries().stream().collect(Collectors.toMap(
                ReportSend.Delivery::recipient, d -> d));
        assertThat(by.get("nobody@" + RefusingSmtpServer.UNKNOWN_DOMAIN).status()).isEqualTo("failed");
        assertThat(by.get("nobody@" + RefusingSmtpServer.UNKNOWN_DOMAIN).error()).contains("550");
        assertThat(by.get("ok@studio.example").status()).isEqualTo("sent");
        assertThat(by.get("also-ok@studio.example").status()).isEqualTo("sent");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ReportContract::recipient))
                .containsExactlyInAnyOrder("ok@studio.example", "also-ok@studio.example");
    }

    @Test
    void shouldWriteReportsToTheOutboxWhenNoMailServerIsConfigured() throws Exception {
        Path outbox = Files.createTempDirectory("reelpulse-outbox-");
        ReportProperties withoutSmtp = properties(outbox, "outbox-node");
        ReportMail toOutbox = new ReportMail(new NoMailSender(), withoutSmtp);
        ReportService node = new ReportService(subscriptions, subscriptionRows, sends, dashboards, renderer, toOutbox,
                withoutSmtp, indexer, clock);
        long id = create(subscription("Outbox", List.of("outbox@studio.example")));

        ReportSend send = node.sendNow(id, "2024-W39", "analyst");

        assertThat(send.status()).isEqualTo("sent");
        assertThat(node.destination()).contains(outbox.toAbsolutePath().toString());
        List<Path> files;
        try (var list = Files.list(outbox)) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .startsWith("2024-W39-Outbox-").endsWith("-outbox@studio.example.eml"));
        try (InputStream in = Files.newInputStream(files.get(0))) {
            MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
            assertThat(recipient(m)).isEqualTo("outbox@studio.example");
            assertThat(m.getContentType()).startsWith("multipart/mixed");
            assertThat(((Multipart) m.getContent()).getBodyPart(1).getContentType()).startsWith("application/pdf");
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T await(CountDownLatch latch, java.util.function.Supplier<T> work) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.get();
    }

    /** Another node on the same database: the same beans but its own name and mail. */
    private ReportService node(String name, ReportMail nodeMail) {
        return new ReportService(subscriptions, subscriptionRows, sends, dashboards, renderer, nodeMail,
                properties(properties.outbox(), name), indexer, clock);
    }

    private ReportProperties properties(Path outbox, String node) {
        ReportProperties p = properties;
        return new ReportProperties(false, p.pollInterval(), p.from(), p.baseUrl(), outbox, p.catchUp(), p.lease(),
                p.maxAttempts(), p.retryFirst(), p.retryMax(), p.maxIndexLag(), node);
    }

    /** No SMTP configured: what Spring gives when spring.mail.host is not set. */
    private static final class NoMailSender implements ObjectProvider<JavaMailSender> {
        @Override
        public JavaMailSender getObject() {
            throw new IllegalStateException("no mail sender");
        }

        @Override
        public JavaMailSender getObject(Object... args) {
            throw new IllegalStateException("no mail sender");
        }

        @Override
        public JavaMailSender getIfAvailable() {
            return null;
        }

        @Override
        public JavaMailSender getIfUnique() {
            return null;
        }
    }

    private MimeMessage only(String recipient) {
        List<MimeMessage> to = Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient.equals(recipient(m)))
                .toList();
        assertThat(to).hasSize(1);
        return to.get(0);
    }

    /** The text part, the HTML's text and the PDF's text of a report email. */
    private static String everything(MimeMessage m) throws Exception {
        Multipart mixed = (Multipart) m.getContent();
        Multipart alternative = (Multipart) ((Multipart) mixed.getBodyPart(0).getContent()).getBodyPart(0)
                .getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        try (PDDocument pdf = Loader.loadPDF(mixed.getBodyPart(1).getInputStream().readAllBytes())) {
            return alternative.getBodyPart(0).getContent() + "\n" + html + "\n" + Jsoup.parse(html).text() + "\n"
                    + new PDFTextStripper().getText(pdf);
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalised(String s) {
        return s.replaceAll("\\s+", " ").replace('’', '\'').strip();
    }

    private JsonNode dashboard(String from, String to) {
        return send("analyst", HttpMethod.GET, "/api/dashboard?event=lionsgate-runway&interval=day&from=" + from
                + "&to=" + to, null).getBody();
    }

    ObjectNode subscription(String name, List<String> recipients) {
        ObjectNode s = json.createObjectNode();
        s.put("name", name);
        recipients.forEach(s.putArray("recipients")::add);
        s.putArray("events").add("lionsgate-runway");
        return s;
    }

    long create(ObjectNode subscription) {
        ResponseEntity<JsonNode> r = send("analyst", HttpMethod.POST, "/api/subscriptions", subscription);
        assertThat(r.getStatusCode()).as(r.toString()).isEqualTo(HttpStatus.CREATED);
        return r.getBody().path("id").asLong();
    }

    private void assertRefused(ObjectNode body, String field, String message) {
        ResponseEntity<JsonNode> r = send("analyst", HttpMethod.POST, "/api/subscriptions", body);
        assertThat(r.getStatusCode()).as(r.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().path("field").asText()).as(r.getBody().toString()).isEqualTo(field);
        assertThat(r.getBody().path("error").asText()).contains(message);
    }

    ResponseEntity<JsonNode> send(String user, HttpMethod method, String path, JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, PASSWORD).exchange(path, method,
                new HttpEntity<>(body == null ? null : body.toString(), headers), JsonNode.class);
    }
}
