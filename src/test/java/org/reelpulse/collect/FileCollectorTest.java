package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The file import over a real folder: CSV and NDJSON exports, cursors per file, and the folder's walls. */
class FileCollectorTest {

    static final Set<String> SOURCES = Set.of("mastodon", "bluesky", "reddit", "youtube", "x", "news", "feed");

    @TempDir
    Path base;

    private final CollectTesting.MapCursors cursors = new CollectTesting.MapCursors();
    private final CollectTesting.ListSink sink = new CollectTesting.ListSink();

    private Path dir() throws IOException {
        return Files.createDirectories(base.resolve("import"));
    }

    private FileCollector collector() throws IOException {
        return new FileCollector(dir(), () -> SOURCES);
    }

    private CollectContext context(Map<String, Object> settings) throws IOException {
        JsonNode checked = collector().checkSettings(null, new ObjectMapper().valueToTree(settings), new SsrfGuard(false));
        CollectSource source = new CollectSource(1, FileCollector.KIND, "Brandwatch export", null, checked, List.of(),
                Duration.ofMinutes(15), true, CollectSource.NEW, null, null, null, null, null, null);
        return new CollectContext(source, Map.of(), null, cursors, sink, CollectTesting.clock());
    }

    private CollectContext run(Map<String, Object> settings) throws IOException {
        CollectContext c = context(settings);
        collector().collect(c);
        return c;
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir().resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    /** Appends and moves the modification time on, as a later write would. */
    private static void append(Path p, String more) throws IOException {
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, more, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(p, FileTime.fromMillis(before.toMillis() + 2000));
    }

    private NewPost post(String id) {
        return sink.posts.stream().filter(p -> p.externalId().equals(id)).findFirst().orElseThrow();
    }

    static final String EXPORT = "\uFEFFId;Message;Username;Name;Date;Likes;Link\r\n"
            + "101;\"Lionsgate & Runway: \"\"a deal\"\"\r\nsecond line 🎬\";@frame;Frame Watcher;25/09/2024 09:30;1,204;"
            + "https://mastodon.social/@frame/101\r\n"
            + "102;Кинокомпания Lionsgate и Runway;@kino;;24/09/2024 18:00;;\r\n";

    private Map<String, Object> exportSettings() {
        return Map.of("path", "brandwatch/*.csv", "source", "mastodon", "delimiter", ";", "dateFormat",
                "dd/MM/yyyy HH:mm", "timeZone", "Europe/Paris", "columns", Map.of("externalId", "Id", "text", "Message",
                        "author", "Username", "authorName", "Name", "publishedAt", "Date", "likes", "Likes", "url", "Link"));
    }

    @Test
    void shouldReadACsvExportThroughItsColumnMapping() throws IOException {
        write("brandwatch/september.csv", EXPORT);

        CollectContext c = run(exportSettings());

        assertThat(c.warnings()).isEmpty();
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("101", "102");
        NewPost a = post("101");
        assertThat(a.source()).isEqualTo("mastodon");
        assertThat(a.sourceName()).isEqualTo("Brandwatch export");
        assertThat(a.text()).isEqualTo("Lionsgate & Runway: \"a deal\"\nsecond line 🎬");
        assertThat(a.author().handle()).isEqualTo("@frame");
        assertThat(a.author().name()).isEqualTo("Frame Watcher");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2024-09-25T07:30:00Z"));
        assertThat(a.metrics()).isEqualTo(new Metrics(1204, null, null, null));
        assertThat(a.url()).isEqualTo("https://mastodon.social/@frame/101");
        assertThat(post("102").text()).isEqualTo("Кинокомпания Lionsgate и Runway");
        assertThat(post("102").url()).isNull();
        assertThat(cursors.values).containsKey("file:brandwatch/september.csv");
    }

    @Test
    void shouldWarnAboutABadRowWithItsFileAndLineAndReadTheRest() throws IOException {
        write("brandwatch/bad.csv", EXPORT + "103;no date here;@x;;yesterday;;\r\n104;fine;@y;;24/09/2024 19:00;-3;\r\n"
                + "105;also fine;@z;;24/09/2024 20:00;;ftp://example.com/x\r\n106;last;@w;;24/09/2024 21:00;;\r\n");

        CollectContext c = run(exportSettings());

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("101", "102", "106");
        assertThat(c.warnings()).hasSize(3);
        assertThat(c.warnings().get(0)).contains("brandwatch/bad.csv").contains("line 5").contains("publishedAt")
                .contains("yesterday");
        assertThat(c.warnings().get(1)).contains("line 6").contains("likes");
        assertThat(c.warnings().get(2)).contains("line 7").contains("url");
    }

    @Test
    void shouldReadOnlyAppendedRowsAndReadAChangedFileAgain() throws IOException {
        Path p = write("brandwatch/live.csv", EXPORT);
        run(exportSettings());
        assertThat(sink.posts).hasSize(2);

        CollectContext unchanged = run(exportSettings());
        assertThat(unchanged.seen()).isZero();

        append(p, "103;new row;@n;;25/09/2024 10:00;;\r\n");
        CollectContext appended = run(exportSettings());
        assertThat(appended.seen()).as("only the appended row is read").isEqualTo(1);
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("101", "102", "103");

        Files.writeString(p, EXPORT.replace("Кинокомпания", "Studio"));
        Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5000));
        CollectContext changed = run(exportSettings());
        assertThat(changed.seen()).as("a rewritten file is read again").isEqualTo(2);
        assertThat(changed.stored()).as("the store keeps each post once").isZero();
    }

    @Test
    void shouldReadAHalfWrittenLastRowAgainOnceItIsComplete() throws IOException {
        Path p = write("brandwatch/growing.csv", EXPORT + "103;half");
        CollectContext first = run(exportSettings());
        assertThat(first.warnings()).singleElement().asString().contains("line 5");

        append(p, " written;@h;;25/09/2024 11:00;;\r\n");
        CollectContext second = run(exportSettings());

        assertThat(second.warnings()).isEmpty();
        assertThat(second.seen()).isEqualTo(1);
        assertThat(post("103").text()).isEqualTo("half written");
    }

    @Test
    void shouldReadNdjsonThroughTheImportsChecksWithTheDefaultSource() throws IOException {
        write("posts.ndjson", "\uFEFF{\"externalId\":\"at://did:plc:abc/app.bsky.feed.post/1\",\"author\":{\"handle\":"
                + "\"frame.bsky.social\",\"name\":\"Frame\"},\"text\":\"Runway &amp; Lionsgate 🎥\",\"publishedAt\":"
                + "\"2024-09-19T10:00:00Z\",\"metrics\":{\"likes\":3}}\n"
                + "{\"source\":\"reddit\",\"externalId\":\"t1_x\",\"author\":{\"handle\":\"u\"},\"text\":\"日本語の投稿\","
                + "\"publishedAt\":\"2024-09-19T11:00:00+02:00\"}\n"
                + "\n"
                + "{\"source\":\"nowhere\",\"externalId\":\"1\",\"author\":{\"handle\":\"u\"},\"text\":\"t\","
                + "\"publishedAt\":\"2024-09-19T11:00:00Z\"}\n"
                + "{not json\n");

        CollectContext c = run(Map.of("path", "posts.ndjson", "source", "bluesky"));

        assertThat(sink.posts).extracting(NewPost::source).containsExactly("bluesky", "reddit");
        assertThat(sink.posts.get(0).text()).as("NDJSON text is stored as given").isEqualTo("Runway &amp; Lionsgate 🎥");
        assertThat(sink.posts.get(0).sourceName()).isEqualTo("Brandwatch export");
        assertThat(sink.posts.get(1).publishedAt()).isEqualTo(Instant.parse("2024-09-19T09:00:00Z"));
        assertThat(c.warnings()).hasSize(2);
        assertThat(c.warnings().get(0)).contains("posts.ndjson, line 4").contains("unknown source 'nowhere'");
        assertThat(c.warnings().get(1)).contains("line 5").contains("not valid JSON");
    }

    @Test
    void shouldReadOnlyAppendedNdjsonLines() throws IOException {
        String line = "{\"externalId\":\"%s\",\"author\":{\"handle\":\"u\"},\"text\":\"t %s\","
                + "\"publishedAt\":\"2024-09-19T10:00:00Z\"}\n";
        Path p = write("posts.ndjson", line.formatted("1", "1") + line.formatted("2", "2"));
        run(Map.of("path", "posts.ndjson", "source", "x"));

        append(p, line.formatted("3", "3"));
        CollectContext c = run(Map.of("path", "posts.ndjson", "source", "x"));

        assertThat(c.seen()).isEqualTo(1);
        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("1", "2", "3");
    }

    @Test
    void shouldReadOtherEncodings() throws IOException {
        String csv = "externalId,text,author,publishedAt\n1,Café crème à l'écran,émile,2024-09-19T10:00:00Z\n";
        write("latin.csv", csv.getBytes(Charset.forName("windows-1252")));
        write("wide.csv", ("\uFEFF" + csv.replace("1,", "2,")).getBytes(StandardCharsets.UTF_16LE));

        run(Map.of("path", "latin.csv", "source", "news", "encoding", "windows-1252"));
        run(Map.of("path", "wide.csv", "source", "news", "encoding", "UTF-16LE"));

        assertThat(sink.posts).extracting(NewPost::text).containsExactly("Café crème à l'écran", "Café crème à l'écran");
        assertThat(post("1").author().handle()).isEqualTo("émile");
    }

    @Test
    void shouldGiveARowWithoutAnIdTheSameIdOnEveryRead() throws IOException {
        Path p = write("noid.csv", "text,author,publishedAt\nhello,u,2024-09-19 10:00:00\n");
        run(Map.of("path", "noid.csv", "source", "x"));
        Files.writeString(p, "text,author,publishedAt\nhello,u,2024-09-19 10:00:00\nagain,u,2024-09-19\n");
        Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5000));

        CollectContext c = run(Map.of("path", "noid.csv", "source", "x"));

        assertThat(sink.posts).hasSize(2);
        assertThat(sink.posts.get(0).externalId()).startsWith("sha256:");
        assertThat(sink.posts.get(0).publishedAt()).isEqualTo(Instant.parse("2024-09-19T10:00:00Z"));
        assertThat(sink.posts.get(1).publishedAt()).isEqualTo(Instant.parse("2024-09-19T00:00:00Z"));
        assertThat(c.stored()).isEqualTo(1);
    }

    @Test
    void shouldLeaveAFileWithoutARequiredColumnUnreadAndSaySo() throws IOException {
        write("wrong.csv", "id,body,user,date\n1,hi,u,2024-09-19T10:00:00Z\n");

        CollectContext c = run(Map.of("path", "wrong.csv", "source", "x"));

        assertThat(sink.posts).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("wrong.csv").contains("settings.columns.text");
        assertThat(cursors.values).isEmpty();
    }

    @Test
    void shouldStoreTheRowsBeforeAQuoteThatIsNeverClosed() throws IOException {
        write("broken.csv", "externalId,text,author,publishedAt\n1,ok,u,2024-09-19T10:00:00Z\n"
                + "2,\"never closed,u,2024-09-19T10:00:00Z\n3,lost,u,2024-09-19T10:00:00Z\n");

        CollectContext c = run(Map.of("path", "broken.csv", "source", "x"));

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("1");
        assertThat(c.warnings()).singleElement().asString().contains("broken.csv").contains("line 3");
        assertThat(cursors.values).isEmpty();
    }

    @Test
    void shouldReadEveryFileTheGlobMatchesInOrder() throws IOException {
        String csv = "externalId,text,author,publishedAt\n%s,t,u,2024-09-19T10:00:00Z\n";
        write("exports/b.csv", csv.formatted("b"));
        write("exports/a.csv", csv.formatted("a"));
        write("exports/skip.txt", csv.formatted("no"));
        write("exports/deeper/c.csv", csv.formatted("no"));
        write("top.csv", csv.formatted("no"));

        run(Map.of("path", "exports/*.csv", "source", "x"));

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("a", "b");
        assertThat(cursors.values).containsOnlyKeys("file:exports/a.csv", "file:exports/b.csv");
    }

    @Test
    void shouldReadSubFoldersWithADoubleStarGlob() throws IOException {
        String csv = "externalId,text,author,publishedAt\n%s,t,u,2024-09-19T10:00:00Z\n";
        write("top.csv", csv.formatted("top"));
        write("exports/deeper/c.csv", csv.formatted("deep"));
        write("exports/c.txt", csv.formatted("no"));

        run(Map.of("path", "{*,**/*}.csv", "source", "x"));

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactlyInAnyOrder("top", "deep");
    }

    @Test
    void shouldPassOverAnNdjsonLineTooLongToHold() throws IOException {
        String ok = "{\"externalId\":\"1\",\"author\":{\"handle\":\"u\"},\"text\":\"t\","
                + "\"publishedAt\":\"2024-09-19T10:00:00Z\"}\n";
        write("big.ndjson", "{\"text\":\"" + "x".repeat(CsvReader.MAX_FIELD + 10) + "\"}\n" + ok);

        CollectContext c = run(Map.of("path", "big.ndjson", "source", "x"));

        assertThat(sink.posts).extracting(NewPost::externalId).containsExactly("1");
        assertThat(c.warnings()).singleElement().asString().contains("line 1").contains("longer than");
    }

    @Test
    void shouldNotFollowALinkOutOfTheImportFolder() throws IOException {
        Path outside = Files.writeString(base.resolve("secret.csv"),
                "externalId,text,author,publishedAt\n1,secret,u,2024-09-19T10:00:00Z\n");
        Files.createSymbolicLink(dir().resolve("innocent.csv"), outside);

        CollectContext c = run(Map.of("path", "*.csv", "source", "x"));

        assertThat(sink.posts).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("innocent.csv").contains("outside");
    }

    @Test
    void shouldFailWhenTheImportFolderIsMissing() throws IOException {
        CollectContext c = context(Map.of("path", "a.csv", "source", "x"));
        FileCollector elsewhere = new FileCollector(base.resolve("nowhere"), () -> SOURCES);

        assertThatThrownBy(() -> elsewhere.collect(c)).isInstanceOfSatisfying(CollectException.class,
                e -> assertThat(e.outcome()).isEqualTo(CollectException.Outcome.FAILED))
                .hasMessageContaining("reelpulse.collect.import-dir");
    }

    @Test
    void shouldCheckTheSettings() throws IOException {
        FileCollector c = collector();
        JsonNode checked = c.checkSettings(null, new ObjectMapper().valueToTree(Map.of("path", "a.tsv", "source", "x",
                "delimiter", "tab", "columns", Map.of("text", "Message"))), new SsrfGuard(false));
        assertThat(checked.path("format").asText()).isEqualTo("csv");
        assertThat(checked.path("delimiter").asText()).isEqualTo("\t");
        assertThat(checked.path("columns").path("text").asText()).isEqualTo("Message");
        assertThat(checked.path("columns").path("author").asText()).isEqualTo("author");
        assertThat(checked.path("encoding").asText()).isEqualTo("UTF-8");
        assertThat(checked.path("timeZone").asText()).isEqualTo("UTC");
        JsonNode nd = c.checkSettings(null, new ObjectMapper().valueToTree(Map.of("path", "in/*.jsonl")),
                new SsrfGuard(false));
        assertThat(nd.toString()).isEqualTo("{\"path\":\"in/*.jsonl\",\"format\":\"ndjson\",\"encoding\":\"UTF-8\"}");

        assertField(Map.of("path", "../secret.csv"), "settings.path");
        assertField(Map.of("path", "exports/../../etc/passwd", "format", "csv"), "settings.path");
        assertField(Map.of("path", "/etc/passwd", "format", "csv"), "settings.path");
        assertField(Map.of("path", "C:/data/a.csv"), "settings.path");
        assertField(Map.of("path", "~/a.csv"), "settings.path");
        assertField(Map.of("path", "a\\b.csv"), "settings.path");
        assertField(Map.of("source", "x"), "settings.path");
        assertField(Map.of("path", "a.txt"), "settings.format");
        assertField(Map.of("path", "a.csv", "source", "myspace"), "settings.source");
        assertField(Map.of("path", "a.csv", "columns", Map.of("body", "Message")), "settings.columns");
        assertField(Map.of("path", "a.csv", "delimiter", ";;"), "settings.delimiter");
        assertField(Map.of("path", "a.csv", "dateFormat", "dd/MM/yyyy {"), "settings.dateFormat");
        assertField(Map.of("path", "a.csv", "timeZone", "Mars/Olympus"), "settings.timeZone");
        assertField(Map.of("path", "a.csv", "encoding", "klingon-8"), "settings.encoding");
        assertField(Map.of("path", "a.ndjson", "columns", Map.of("text", "Message")), "settings.columns");
        assertField(Map.of("path", "a.csv", "url", "x"), "settings.url");
        assertThatThrownBy(() -> c.checkSettings("https://example.com", new ObjectMapper().valueToTree(
                Map.of("path", "a.csv")), new SsrfGuard(false))).isInstanceOf(UserInputException.class);
    }

    private void assertField(Map<String, Object> settings, String field) throws IOException {
        ObjectNode s = new ObjectMapper().valueToTree(settings);
        FileCollector c = collector();
        assertThatThrownBy(() -> c.checkSettings(null, s, new SsrfGuard(false)))
                .isInstanceOfSatisfying(UserInputException.class,
                        e -> assertThat(e.details().get("field")).isEqualTo(field));
    }
}
