package org.reelpulse.collect;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * robots.txt as RFC 9309 says, read by crawler-commons for the product token {@code reelpulse}: fetched
 * once per origin (scheme, host, port) and run through {@link PoliteHttp} (so through the SSRF guard and
 * its redirects), kept for its {@code Cache-Control: max-age} and at most 24 hours. A 4xx other than 429
 * ("unavailable") allows everything; a 5xx, a 429 or no answer ("unreachable") disallows everything for
 * this run only, so the next run asks again. {@code Crawl-delay} becomes the host's spacing in PoliteHttp.
 */
@Component
class RobotsTxt {

    /** The product token groups are matched on (RFC 9309 §2.2.1), the first word of our User-Agent. */
    static final String PRODUCT_TOKEN = "reelpulse";
    static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(RobotsTxt.class);
    private static final Pattern MAX_AGE_DIRECTIVE = Pattern.compile("(?i)max-age\\s*=\\s*(\\d{1,10})");

    /** The rules of one origin, and until when they hold; {@code why} says where they came from. */
    record Rules(BaseRobotRules rules, Instant expires, String why, Duration crawlDelay) {

        boolean allows(URI url) {
            return !rules.isDeferVisits() && rules.isAllowed(url.toString());
        }
    }

    /** Across runs of this node: origins whose robots.txt answered (2xx or 4xx), until they expire. */
    private final Map<String, Rules> cache = new ConcurrentHashMap<>();

    /** The robots.txt view of one run: each origin is asked at most once in it. */
    Run run(CollectContext context) {
        return new Run(context);
    }

    /** One run's robots.txt answers, shared by its articles, pages and sitemaps. */
    final class Run {
        private final CollectContext context;
        private final Map<String, Rules> asked = new HashMap<>();

        private Run(CollectContext context) {
            this.context = context;
        }

        /**
         * Empty when ReelPulse may fetch the URL; else why not (the robots.txt disallows it, or could not be
         * fetched). A URL the SSRF guard refuses throws, as any request to it would.
         */
        Optional<String> refusal(URI url) {
            Rules r = rules(url);
            if (r.allows(url)) {
                return Optional.empty();
            }
            return Optional.of(r.why());
        }

        Rules rules(URI url) {
            String origin = origin(url);
            Rules r = asked.get(origin);
            if (r != null) {
                return r;
            }
            Instant now = context.clock().instant();
            r = cache.get(origin);
            if (r == null || !r.expires().isAfter(now)) {
                r = fetch(URI.create(origin + "/robots.txt"), now);
                if (r.expires().isAfter(now)) {
                    cache.put(origin, r);
                } else {
                    cache.remove(origin);
                }
            }
            context.http().crawlDelay(url.getHost(), r.crawlDelay());
            asked.put(origin, r);
            return r;
        }

        private Rules fetch(URI robots, Instant now) {
            SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
            PoliteHttp.Response res;
            try {
                res = context.http().get(robots, Map.of("Accept", "text/plain"));
            } catch (CollectException e) {
                if (e.getCause() instanceof SsrfGuard.Refused) {
                    throw e;
                }
                log.info("{} unreachable: {}", robots, e.getMessage());
                return unreachable(robots, "could not be fetched (" + e.getMessage() + ")", now);
            }
            int status = res.status();
            if (status >= 200 && status < 300) {
                String type = res.header("Content-Type").orElse("text/plain");
                SimpleRobotRules rules = parser.parseContent(robots.toString(), res.body(), type, List.of(PRODUCT_TOKEN));
                long delay = rules.getCrawlDelay();
                Duration crawlDelay = delay == BaseRobotRules.UNSET_CRAWL_DELAY || delay <= 0 ? Duration.ZERO
                        : Duration.ofMillis(delay);
                return new Rules(rules, now.plus(maxAge(res)), robots + " disallows it for " + PRODUCT_TOKEN,
                        crawlDelay);
            }
            if (status >= 400 && status < 500 && status != 429) {
                // RFC 9309 §2.3.1.3: unavailable, so no rules apply
                return new Rules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), now.plus(maxAge(res)),
                        robots + " answered " + status, Duration.ZERO);
            }
            // RFC 9309 §2.3.1.4: unreachable (a 5xx, or 429 as a server asking us to go away), so all is disallowed
            return unreachable(robots, "answered " + status, now);
        }
    }

    private static Rules unreachable(URI robots, String what, Instant now) {
        return new Rules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), now,
                robots + " " + what + "; RFC 9309 says to fetch nothing from the site until it answers", Duration.ZERO);
    }

    /** Cache-Control max-age, at most (and by default) 24 hours, as RFC 9309 §2.4 advises. */
    private static Duration maxAge(PoliteHttp.Response res) {
        Optional<String> cc = res.header("Cache-Control");
        if (cc.isPresent()) {
            Matcher m = MAX_AGE_DIRECTIVE.matcher(cc.get());
            if (m.find()) {
                Duration d = Duration.ofSeconds(Long.parseLong(m.group(1)));
                return d.compareTo(MAX_AGE) < 0 ? d : MAX_AGE;
            }
        }
        return MAX_AGE;
    }

    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
