package org.reelpulse.collect;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import jakarta.annotation.PreDestroy;

/**
 * Creating, changing, pausing, testing, removing and running configured sources, for the API and the
 * sources view. Everything is checked before it is stored, and a refusal names the field and says what
 * to write.
 */
@Service
public class SourceService {

    static final Schedule DEFAULT_SCHEDULE = Schedule.every(Duration.ofMinutes(15));
    /** The posts a source stored in this window before now give its lag. */
    static final Duration LAG_WINDOW = Duration.ofHours(24);
    static final int MAX_RUNS = 100;
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final SourceRepository repository;
    private final CollectRunner runner;
    private final Credentials credentials;
    private final SsrfGuard guard;
    private final Map<String, Collector> collectors;
    private final SourceProperties properties;
    private final Clock clock;
    private final ExecutorService collecting;

    SourceService(SourceRepository repository, CollectRunner runner, Credentials credentials, SsrfGuard guard,
            List<Collector> collectors, SourceProperties properties, Clock clock) {
        this.repository = repository;
        this.runner = runner;
        this.credentials = credentials;
        this.guard = guard;
        this.collectors = collectors.stream().collect(Collectors.toMap(Collector::kind, Function.identity()));
        this.properties = properties;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        // one thread per source asked at most: a source runs once at a time, so this is bounded by the sources
        this.collecting = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "collect-now-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        collecting.shutdownNow();
    }

    /** The kinds this version can collect. */
    public List<String> kinds() {
        return List.copyOf(new TreeSet<>(collectors.keySet()));
    }

    public List<CollectSource> list() {
        return repository.findAll().stream().map(SourceRepository.Stored::source).toList();
    }

    /** Every source with its items today (since midnight UTC) and in all, and its lag. */
    public List<SourceOverview> overview() {
        return overview(list());
    }

    /** The source with this id with its figures. */
    public SourceOverview overview(long id) {
        return overview(List.of(get(id))).get(0);
    }

    private List<SourceOverview> overview(List<CollectSource> list) {
        Instant now = clock.instant();
        Map<Long, long[]> items = repository.itemsNew(now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                .toInstant());
        Map<String, Duration> lag = repository.lag(now.minus(LAG_WINDOW));
        return list.stream().map(s -> {
            long[] n = items.getOrDefault(s.id(), new long[2]);
            return new SourceOverview(s, n[0], n[1], lag.get(s.name()));
        }).toList();
    }

    /** The source with this id, or a {@link NotFoundException} naming it. */
    public CollectSource get(long id) {
        return stored(id).source();
    }

    private SourceRepository.Stored stored(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("There is no source " + id
                + "; GET /api/sources lists them."));
    }

    public CollectSource create(SourceInput in) {
        return create(in, guard);
    }

    /**
     * Adds a source of the shipped catalog. Its URLs are checked for their form only, not resolved: the
     * catalog is ours, startup must not wait on name lookups, and every request is checked again anyway.
     */
    CollectSource createFromCatalog(SourceInput in) {
        return create(in, new SsrfGuard(true));
    }

    private CollectSource create(SourceInput in, SsrfGuard guard) {
        String kind = kind(in.kind());
        Checked c = check(kind, in, Map.of(), guard);
        if (repository.findIdByName(c.name()).isPresent()) {
            throw taken(c.name());
        }
        try {
            long id = repository.insert(kind, c.name(), c.baseUrl(), c.settings(), c.credentials(), c.schedule(),
                    c.enabled(), clock.instant());
            return get(id);
        } catch (DuplicateKeyException race) {
            throw taken(c.name());
        }
    }

    /**
     * Replaces the source's fields. The kind cannot change; credentials left out (null) are kept, and a
     * key sent with an empty value is removed. A changed URL or setting forgets the source's cursors.
     */
    public CollectSource update(long id, SourceInput in) {
        SourceRepository.Stored existing = stored(id);
        String kind = existing.source().kind();
        if (in.kind() != null && !in.kind().isBlank() && !in.kind().strip().equals(kind)) {
            throw problem("kind", "The kind cannot change ('" + kind + "' to '" + in.kind().strip() + "'): create a "
                    + "new source and delete this one instead.");
        }
        Checked c = check(kind, in, existing.credentials(), guard);
        Optional<Long> sameName = repository.findIdByName(c.name());
        if (sameName.isPresent() && sameName.get() != id) {
            throw taken(c.name());
        }
        boolean moved = !c.settings().equals(existing.source().settings())
                || !java.util.Objects.equals(c.baseUrl(), existing.source().baseUrl());
        try {
            repository.update(id, c.name(), c.baseUrl(), c.settings(), c.credentials(), c.schedule(), c.enabled(),
                    clock.instant());
        } catch (DuplicateKeyException race) {
            throw taken(c.name());
        }
        if (moved) {
            repository.clearCursors(id);
        }
        return get(id);
    }

    public void delete(long id) {
        if (!repository.delete(id)) {
            throw new NotFoundException("There is no source " + id + " to delete.");
        }
    }

    /** Pauses the source: it is not run on schedule (collect now and test still work). */
    public CollectSource pause(long id) {
        stored(id);
        repository.enable(id, false, null, clock.instant());
        return get(id);
    }

    /** Resumes the source: due at once for an interval, at its next time for a cron schedule. */
    public CollectSource resume(long id) {
        CollectSource s = get(id);
        Instant now = clock.instant();
        repository.enable(id, true, s.schedule().first(now), now);
        return get(id);
    }

    /**
     * Runs the source now, even when paused or not due. Answers with the finished run when it ends within
     * {@code answer-within}, else with the run still going (it goes on in the background); empty when the
     * source is being collected already (on this node or another).
     */
    public Optional<CollectNow> collectNow(long id) {
        stored(id);
        CompletableFuture<Long> started = new CompletableFuture<>();
        CompletableFuture<Optional<SourceRun>> run = CompletableFuture.supplyAsync(
                () -> runner.run(id, true, started::complete), collecting);
        run.whenComplete((r, e) -> started.complete(null));
        long wait = properties.answerWithin().toMillis();
        try {
            return run.get(wait, TimeUnit.MILLISECONDS).map(r -> new CollectNow(r, true));
        } catch (TimeoutException stillRunning) {
            try {
                Long runId = started.get(wait + 1000, TimeUnit.MILLISECONDS);
                if (runId == null) {
                    return run.get().map(r -> new CollectNow(r, true));
                }
                return repository.run(runId).map(r -> new CollectNow(r, !SourceRun.RUNNING.equals(r.status())));
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("Collecting source " + id + " did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting source " + id, e);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Collecting source " + id + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while collecting source " + id, e);
        }
    }

    /** One run of the source, or a {@link NotFoundException}. */
    public SourceRun run(long sourceId, long runId) {
        stored(sourceId);
        return repository.run(runId).filter(r -> r.sourceId() == sourceId).orElseThrow(() -> new NotFoundException(
                "Source " + sourceId + " has no run " + runId + "; GET /api/sources/" + sourceId + "/runs lists them."));
    }

    /**
     * Tests a source that is not saved: checked as on creation (nothing stored), then run once as {@link
     * CollectRunner#test} does. Credentials are used as sent.
     */
    public SourceTest test(SourceInput in) {
        if (in.name() == null || in.name().isBlank()) {
            in = new SourceInput(in.kind(), "Test", in.baseUrl(), in.settings(), in.credentials(), in.schedule(),
                    in.enabled());
        }
        String kind = kind(in.kind());
        Checked c = check(kind, in, Map.of(), guard, false);
        return runner.test(new CollectSource(0, kind, c.name(), c.baseUrl(), c.settings(), List.copyOf(
                c.credentials().keySet()), c.schedule(), c.enabled(), CollectSource.NEW, null, null, null, null, null,
                null), c.credentials());
    }

    /**
     * Tests a saved source, as it is or ({@code changes} not null) as it would be with these changes: the
     * stored credentials are used where the changes leave them out.
     */
    public SourceTest test(long id, SourceInput changes) {
        SourceRepository.Stored existing = stored(id);
        if (changes == null) {
            return runner.test(existing.source(), existing.credentials());
        }
        String kind = existing.source().kind();
        Checked c = check(kind, changes, existing.credentials(), guard, false);
        CollectSource s = existing.source();
        return runner.test(new CollectSource(s.id(), kind, c.name(), c.baseUrl(), c.settings(), List.copyOf(
                c.credentials().keySet()), c.schedule(), c.enabled(), s.status(), s.nextRunAt(), s.lastSuccessAt(),
                s.lastError(), s.lastErrorAt(), s.createdAt(), s.updatedAt()), c.credentials());
    }

    /** The source's latest runs, the latest first. */
    public List<SourceRun> runs(long id, int limit) {
        stored(id);
        return repository.runs(id, Math.max(1, Math.min(limit, MAX_RUNS)));
    }

    private record Checked(String name, String baseUrl, JsonNode settings, Map<String, String> credentials,
            Schedule schedule, boolean enabled) {
    }

    private String kind(String kind) {
        String k = kind == null ? "" : kind.strip();
        if (!collectors.containsKey(k)) {
            throw problem("kind", (k.isEmpty() ? "The kind is missing" : "ReelPulse cannot collect the kind '" + k + "'")
                    + "; use one of " + kinds() + ".");
        }
        return k;
    }

    private Checked check(String kind, SourceInput in, Map<String, String> storedCredentials, SsrfGuard guard) {
        return check(kind, in, storedCredentials, guard, true);
    }

    /** {@code seal}: literal credentials encrypted to be stored; not for a test, which uses them as sent. */
    private Checked check(String kind, SourceInput in, Map<String, String> storedCredentials, SsrfGuard guard,
            boolean seal) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw problem("name", "Give the source a name of 1 to 200 characters, e.g. \"Variety\".");
        }
        String baseUrl = in.baseUrl() == null || in.baseUrl().isBlank() ? null : in.baseUrl().strip();
        if (baseUrl != null) {
            checkUrl("baseUrl", baseUrl, guard);
        }
        JsonNode settings = in.settings() == null || in.settings().isNull() ? JsonNodeFactory.instance.objectNode()
                : in.settings();
        if (!settings.isObject()) {
            throw problem("settings", "The settings are a JSON object, e.g. {\"url\": \"https://variety.com/feed/\"}.");
        }
        settings = collectors.get(kind).checkSettings(baseUrl, settings, guard);
        Schedule schedule = schedule(in.schedule());
        boolean enabled = in.enabled() == null || in.enabled();
        return new Checked(name, baseUrl, settings, credentials(in.credentials(), storedCredentials, seal), schedule,
                enabled);
    }

    /** An interval (PT15M) or a six-field cron expression (UTC); blank for every 15 minutes. */
    static Schedule schedule(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SCHEDULE;
        }
        try {
            return Schedule.parse(value);
        } catch (IllegalArgumentException e) {
            throw problem("schedule", e.getMessage());
        }
    }

    private Map<String, String> credentials(Map<String, String> sent, Map<String, String> stored, boolean seal) {
        if (sent == null) {
            return stored;
        }
        Map<String, String> merged = new LinkedHashMap<>(stored);
        Map<String, String> literal = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sent.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey();
            if (!CREDENTIAL_KEY.matcher(key).matches()) {
                throw problem("credentials", "Credential names are letters, digits, '-' and '_', starting with a letter, "
                        + "e.g. \"token\"; '" + key + "' is not one.");
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                merged.remove(key);
            } else {
                literal.put(key, e.getValue());
            }
        }
        if (!seal) {
            merged.putAll(literal);
            return merged;
        }
        try {
            merged.putAll(credentials.seal(literal));
        } catch (IllegalStateException noKey) {
            throw problem("credentials." + noKey.getMessage(), "Literal secrets are stored encrypted, and the "
                    + "environment variable " + Credentials.KEY_VARIABLE + " is not set: set it to a random key "
                    + "(e.g. openssl rand -base64 32) and restart, or refer to an environment variable instead, e.g. "
                    + "{\"" + noKey.getMessage() + "\": \"${MY_TOKEN}\"}.");
        } catch (IllegalArgumentException badKey) {
            throw problem("credentials", badKey.getMessage() + "; set it to a random key, e.g. openssl rand -base64 32.");
        }
        return merged;
    }

    /**
     * Checks an absolute http(s) URL a user gave, including that it reaches no internal address; throws a
     * {@link UserInputException} naming {@code field}. For the adapters' own settings too.
     */
    public static URI checkUrl(String field, String value, SsrfGuard guard) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw problem(field, "'" + value + "' is not a URL; write one like https://variety.com/feed/.");
        }
        if (!uri.isAbsolute()) {
            throw problem(field, "'" + value + "' is not an absolute URL; write one like https://variety.com/feed/.");
        }
        try {
            return guard.check(uri);
        } catch (SsrfGuard.Refused e) {
            throw problem(field, "Cannot use '" + value + "': " + e.getMessage() + ".");
        }
    }

    static UserInputException problem(String field, String message) {
        return new UserInputException(message, Map.of("field", field));
    }

    private static UserInputException taken(String name) {
        return problem("name", "A source named '" + name + "' exists already: choose another name, or change that "
                + "source with PUT /api/sources/{id}.");
    }
}
