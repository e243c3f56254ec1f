package org.reelpulse.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.reelpulse.post.PostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs sources: the scheduler's due ones and "collect now" alike, by one path. A run first claims its
 * source (so it never runs twice at once, on this node or another), records a {@code collect_run},
 * hands the adapter its context, and then sets the source's status, last success or last error and
 * next due time. One source failing never stops the others.
 */
@Service
public class CollectRunner {

    private static final Logger log = LoggerFactory.getLogger(CollectRunner.class);

    private final SourceRepository sources;
    private final Credentials credentials;
    private final PoliteHttp http;
    private final PostRepository posts;
    private final Map<String, Collector> collectors;
    private final CollectProperties properties;
    private final EventTerms eventTerms;
    private final Clock clock;

    CollectRunner(SourceRepository sources, Credentials credentials, PoliteHttp http, PostRepository posts,
            List<Collector> collectors, CollectProperties properties, EventTerms eventTerms, Clock clock) {
        this.eventTerms = eventTerms;
        this.sources = sources;
        this.credentials = credentials;
        this.http = http;
        this.posts = posts;
        this.collectors = collectors.stream().collect(Collectors.toMap(Collector::kind, Function.identity()));
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs every enabled source that is due and free, one after the other; how many ran. */
    public int runDue() {
        int ran = 0;
        for (long id : sources.dueIds(clock.instant())) {
            try {
                if (run(id, false).isPresent()) {
                    ran++;
                }
            } catch (RuntimeException e) {
                // recorded on the source where possible; the other sources still run
                log.error("Collecting source {} failed unexpectedly", id, e);
            }
        }
        return ran;
    }

    /**
     * Runs the source now if this node can claim it: empty when another run of it holds it, or (not
     * {@code evenIfNotDue}) it is not due or paused. The finished run otherwise.
     */
    public Optional<SourceRun> run(long id, boolean evenIfNotDue) {
        return run(id, evenIfNotDue, runId -> { });
    }

    /** As {@link #run(long, boolean)}, telling {@code started} the run's id as soon as it is recorded. */
    Optional<SourceRun> run(long id, boolean evenIfNotDue, java.util.function.LongConsumer started) {
        String node = properties.node();
        Instant now = clock.instant();
        if (!sources.claim(id, node, now, now.plus(properties.lease()), evenIfNotDue)) {
            return Optional.empty();
        }
        Optional<SourceRepository.Stored> found = sources.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CollectSource source = found.get().source();
        if (sources.abandonRuns(id, now) > 0) {
            log.warn("Source '{}' ({}): a run left unfinished by a stopped node is recorded as failed", source.name(),
                    source.kind());
        }
        long runId = sources.startRun(id, now);
        started.accept(runId);
        PoliteHttp.Session session = http.session();
        String runStatus;
        String sourceStatus;
        String error = null;
        int seen = 0;
        int stored = 0;
        try {
            Collector collector = collectors.get(source.kind());
            if (collector == null) {
                throw new CollectException(CollectException.Outcome.FAILED, "This version of ReelPulse has no "
                        + "collector for the kind '" + source.kind() + "'.");
            }
            CollectContext context = new CollectContext(source, credentials.open(found.get().credentials()), session,
                    cursors(id), sink(), clock, eventTerms::current);
            try {
                collector.collect(context);
            } finally {
                seen = context.seen();
                stored = context.stored();
            }
            if (context.warnings().isEmpty()) {
                runStatus = SourceRun.OK;
                sourceStatus = CollectSource.HEALTHY;
            } else {
                runStatus = SourceRun.DEGRADED;
                sourceStatus = CollectSource.DEGRADED;
                error = String.join("; ", context.warnings());
                log.warn("Source '{}' ({}) collected with problems: {}", source.name(), source.kind(), error);
            }
        } catch (CollectException e) {
            error = e.getMessage();
            switch (e.outcome()) {
                case DEGRADED -> {
                    runStatus = SourceRun.DEGRADED;
                    sourceStatus = CollectSource.DEGRADED;
                }
                case NEEDS_CREDENTIALS -> {
                    runStatus = SourceRun.FAILED;
                    sourceStatus = CollectSource.NEEDS_CREDENTIALS;
                }
                default -> {
                    runStatus = SourceRun.FAILED;
                    sourceStatus = CollectSource.FAILING;
                }
            }
            log.warn("Source '{}' ({}) {}: {}", source.name(), source.kind(), runStatus, error);
        } catch (RuntimeException e) {
            runStatus = SourceRun.FAILED;
            sourceStatus = CollectSource.FAILING;
            error = "Failed unexpectedly (" + e.getClass().getSimpleName() + "); the details are in the server log.";
            log.error("Source '{}' ({}) failed unexpectedly", source.name(), source.kind(), e);
        }
        Instant end = clock.instant();
        sources.finishRun(runId, runStatus, seen, stored, session.requests(), error, end);
        sources.release(id, node, sourceStatus, SourceRun.OK.equals(runStatus) ? end : null, error, end,
                source.schedule().next(end));
        return sources.run(runId);
    }

    /**
     * Runs the adapter once as a test: with {@code sealed} credentials opened, cursors in memory that start
     * empty (so it shows the latest items even when they were collected before), and a sink that stores
     * nothing. Adapters take their page limit from the properties they were built with, so the test stops
     * them itself: once a page held items, the next page's items end it. Nothing stored, no cursor moved,
     * the source's status untouched.
     */
    public SourceTest test(CollectSource source, Map<String, String> sealed) {
        PoliteHttp.Session session = http.session();
        TestSink sink = new TestSink(session);
        Collector collector = collectors.get(source.kind());
        String status;
        String message;
        try {
            if (collector == null) {
                throw new CollectException(CollectException.Outcome.FAILED, "This version of ReelPulse has no "
                        + "collector for the kind '" + source.kind() + "'.");
            }
            Map<String, String> memory = new java.util.HashMap<>();
            CollectContext context = new CollectContext(source, credentials.open(sealed), session,
                    new CollectContext.Cursors() {
                        @Override
                        public Optional<String> get(String key) {
                            return Optional.ofNullable(memory.get(key));
                        }

                        @Override
                        public void put(String key, String value) {
                            memory.put(key, value);
                        }
                    }, sink, clock, eventTerms::current);
            try {
                collector.collect(context);
            } catch (TestSink.Enough enough) {
                // the first page with items is what a test shows
            }
            if (context.warnings().isEmpty()) {
                status = SourceTest.OK;
                message = sink.posts.isEmpty() ? "Reached; it answered with no items right now."
                        : "Reached; it answered with items.";
            } else {
                status = CollectSource.DEGRADED;
                message = "Reached, with problems: " + String.join("; ", context.warnings());
            }
        } catch (TestSink.Enough enough) {
            // thrown from somewhere the adapter did not expect: still only the first page was kept
            status = SourceTest.OK;
            message = "Reached; it answered with items.";
        } catch (CollectException e) {
            status = switch (e.outcome()) {
                case DEGRADED -> CollectSource.DEGRADED;
                case NEEDS_CREDENTIALS -> CollectSource.NEEDS_CREDENTIALS;
                default -> CollectSource.FAILING;
            };
            message = e.getMessage();
        } catch (RuntimeException e) {
            status = CollectSource.FAILING;
            message = "Failed unexpectedly (" + e.getClass().getSimpleName() + "); the details are in the server log.";
            log.error("Testing source '{}' ({}) failed unexpectedly", source.name(), source.kind(), e);
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        sink.posts.forEach(p -> ids.add(p.externalId()));
        java.util.Set<String> stored = sources.storedIds(source.kind(), ids);
        List<SourceTest.Sample> samples = sink.posts.stream().limit(3).map(p -> new SourceTest.Sample(
                shorten(p.text(), 300), p.url(), p.publishedAt())).toList();
        return new SourceTest(status, message, ids.size(), (int) ids.stream().filter(i -> !stored.contains(i)).count(),
                samples, session.requests());
    }

    private static String shorten(String text, int max) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    /** Keeps the posts of the first page that had any, in memory; a later page ends the test. */
    private static final class TestSink implements CollectContext.PostSink {

        /** Ends a test run: the adapter has shown a page. */
        static final class Enough extends RuntimeException {
            Enough() {
                super("enough for a test", null, false, false);
            }
        }

        private final PoliteHttp.Session session;
        final List<org.reelpulse.post.NewPost> posts = new java.util.ArrayList<>();
        private int requestsAtFirstPage = -1;

        TestSink(PoliteHttp.Session session) {
            this.session = session;
        }

        @Override
        public org.reelpulse.post.InsertOutcome insertNew(List<org.reelpulse.post.NewPost> batch) {
            if (batch.isEmpty()) {
                return new org.reelpulse.post.InsertOutcome(0, 0);
            }
            if (requestsAtFirstPage < 0) {
                requestsAtFirstPage = session.requests();
            } else if (session.requests() > requestsAtFirstPage) {
                throw new Enough();
            }
            posts.addAll(batch);
            return new org.reelpulse.post.InsertOutcome(batch.size(), 0);
        }

        @Override
        public boolean tombstone(String source, String externalId) {
            return false;
        }
    }

    private CollectContext.PostSink sink() {
        return new CollectContext.PostSink() {
            @Override
            public org.reelpulse.post.InsertOutcome insertNew(List<org.reelpulse.post.NewPost> batch) {
                return posts.insertCollected(batch);
            }

            @Override
            public boolean tombstone(String source, String externalId) {
                return posts.tombstone(source, externalId);
            }
        };
    }

    private CollectContext.Cursors cursors(long sourceId) {
        return new CollectContext.Cursors() {
            @Override
            public Optional<String> get(String key) {
                return sources.cursor(sourceId, key);
            }

            @Override
            public void put(String key, String value) {
                sources.cursor(sourceId, key, value, clock.instant());
            }
        };
    }
}
