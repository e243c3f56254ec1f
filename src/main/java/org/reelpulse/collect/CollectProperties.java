package org.reelpulse.collect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code reelpulse.collect.*}: when configured sources are polled and how politely they are asked.
 *
 * @param scheduling            whether this node runs due sources (every node may: a source runs on one
 *                              node at a time)
 * @param pollInterval          how often due sources are looked for
 * @param allowPrivateAddresses whether a source may reach loopback, link-local, private or multicast
 *                              addresses; off, since a user-configured URL must not reach the inside of
 *                              the network (server-side request forgery)
 * @param contactUrl            where the operators of a site learn who is calling: it goes into the
 *                              User-Agent
 * @param connectTimeout        how long a connection may take to open
 * @param readTimeout           how long a response may take to start, and then again to arrive in full (a
 *                              body that stalls counts as a timeout)
 * @param hostSpacing           the least time between two requests to the same host
 * @param maxAttempts           attempts of one request on 5xx and timeouts (and 429/503) before it fails
 * @param backoffFirst          the wait after the first failed attempt; it doubles after each (with jitter)
 * @param backoffMax            the longest wait between two attempts
 * @param maxWait               the longest a Retry-After or a rate-limit reset is waited for in a run;
 *                              a longer one fails the run, which the next scheduled run retries
 * @param maxBodyBytes          the largest response body read (decompressed)
 * @param lease                 how long a node holds a source it runs before another node may take it
 *                              over (a node that crashed mid-run)
 * @param maxRedirects          redirects followed per request, each one checked like the first URL
 * @param maxPages              pages of one paged timeline (a hashtag, an account) read in one run, so a
 *                              first run does not walk back through years and a later one catches up in steps
 * @param node                  the name this node records on the sources it runs (default: host and process)
 * @param importDir             the folder file sources read dropped exports from (default {@code data/import});
 *                              no file outside it is ever read
 */
@Validated
@ConfigurationProperties("reelpulse.collect")
public record CollectProperties(
        boolean scheduling,
        @NotNull Duration pollInterval,
        boolean allowPrivateAddresses,
        @NotBlank String contactUrl,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout,
        @NotNull Duration hostSpacing,
        @Min(1) @Max(20) int maxAttempts,
        @NotNull Duration backoffFirst,
        @NotNull Duration backoffMax,
        @NotNull Duration maxWait,
        @Min(1024) long maxBodyBytes,
        @NotNull Duration lease,
        @Min(0) @Max(20) int maxRedirects,
        @Min(1) @Max(1000) int maxPages,
        String node,
        String importDir) {

    public CollectProperties {
        if (node == null || node.isBlank()) {
            node = ProcessHandle.current().pid() + "@" + host();
        }
        if (importDir == null || importDir.isBlank()) {
            importDir = "data/import";
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
