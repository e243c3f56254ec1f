package org.reelpulse.collect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bluesky login sessions, kept in memory across runs per source. A PDS allows only 30 logins
 * ({@code com.atproto.server.createSession}) per 5 minutes and 300 a day per account, so a run reuses
 * the session of the last one and, when its access token has expired, exchanges the refresh token
 * ({@code com.atproto.server.refreshSession}) instead of logging in again. Only when that fails too
 * does it log in with the app password. Tokens never leave this class in a message.
 */
final class BlueskySessions {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An access token this close to its expiry is refreshed before use rather than refused mid-run. */
    static final Duration EARLY = Duration.ofMinutes(1);

    /** One session: whose it is (so a changed identifier or host logs in anew) and its two tokens. */
    record Session(String host, String identifier, String did, String accessJwt, String refreshJwt,
            Instant accessExpires) {
    }

    private final Map<Long, Session> bySource = new ConcurrentHashMap<>();

    /**
     * A session usable now for the source: the cached one, refreshed if its access token expired, or a
     * new login. A login refused with 401 (or 400 naming bad credentials) is a needs-credentials failure.
     */
    Session open(CollectContext context, URI base) {
        Map<String, String> credentials = context.credentials();
        String identifier = credentials.get("identifier");
        String password = credentials.get("password");
        if (identifier == null || identifier.isBlank() || password == null || password.isBlank()) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "Bluesky post search needs a "
                    + "logged-in account: give {\"identifier\": \"<handle or e-mail>\", \"password\": \"<app password>\"} "
                    + "(create an app password under Settings > Privacy and security > App passwords).");
        }
        long id = context.source().id();
        Session cached = bySource.get(id);
        if (cached != null && cached.host().equals(base.getHost()) && cached.identifier().equals(identifier)) {
            if (cached.accessExpires().isAfter(context.clock().instant().plus(EARLY))) {
                return cached;
            }
            Optional<Session> refreshed = refresh(context, base, cached);
            if (refreshed.isPresent()) {
                bySource.put(id, refreshed.get());
                return refreshed.get();
            }
        }
        Session fresh = login(context, base, identifier, password);
        bySource.put(id, fresh);
        return fresh;
    }

    /**
     * After the server refused the access token of {@code used} (expired early, or revoked): a session to
     * try once more, refreshed or logged in anew; the cached one is dropped either way.
     */
    Session renew(CollectContext context, URI base, Session used) {
        bySource.remove(context.source().id(), used);
        Optional<Session> refreshed = refresh(context, base, used);
        if (refreshed.isPresent()) {
            bySource.put(context.source().id(), refreshed.get());
            return refreshed.get();
        }
        Session fresh = login(context, base, used.identifier(), context.credentials().get("password"));
        bySource.put(context.source().id(), fresh);
        return fresh;
    }

    /** Forgets the source's session (its credentials were refused). */
    void forget(long sourceId) {
        bySource.remove(sourceId);
    }

    /** Whether a session is cached for the source (tests). */
    boolean has(long sourceId) {
        return bySource.containsKey(sourceId);
    }

    private Session login(CollectContext context, URI base, String identifier, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("identifier", identifier);
        body.put("password", password);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PoliteHttp.Response r = context.http().post(base.resolve("xrpc/com.atproto.server.createSession"),
                Map.of("Accept", "application/json", "Content-Type", "application/json"), json);
        JsonNode answer = read(r);
        String error = answer.path("error").asText("");
        if (r.status() == 401 || r.status() == 400 && (error.equals("AuthenticationRequired")
                || error.equals("InvalidRequest") || error.equals("AuthFactorTokenRequired"))) {
            forget(context.source().id());
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, base.getHost()
                    + " refused the login of '" + identifier + "' (" + r.status() + (error.isEmpty() ? "" : " " + error)
                    + "): check the identifier (a handle like name.bsky.social, or the account's e-mail) and use an "
                    + "app password, not the account's own password, in {\"identifier\", \"password\"}.");
        }
        if (r.status() == 403) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, base.getHost()
                    + " answered 403 to the login of '" + identifier + "'" + (error.isEmpty() ? "" : " (" + error + ")")
                    + ": the account may be taken down, suspended or deactivated; check it in the Bluesky app.");
        }
        return session(context, r, answer, base, identifier, "the login");
    }

    /** The refreshed session, or empty when the refresh token is refused too (expired, revoked). */
    private Optional<Session> refresh(CollectContext context, URI base, Session old) {
        PoliteHttp.Response r = context.http().post(base.resolve("xrpc/com.atproto.server.refreshSession"),
                Map.of("Accept", "application/json", "Authorization", "Bearer " + old.refreshJwt()), new byte[0]);
        if (r.status() == 400 || r.status() == 401) {
            return Optional.empty();
        }
        return Optional.of(session(context, r, read(r), base, old.identifier(), "the session refresh"));
    }

    private static Session session(CollectContext context, PoliteHttp.Response r, JsonNode answer, URI base,
            String identifier, String what) {
        if (r.status() < 200 || r.status() >= 300) {
            throw new CollectException(CollectException.Outcome.FAILED, base.getHost() + " answered " + r.status()
                    + " to " + what + " after " + context.http().requests() + " requests; the next run tries again.");
        }
        String access = answer.path("accessJwt").asText("");
        String refresh = answer.path("refreshJwt").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            throw new CollectException(CollectException.Outcome.DEGRADED, base.getHost() + " answered " + what
                    + " without the tokens of a session; the next run tries again.");
        }
        Instant now = context.clock().instant();
        return new Session(base.getHost(), identifier, answer.path("did").asText(""), access, refresh,
                expiry(access).orElse(now.plus(Duration.ofMinutes(5))));
    }

    /** When a JWT expires ({@code exp} of its payload, in epoch seconds), when it says. */
    static Optional<Instant> expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = payload.path("exp");
            return exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode read(PoliteHttp.Response r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
