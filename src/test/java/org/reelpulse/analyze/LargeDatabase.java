package org.reelpulse.analyze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.Application;
import org.reelpulse.analyze.labour.LabelRulesService;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.event.EventInput;
import org.reelpulse.event.EventService;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.search.GeneratedCorpus;
import org.reelpulse.search.PostIndexer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds a data folder holding a large analysed corpus, for the benchmarks that need the whole
 * application at scale (the dashboard page in a browser, a weekly report): the search benchmark's
 * generated posts (Zipfian words and authors, four languages, bursts after the Lionsgate–Runway and
 * Blumhouse–Meta announcements) are stored through the application's own repositories with their
 * scores and labels, as if the analysis had run, then indexed by the application's indexer. The demo's
 * two tracked events are created through the event service. Not a test:
 * {@code docs/benchmarks/large-database.sh [posts] [data folder]}; then start ReelPulse on the folder
 * ({@code --reelpulse.data-dir=<folder> --reelpulse.demo.enabled=false}).
 */
public final class LargeDatabase {

    private static final int BATCH = 5_000;

    private LargeDatabase() {
    }

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/reelpulse-large-" + posts);
        if (Files.exists(dir.resolve("db"))) {
            throw new IllegalStateException(dir + " holds a database already: delete it or choose another folder");
        }
        SpringApplication app = new SpringApplication(Application.class);
        long started = System.nanoTime();
        // as arguments: they must win over application.properties
        String[] settings = {"--reelpulse.data-dir=" + dir, "--reelpulse.demo.enabled=false",
                "--reelpulse.analyze.enabled=false",
                // indexed once at the end, not while every post gets its second seq
                "--reelpulse.search.indexing=false", "--reelpulse.report.scheduling=false", "--server.port=0"};
        try (ConfigurableApplicationContext context = app.run(settings)) {
            createTheDemoEvents(context.getBean(EventService.class));
            DataSource data = context.getBean(DataSource.class);
            String analysis = context.getBean(PostAnalyzer.class).version();
            String rules = context.getBean(LabelRulesService.class).current().version();
            GeneratedCorpus corpus = new GeneratedCorpus(GeneratedCorpus.demoPosts(), posts, 42);
            List<GeneratedCorpus.Analysed> batch = new ArrayList<>(BATCH);
            long[] stored = {0};
            corpus.forEach(a -> {
                batch.add(a);
                if (batch.size() == BATCH) {
                    flush(batch, data, analysis, rules);
                    stored[0] += BATCH;
                    if (stored[0] % 100_000 == 0) {
                        System.out.printf(Locale.ROOT, "%,d posts stored after %d s%n", stored[0],
                                (System.nanoTime() - started) / 1_000_000_000);
                    }
                }
            });
            flush(batch, data, analysis, rules);
            moveTheCountersOn(data, posts);
            PostRepository store = context.getBean(PostRepository.class);
            long storedAt = System.nanoTime();
            PostIndexer indexer = context.getBean(PostIndexer.class);
            indexer.catchUp();
            PostIndexer.IndexStatus status = indexer.status();
            System.out.printf(Locale.ROOT, "%,d posts stored and analysed in %d s, indexed (%,d documents) in %d s more; "
                    + "data folder %s%n", store.count(), (storedAt - started) / 1_000_000_000, status.documents(),
                    (System.nanoTime() - storedAt) / 1_000_000_000, dir.toAbsolutePath());
        }
    }

    private static final String POST = "insert into post (id, seq, source, external_id, url, author_handle, text, lang, "
            + "published_at, likes, reposts, replies, quotes, repost_of, collected_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ANALYSIS = "insert into analysis (post_id, lang, label, score, confidence, method, reason, "
            + "analysed_at, drivers, version, labels_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LABEL = "insert into post_label (post_id, kind, name, title, reason, rule) "
            + "values (?, ?, ?, ?, ?, ?)";

    /**
     * Stores a batch of posts with their scores and labels in one transaction, as JDBC batches: the
     * repositories' statement per row would take most of an hour for a million posts. The columns are
     * those {@code PostRepository.insertNew} and {@code AnalysisRepository.saveAll} write; post ids and
     * seqs are the corpus's ids, and the counters are moved past them at the end.
     */
    private static void store(List<GeneratedCorpus.Analysed> batch, DataSource data, String analysis, String rules)
            throws SQLException {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement post = c.prepareStatement(POST);
                    PreparedStatement scored = c.prepareStatement(ANALYSIS);
                    PreparedStatement label = c.prepareStatement(LABEL)) {
                for (GeneratedCorpus.Analysed a : batch) {
                    Post p = a.post();
                    Metrics m = p.metrics();
                    OffsetDateTime at = p.publishedAt().atOffset(ZoneOffset.UTC);
                    Object[] row = {p.id(), p.id(), p.source(), p.externalId(), p.url(), p.author().handle(), p.text(),
                            p.lang(), at, m.likes(), m.reposts(), m.replies(), m.quotes(), p.repostOf(), at};
                    set(post, row);
                    Sentiment s = a.sentiment();
                    if (s == null) {
                        continue;
                    }
                    set(scored, new Object[] {p.id(), s.lang(), s.label().key(), s.score(), s.confidence(), s.method(),
                            s.reason(), s.analysedAt().atOffset(ZoneOffset.UTC),
                            s.drivers().isEmpty() ? null : String.join("\n", s.drivers()), analysis, rules});
                    java.util.Set<String> written = new java.util.HashSet<>();
                    for (Label l : a.labels().all()) {
                        if (written.add(l.kind().key() + "\n" + l.name())) {
                            set(label, new Object[] {p.id(), l.kind().key(), l.name(), l.title(), l.reason(), l.rule()});
                        }
                    }
                }
                post.executeBatch();
                scored.executeBatch();
                label.executeBatch();
            }
            c.commit();
        }
    }

    private static void flush(List<GeneratedCorpus.Analysed> batch, DataSource data, String analysis, String rules) {
        try {
            store(batch, data, analysis, rules);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        batch.clear();
    }

    private static void set(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** Moves the post ids and seqs past the corpus's, so that posts added later get new ones. */
    private static void moveTheCountersOn(DataSource data, long last) throws SQLException {
        try (Connection c = data.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("alter table post alter column id restart with " + (last + 1));
            s.execute("alter sequence post_seq restart with " + (last + 1));
        }
    }

    private static void createTheDemoEvents(EventService events) throws java.io.IOException {
        for (JsonNode e : new ObjectMapper().readTree(Path.of("data/demo/events.json").toFile())) {
            List<String> parties = new ArrayList<>();
            e.path("parties").forEach(p -> parties.add(p.asText()));
            events.create(new EventInput(e.path("slug").asText(), e.path("name").asText(),
                    e.path("description").asText(null), parties, Instant.parse(e.path("announcedAt").asText()),
                    e.path("query").asText(), Map.of(), e.path("colour").asText(null),
                    Instant.parse(e.path("from").asText()), Instant.parse(e.path("to").asText())));
        }
        System.out.println("tracked events: " + events.list().stream().map(t -> t.slug()).toList());
    }
}
