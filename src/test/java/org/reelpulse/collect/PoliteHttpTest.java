package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reelpulse.collect.LoopbackServer.body;
import static org.reelpulse.collect.LoopbackServer.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoliteHttpTest {

    private final LoopbackServer server = new LoopbackServer();
    private final CollectTesting.RecordingSleeper sleeper = new CollectTesting.RecordingSleeper();
    private final PoliteHttp http = new PoliteHttp(CollectTesting.properties(true, Duration.ofSeconds(5)),
            new SsrfGuard(true), CollectTesting.clock(), sleeper);

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] ok() {
        return "ok".getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSendOneDescriptiveUserAgentAndAcceptGzip() {
        server.then(body(200, Map.of("Content-Encoding", "gzip"), LoopbackServer.gzip("zipped body".getBytes())));
        PoliteHttp.Session s = http.session();

        PoliteHttp.Response r = s.get(server.uri("/a"), Map.of("Accept", "text/plain"));

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("zipped body");
        assertThat(server.requests.get(0).headers().getFirst("User-Agent"))
                .matches("ReelPulse/\\S+ \\(\\+https://reelpulse.example/about\\)");
        assertThat(server.requests.get(0).headers().getFirst("Accept-Encoding")).isEqualTo("gzip");
        assertThat(server.requests.get(0).headers().getFirst("Accept")).isEqualTo("text/plain");
        assertThat(s.requests()).isEqualTo(1);
    }

    @Test
    void shouldWaitAsRetryAfterSaysOn429ThenSucceed() {
        server.then(status(429, Map.of("Retry-After", "7")), body(200, Map.of(), ok()));
        PoliteHttp.Session s = http.session();

        PoliteHttp.Response r = s.get(server.uri("/limited"), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(s.requests()).isEqualTo(2);
    }

    @Test
    void shouldReadRetryAfterAsAnHttpDateOn503() {
        // the fixed clock reads 2024-09-25T12:00:00Z
        server.then(status(503, Map.of("Retry-After", "Wed, 25 Sep 2024 12:01:30 GMT")), body(200, Map.of(), ok()));

        assertThat(http.session().get(server.uri("/busy"), Map.of()).status()).isEqualTo(200);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void shouldBackOffOn5xxThenSucceed() {
        server.then(status(502, Map.of()), status(500, Map.of()), body(200, Map.of(), ok()));
        PoliteHttp.Session s = http.session();

        assertThat(s.get(server.uri("/flaky"), Map.of()).status()).isEqualTo(200);
        assertThat(s.requests()).isEqualTo(3);
        // backoff-first 10 ms doubling, capped at 40 ms, half of it random
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void shouldReturnThePersisting5xxAfterTheLastAttempt() {
        server.then(status(500, Map.of()));
        PoliteHttp.Session s = http.session();

        assertThat(s.get(server.uri("/down"), Map.of()).status()).isEqualTo(500);
        assertThat(s.requests()).isEqualTo(3);
    }

    @Test
    void shouldTryAgainAfterATimeout() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(300)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        server.then(ex -> {
            try {
                never.await(5, java.util.concurrent.TimeUnit.SECONDS); // far past the 300 ms read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, body(200, Map.of(), ok()));
        PoliteHttp.Session s = impatient.session();

        PoliteHttp.Response r = s.get(server.uri("/slow"), Map.of());
        never.countDown();

        assertThat(r.status()).isEqualTo(200);
        assertThat(s.requests()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void shouldFailAfterTheLastTimeout() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(200)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        server.then(ex -> {
            try {
                never.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThatThrownBy(() -> impatient.session().get(server.uri("/stuck"), Map.of()))
                .isInstanceOf(CollectException.class).hasMessageContaining("did not answer")
                .hasMessageContaining("3 attempts");
        never.countDown();
    }

    @Test
    void shouldCountABodyThatStallsAsATimeoutAndTryAgain() {
        PoliteHttp impatient = new PoliteHttp(CollectTesting.properties(true, Duration.ofMillis(300)),
                new SsrfGuard(true), CollectTesting.clock(), sleeper);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        server.then(ex -> {
            // the headers and half the body at once, then nothing: the read timeout alone would wait forever
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[500]);
            ex.getResponseBody().flush();
            try {
                never.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, body(200, Map.of(), ok()));
        PoliteHttp.Session s = impatient.session();

        PoliteHttp.Response r = s.get(server.uri("/stalls"), Map.of());
        never.countDown();

        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(new String(ok(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(s.requests()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
    }

    @Test
    void shouldWaitForTheResetWhenTheRateLimitIsSpent() {
        // Mastodon: remaining 0, reset as an ISO instant 45 s after the fixed clock
        server.then(body(200, Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "2024-09-25T12:00:45.000Z"), ok()), body(200, Map.of(), ok()));
        PoliteHttp.Session s = http.session();

        s.get(server.uri("/one"), Map.of());
        assertThat(sleeper.waits).isEmpty();
        s.get(server.uri("/two"), Map.of());

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void shouldNotWaitWhileTheRateLimitHasRoom() {
        server.then(body(200, Map.of("X-Ratelimit-Remaining", "151.0", "X-Ratelimit-Reset", "300"), ok()));
        PoliteHttp.Session s = http.session();
        s.get(server.uri("/one"), Map.of());
        s.get(server.uri("/two"), Map.of());

        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void shouldReadTheResetInEachPlatformsForm() {
        Instant now = Instant.parse("2024-09-25T12:00:00Z");
        assertThat(PoliteHttp.resetInstant("2024-09-25T12:05:00.000Z", now)).contains(Instant.parse("2024-09-25T12:05:00Z"));
        assertThat(PoliteHttp.resetInstant("1727265900", now)).contains(Instant.ofEpochSecond(1727265900));
        assertThat(PoliteHttp.resetInstant("42.5", now)).contains(now.plusMillis(42_500));
        assertThat(PoliteHttp.resetInstant("soon", now)).isEmpty();
    }

    @Test
    void shouldFailRatherThanWaitLongerThanMaxWait() {
        server.then(status(429, Map.of("Retry-After", "3600")));

        assertThatThrownBy(() -> http.session().get(server.uri("/banned"), Map.of()))
                .isInstanceOf(CollectException.class).hasMessageContaining("max-wait");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void shouldFollowRedirectsButCheckEachOneWithTheGuard() {
        server.then(status(302, Map.of("Location", "/moved")), body(200, Map.of(), ok()));
        PoliteHttp.Response r = http.session().get(server.uri("/old"), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.requests.get(1).path()).isEqualTo("/moved");

        PoliteHttp strict = new PoliteHttp(CollectTesting.properties(false, Duration.ofSeconds(5)),
                new SsrfGuard(false), CollectTesting.clock(), sleeper);
        assertThatThrownBy(() -> strict.session().get(server.uri("/old"), Map.of()))
                .isInstanceOf(CollectException.class).hasMessageContaining("internal address");
        assertThat(server.requests).as("refused before any request").hasSize(2);
    }
}
