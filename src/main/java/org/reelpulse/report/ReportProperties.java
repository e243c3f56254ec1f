package org.reelpulse.report;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code reelpulse.report.*}: when weekly reports go out, from whom, and how hard a failed send is
 * retried. SMTP itself is Spring's {@code spring.mail.*}; without {@code spring.mail.host} reports are
 * written to {@code outbox}.
 *
 * @param scheduling   whether this node sends scheduled reports (every node may: each report goes once)
 * @param pollInterval how often due reports are looked for
 * @param from         the sender address of every report
 * @param baseUrl      the address users open ReelPulse at: the report's links start with it
 * @param outbox       where reports are written as .eml files when no SMTP server is configured
 * @param catchUp      how far back a missed scheduled report is still sent (after downtime); older
 *                     ones are recorded as skipped
 * @param lease        how long a node holds a send before another node may take it over (a node that
 *                     crashed while sending)
 * @param maxAttempts  attempts before a send that keeps failing is given up
 * @param retryFirst   the wait after the first failure; it doubles after each (with jitter)
 * @param retryMax     the longest wait between attempts
 * @param maxIndexLag  scheduled reports wait while the search index is more than this many posts behind
 *                     the database (it is being rebuilt, or catching up after downtime), so that a report
 *                     never counts from half an index
 * @param node         the name this node records on the sends it holds (default: host and process)
 */
@Validated
@ConfigurationProperties("reelpulse.report")
public record ReportProperties(
        boolean scheduling,
        @NotNull Duration pollInterval,
        @NotBlank String from,
        @NotBlank String baseUrl,
        @NotNull Path outbox,
        @NotNull Duration catchUp,
        @NotNull Duration lease,
        @Min(1) @Max(50) int maxAttempts,
        @NotNull Duration retryFirst,
        @NotNull Duration retryMax,
        @Min(0) long maxIndexLag,
        String node) {

    public ReportProperties {
        if (node == null || node.isBlank()) {
            node = ProcessHandle.current().pid() + "@" + host();
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
