package org.reelpulse.collect;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Creating, changing, removing and running configured sources, for the API and (later) the views.
 * Everything is checked before it is stored, and a refusal names the field and says what to write.
 */
@Service
public class SourceService {

    static final Duration DEFAULT_SCHEDULE = Duration.ofMinutes(15);
    static final Duration MIN_SCHEDULE = Duration.ofMinutes(1);
    static final Duration MAX_SCHEDULE = Duration.ofDays(7);
    static final int MAX_RUNS = 100;
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final SourceRepository repository;
    private final CollectRunner runner;
    private final Credentials credentials;
    private final SsrfGuard guard;
    private final Map<String, Collector> collectors;
    private final Clock clock;

    SourceService(SourceRepository repository, CollectRunner runner, Credentials credentials, SsrfGuard guard,
            List<Collector> collectors, Clock clock) {
        this.repository = repository;
        this.runner = runner;
        this.credentials = credentials;
        this.guard = guard;
        this.collectors = collectors.stream().collect(Collectors.toMap(Collector::kind, Function.identity()));
        this.clock = clock;
    }

    /** The kinds this version can collect. */
    public List<String> kinds() {
        return List.copyOf(new TreeSet<>(collectors.keySet()));
    }

    public List<CollectSource> list() {
        return repository.findAll().stream().map(SourceRepository.Stored::source).toList();
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
        String kind = kind(in.kind());
        Checked c = check(kind, in, Map.of());
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
        Checked c = check(kind, in, existing.credentials());
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

    /**
     * Runs the source now, even when paused or not due, and answers with the finished run; empty when it
     * is being collected already (on this node or another).
     */
    public Optional<SourceRun> collectNow(long id) {
        stored(id);
        return runner.run(id, true);
    }

    /** The source's latest runs, the latest first. */
    public List<SourceRun> runs(long id, int limit) {
        stored(id);
        return repository.runs(id, Math.max(1, Math.min(limit, MAX_RUNS)));
    }

    private record Checked(String name, String baseUrl, JsonNode settings, Map<String, String> credentials,
            Duration schedule, boolean enabled) {
    }

    private String kind(String kind) {
        String k = kind == null ? "" : kind.strip();
        if (!collectors.containsKey(k)) {
            throw problem("kind", (k.isEmpty() ? "The kind is missing" : "ReelPulse cannot collect the kind '" + k + "'")
                    + "; use one of " + kinds() + ".");
        }
        return k;
    }

    private Checked check(String kind, SourceInput in, Map<String, String> storedCredentials) {
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
        Duration schedule = schedule(in.schedule());
        boolean enabled = in.enabled() == null || in.enabled();
        return new Checked(name, baseUrl, settings, credentials(in.credentials(), storedCredentials), schedule, enabled);
    }

    private static Duration schedule(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SCHEDULE;
        }
        Duration d;
        try {
            d = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw problem("schedule", "The schedule is an ISO-8601 duration like PT15M (every 15 minutes) or PT2H; '"
                    + value + "' is not one.");
        }
        if (d.compareTo(MIN_SCHEDULE) < 0 || d.compareTo(MAX_SCHEDULE) > 0) {
            throw problem("schedule", "The schedule must be between PT1M and P7D, so a source is neither hammered nor "
                    + "forgotten; '" + value + "' is not.");
        }
        return d;
    }

    private Map<String, String> credentials(Map<String, String> sent, Map<String, String> stored) {
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
