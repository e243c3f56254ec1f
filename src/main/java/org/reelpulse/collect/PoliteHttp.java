package org.reelpulse.collect;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way collectors reach the outside, and politely: one descriptive User-Agent, connect and read
 * timeouts, gzip, a least spacing between requests to one host, {@code Retry-After} on 429 and 503,
 * exponential backoff with jitter on 5xx and timeouts, and the rate-limit headers of the platforms
 * ({@code X-RateLimit-*} with an ISO reset, {@code RateLimit-*} with an epoch reset, {@code
 * X-Ratelimit-*} with a float remaining and seconds left) read so the next request waits when the
 * budget is spent. Every URL, and every redirect, passes the {@link SsrfGuard} first.
 */
@Component
public class PoliteHttp {

    private static final Logger log = LoggerFactory.getLogger(PoliteHttp.class);
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    /** Waits; tests pass one that records the wait instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final CollectProperties properties;
    private final SsrfGuard guard;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient client;
    private final String userAgent;
    /** When each host may be asked next: spacing and spent rate limits, shared by every run on this node. */
    private final Map<String, Instant> nextAllowed = new ConcurrentHashMap<>();
    /** A longer spacing a host asked for itself (robots.txt {@code Crawl-delay}). */
    private final Map<String, Duration> crawlDelays = new ConcurrentHashMap<>();

    @Autowired
    PoliteHttp(CollectProperties properties, SsrfGuard guard, Clock clock) {
        this(properties, guard, clock, d -> Thread.sleep(Math.max(0, d.toMillis())));
    }

    PoliteHttp(CollectProperties properties, SsrfGuard guard, Clock clock, Sleeper sleeper) {
        this.properties = properties;
        this.guard = guard;
        this.clock = clock;
        this.sleeper = sleeper;
        // redirects are followed here, not by the client, so each one is checked by the guard
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String version = PoliteHttp.class.getPackage().getImplementationVersion();
        this.userAgent = "ReelPulse/" + (version == null ? "dev" : version) + " (+" + properties.contactUrl() + ")";
    }

    /** The User-Agent every request carries. */
    public String userAgent() {
        return userAgent;
    }

    /** A new session for one run: it counts the requests the run makes. */
    public Session session() {
        return new Session();
    }

    /** A response, its body read in full (and decompressed). */
    public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The charset of the Content-Type header, when it names one this JVM knows. */
        public Optional<Charset> charset() {
            return header("Content-Type").flatMap(ct -> {
                Matcher m = CHARSET.matcher(ct);
                if (!m.find()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Charset.forName(m.group(1)));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** The requests of one run. Not shared between threads. */
    public final class Session {

        private int requests;

        private Session() {
        }

        /** How many requests went out, every attempt counted. */
        public int requests() {
            return requests;
        }

        /**
         * Spaces this host's requests by at least {@code delay} from now on (its robots.txt {@code
         * Crawl-delay}), on every run of this node; zero goes back to {@code host-spacing}.
         */
        public void crawlDelay(String host, Duration delay) {
            String h = host.toLowerCase(Locale.ROOT);
            if (delay.isZero() || delay.isNegative()) {
                crawlDelays.remove(h);
                return;
            }
            if (!delay.equals(crawlDelays.put(h, delay))) {
                // new or changed: the robots.txt request that told it was just made
                nextAllowed.merge(h, clock.instant().plus(delay), (a, b) -> a.isAfter(b) ? a : b);
            }
        }

        /**
         * GETs the URL with these extra headers, following redirects. A 429, 503 or other 5xx that
         * persists after the last attempt is returned as it is; a URL the guard refuses, a timeout or a
         * connection failure after the last attempt, or a wait longer than {@code max-wait}, throws a
         * {@link CollectException}.
         */
        public Response get(URI uri, Map<String, String> headers) {
            URI current = uri;
            for (int hop = 0; hop <= properties.maxRedirects(); hop++) {
                Response r = withRetries(current, headers, null);
                Optional<String> location = r.header("Location");
                if (isRedirect(r.status()) && location.isPresent()) {
                    current = current.resolve(location.get().strip());
                    continue;
                }
                return r;
            }
            throw new CollectException(CollectException.Outcome.FAILED, "More than " + properties.maxRedirects()
                    + " redirects from " + uri + ".");
        }

        /**
         * POSTs a form ({@code application/x-www-form-urlencoded}) with the same politeness as {@link #get}:
         * guard, spacing, retries on 429, 5xx and timeouts. Redirects are not followed, so the form never
         * travels on to a place it was not meant for. Only for idempotent requests, such as asking for a token.
         */
        public Response postForm(URI uri, Map<String, String> headers, String form) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            return withRetries(uri, h, form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * POSTs the body (a login, say; its Content-Type among the headers) politely like {@link #get}:
         * spaced, retried on 429 and 5xx, rate limits noted. Redirects are not followed: the answer is
         * returned as it is.
         */
        public Response post(URI uri, Map<String, String> headers, byte[] body) {
            return withRetries(uri, headers, body);
        }

        private Response withRetries(URI uri, Map<String, String> headers) {
            return withRetries(uri, headers, null);
        }

        private Response withRetries(URI uri, Map<String, String> headers, byte[] form) {
            try {
                guard.check(uri);
            } catch (SsrfGuard.Refused e) {
                throw new CollectException(CollectException.Outcome.FAILED, "Cannot fetch " + uri + ": "
                        + e.getMessage() + ".", e);
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            for (int attempt = 1;; attempt++) {
                waitForHost(host, uri);
                requests++;
                Response r;
                try {
                    r = send(uri, headers, form);
                } catch (HttpTimeoutException e) {
                    if (attempt >= properties.maxAttempts()) {
                        throw new CollectException(CollectException.Outcome.FAILED, uri + " did not answer within "
                                + properties.readTimeout().toSeconds() + " s (" + attempt + " attempts).", e);
                    }
                    log.info("{} timed out (attempt {}); trying again", uri, attempt);
                    pause(backoff(attempt), uri);
                    continue;
                } catch (IOException e) {
                    if (attempt >= properties.maxAttempts()) {
                        throw new CollectException(CollectException.Outcome.FAILED, "Could not reach " + uri + ": "
                                + (e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage()))
                                + " (" + attempt + " attempts).", e);
                    }
                    log.info("{} failed (attempt {}): {}; trying again", uri, attempt, e.toString());
                    pause(backoff(attempt), uri);
                    continue;
                } finally {
                    spaceOut(host);
                }
                noteRateLimit(host, r.headers());
                int s = r.status();
                if ((s == 429 || s >= 500) && attempt < properties.maxAttempts()) {
                    Duration wait = (s == 429 || s == 503) ? retryAfter(r.headers()).orElse(backoff(attempt))
                            : backoff(attempt);
                    log.info("{} answered {} (attempt {}); waiting {} ms", uri, s, attempt, wait.toMillis());
                    pause(wait, uri);
                    continue;
                }
                return r;
            }
        }
    }

    /** A GET, or a POST of the body when there is one; a User-Agent among the headers replaces ours. */
    private Response send(URI uri, Map<String, String> headers, byte[] payload) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(properties.readTimeout())
                .header("Accept-Encoding", "gzip");
        if (payload == null) {
            b.GET();
        } else {
            b.POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        String agent = userAgent;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("User-Agent")) {
                agent = h.getValue();
            } else {
                b.header(h.getKey(), h.getValue());
            }
        }
        b.header("User-Agent", agent);
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException(CollectException.Outcome.FAILED, "Interrupted while fetching " + uri + ".");
        }
        BodyDeadline deadline = new BodyDeadline(properties.readTimeout());
        try (InputStream raw = response.body()) {
            boolean gzip = response.headers().firstValue("Content-Encoding")
                    .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxBodyBytes() + 1));
            if (body.length > properties.maxBodyBytes()) {
                throw new CollectException(CollectException.Outcome.DEGRADED, uri + " answered with more than "
                        + properties.maxBodyBytes() + " bytes (reelpulse.collect.max-body-bytes).");
            }
            return new Response(response.statusCode(), response.headers(), body, uri);
        } catch (IOException e) {
            if (deadline.passed()) {
                HttpTimeoutException slow = new HttpTimeoutException("the body did not arrive in full within "
                        + properties.readTimeout());
                slow.initCause(e);
                throw slow;
            }
            throw e;
        } finally {
            deadline.end();
        }
    }

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reelpulse-collect-deadlines");
        t.setDaemon(true);
        return t;
    });

    /**
     * The read timeout covers a response until its headers; this covers its body: when the body has not
     * arrived in full within the same time (a server that stalls mid-body), the reading thread is
     * interrupted, which ends the blocked read with an IOException, and the read counts as a timeout.
     */
    private static final class BodyDeadline {
        private final Thread reader = Thread.currentThread();
        private final ScheduledFuture<?> alarm;
        private boolean ended;
        private boolean passed;

        BodyDeadline(Duration within) {
            alarm = DEADLINES.schedule(this::pass, within.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void pass() {
            if (!ended) {
                passed = true;
                reader.interrupt();
            }
        }

        synchronized boolean passed() {
            return passed;
        }

        /** Called by the reader when it is done; clears an interrupt this deadline caused. */
        void end() {
            synchronized (this) {
                ended = true;
            }
            alarm.cancel(false);
            if (passed()) {
                Thread.interrupted();
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private void waitForHost(String host, URI uri) {
        Instant next = nextAllowed.get(host);
        if (next != null) {
            Duration wait = Duration.between(clock.instant(), next);
            if (!wait.isNegative() && !wait.isZero()) {
                pause(wait, uri);
            }
        }
    }

    private void spaceOut(String host) {
        Duration spacing = properties.hostSpacing();
        Duration asked = crawlDelays.get(host);
        if (asked != null && asked.compareTo(spacing) > 0) {
            spacing = asked;
        }
        Instant earliest = clock.instant().plus(spacing);
        nextAllowed.merge(host, earliest, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** When the response says the budget is spent (remaining below one), the host waits until its reset. */
    private void noteRateLimit(String host, HttpHeaders headers) {
        Optional<Double> remaining = first(headers, "X-RateLimit-Remaining", "RateLimit-Remaining",
                "X-Rate-Limit-Remaining").flatMap(PoliteHttp::number);
        if (remaining.isEmpty() || remaining.get() >= 1) {
            return;
        }
        first(headers, "X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset")
                .flatMap(v -> resetInstant(v, clock.instant()))
                .ifPresent(reset -> nextAllowed.merge(host, reset, (a, b) -> a.isAfter(b) ? a : b));
    }

    /**
     * A rate-limit reset in any of the platforms' forms: an ISO-8601 instant (Mastodon), epoch seconds
     * (Bluesky, X) or seconds left in the window (Reddit, the IETF draft); a big number is an epoch.
     */
    static Optional<Instant> resetInstant(String value, Instant now) {
        String v = value.strip();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException notIso) {
            return number(v).map(n -> n > 1_000_000_000d ? Instant.ofEpochMilli((long) (n * 1000))
                    : now.plusMillis((long) (n * 1000)));
        }
    }

    /** Retry-After as seconds or as an HTTP date. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(v -> retryAfter(v, clock.instant()));
    }

    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The wait after the n-th failed attempt: doubling from backoff-first, capped, half of it random. */
    Duration backoff(int attempt) {
        long base = properties.backoffFirst().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, properties.backoffMax().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void pause(Duration wait, URI uri) {
        if (wait.compareTo(properties.maxWait()) > 0) {
            throw new CollectException(CollectException.Outcome.FAILED, uri.getHost() + " asks to wait "
                    + wait.toSeconds() + " s, longer than reelpulse.collect.max-wait; the next run tries again.");
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException(CollectException.Outcome.FAILED, "Interrupted while waiting for " + uri + ".");
        }
    }

    private static Optional<String> first(HttpHeaders headers, String... names) {
        for (String n : names) {
            Optional<String> v = headers.firstValue(n);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> number(String v) {
        try {
            return Optional.of(Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
