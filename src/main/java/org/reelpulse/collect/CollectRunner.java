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
                    cursors(id), sink(), clock, eventTerms.current());
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
                end.plus(source.schedule()));
        return sources.run(runId);
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
