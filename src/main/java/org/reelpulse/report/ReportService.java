package org.reelpulse.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.reelpulse.dashboard.Dashboard;
import org.reelpulse.dashboard.DashboardRequest;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.dashboard.Interval;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.search.PostIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import jakarta.mail.internet.MimeMessage;

/**
 * Weekly reports: what a subscription's report for a week contains, its preview, sending it now, and
 * sending every scheduled report once.
 *
 * <p><b>Once and only once.</b> Each due report is planned as a row under a unique key (subscription
 * and week), so any number of nodes planning it make one. A node sends it only after claiming it with
 * a conditional update that gives it a lease; each recipient is marked before the message is handed
 * to the mail server and after it was accepted, so a node that takes over after a crash (its lease ran
 * out) sends only to the recipients not yet served. The one message that can go twice is the one that
 * was being handed over at the instant of the crash; it carries the same Message-ID both times, so mail
 * systems can tell it is the same. A failure that may pass (server down, timeout, 4xx) is retried with
 * exponential backoff and jitter; a recipient refused for good fails alone.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    private static final int HISTORY = 100;

    private final SubscriptionService subscriptions;
    private final SubscriptionRepository subscriptionRows;
    private final SendRepository sends;
    private final DashboardService dashboards;
    private final ReportRenderer renderer;
    private final ReportMail mail;
    private final ReportProperties properties;
    private final PostIndexer indexer;
    private final Clock clock;

    ReportService(SubscriptionService subscriptions, SubscriptionRepository subscriptionRows, SendRepository sends,
            DashboardService dashboards, ReportRenderer renderer, ReportMail mail, ReportProperties properties,
            PostIndexer indexer, Clock clock) {
        this.indexer = indexer;
        this.subscriptions = subscriptions;
        this.subscriptionRows = subscriptionRows;
        this.sends = sends;
        this.dashboards = dashboards;
        this.renderer = renderer;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where reports go: "SMTP" or the outbox folder. */
    public String destination() {
        return mail.destination();
    }

    /**
     * The week of the subscription's report: {@code week} (e.g. {@code 2024-W39}) or, when blank, the
     * latest report due by now; when every event's window is over, the report after the first
     * announcement instead (the week a finished reaction is looked back on for).
     */
    public ReportWeek week(Subscription s, String week) {
        if (week != null && !week.isBlank()) {
            return ReportWeek.of(week, s.weekday(), s.time(), s.zone());
        }
        Instant now = clock.instant();
        List<TrackedEvent> tracked = tracked(s);
        boolean over = !tracked.isEmpty() && tracked.stream().allMatch(e -> e.to().isBefore(now));
        java.util.Optional<Instant> announced = tracked.stream().map(TrackedEvent::announcedAt)
                .filter(java.util.Objects::nonNull).min(Instant::compareTo);
        if (over && announced.isPresent()) {
            return ReportWeek.next(announced.get(), s.weekday(), s.time(), s.zone());
        }
        return ReportWeek.latest(now, s.weekday(), s.time(), s.zone());
    }

    /**
     * The weeks a report can be previewed or sent for: from the start of the events' windows to the
     * latest report due (at most two years), the latest first.
     */
    public List<ReportWeek> weeks(Subscription s) {
        Instant now = clock.instant();
        List<TrackedEvent> tracked = tracked(s);
        Instant first = tracked.stream().map(TrackedEvent::from).min(Instant::compareTo)
                .orElse(now.minus(Duration.ofDays(28)));
        Instant last = tracked.stream().map(TrackedEvent::to).max(Instant::compareTo).filter(t -> t.isBefore(now))
                .orElse(now);
        List<ReportWeek> weeks = new ArrayList<>(ReportWeek.between(first, ReportWeek.next(last, s.weekday(), s.time(),
                s.zone()).at(), s.weekday(), s.time(), s.zone()));
        weeks.removeIf(w -> w.at().isAfter(now));
        java.util.Collections.reverse(weeks);
        return weeks.size() > 104 ? weeks.subList(0, 104) : weeks;
    }

    /** The subscription's events that are still tracked, in its order. */
    private List<TrackedEvent> tracked(Subscription s) {
        return s.events().stream().map(dashboards::find).flatMap(java.util.Optional::stream).toList();
    }

    /** What the subscription's report for the week contains. */
    public ReportContent content(Subscription s, ReportWeek week) {
        List<EventReport> events = new ArrayList<>();
        // an event deleted since the subscription was made is left out
        for (String slug : tracked(s).stream().map(TrackedEvent::slug).toList()) {
            Dashboard d = dashboards.overview(new DashboardRequest(slug, week.from(), week.at(), s.sources(),
                    s.langs(), s.groups(), Interval.DAY));
            events.add(new EventReport(d, dashboardUrl(s, slug, week), properties.baseUrl() + "/posts/"));
        }
        if (events.isEmpty()) {
            throw new UserInputException("None of the subscription's events (" + String.join(", ", s.events())
                    + ") is tracked any more: choose other events for '" + s.name() + "'.", Map.of("field", "events"));
        }
        return new ReportContent(s.name(), Locale.forLanguageTag(s.language()), week.id(), s.zone(), week.from(),
                week.at(), clock.instant(), s.pseudonymise(), events);
    }

    /** The link to the dashboard with the report's event, days and filters. */
    private String dashboardUrl(Subscription s, String slug, ReportWeek week) {
        StringBuilder url = new StringBuilder(properties.baseUrl()).append("/?event=").append(encode(slug))
                .append("&from=").append(week.from().atOffset(ZoneOffset.UTC).toLocalDate())
                .append("&to=").append(week.at().minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDate());
        s.sources().forEach(v -> url.append("&source=").append(encode(v)));
        s.langs().forEach(v -> url.append("&lang=").append(encode(v)));
        s.groups().forEach(v -> url.append("&group=").append(encode(v)));
        return url.append("&interval=day").toString();
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** The subscription's report for the week, rendered as it is sent. */
    public RenderedReport render(long subscriptionId, String week) {
        Subscription s = subscriptions.get(subscriptionId);
        return renderer.render(content(s, week(s, week)));
    }

    /** The subscription's sends, the latest first. */
    public List<ReportSend> history(long subscriptionId) {
        subscriptions.get(subscriptionId);
        return sends.history(subscriptionId, HISTORY);
    }

    /** One send of the subscription. */
    public ReportSend send(long subscriptionId, long sendId) {
        return sends.find(sendId).filter(r -> r.subscriptionId() == subscriptionId).orElseThrow(
                () -> new NotFoundException("Subscription " + subscriptionId + " has no send " + sendId + "."));
    }

    /**
     * Sends the subscription's report for the week now, to every recipient, whatever the schedule (a
     * send of its own beside the scheduled one), and returns what became of it. A failure that may pass
     * is retried in the background like a scheduled report's.
     */
    public ReportSend sendNow(long subscriptionId, String week, String user) {
        Subscription s = subscriptions.get(subscriptionId);
        ReportWeek w = week(s, week);
        Instant now = clock.instant();
        long id = sends.createManual(s.id(), w, user, properties.node(), now, now.plus(properties.lease()));
        process(id);
        return sends.find(id).orElseThrow();
    }

    /**
     * Plans the scheduled reports that fell due, then sends those this node can claim. Called by the
     * scheduler on every node; returns how many sends this node worked on.
     */
    public int runDue() {
        Instant now = clock.instant();
        plan(now);
        PostIndexer.IndexStatus index = indexer.status();
        if (index.storedSeq() - index.indexedSeq() > properties.maxIndexLag()) {
            log.info("Due reports wait: the search index is {} posts behind the database",
                    index.storedSeq() - index.indexedSeq());
            return 0;
        }
        int worked = 0;
        for (long id : sends.claimableIds(now, 20)) {
            Instant at = clock.instant();
            if (sends.claim(id, properties.node(), at, at.plus(properties.lease()))) {
                process(id);
                worked++;
            }
        }
        return worked;
    }

    /**
     * Plans each enabled subscription's reports scheduled since the last one planned (or since it was
     * made or changed): those within the catch-up window to be sent, older ones as skipped.
     */
    void plan(Instant now) {
        Instant oldest = now.minus(properties.catchUp());
        for (Subscription s : subscriptionRows.findEnabled()) {
            Instant after = sends.lastScheduled(s.id()).orElse(s.createdAt());
            if (s.updatedAt().isAfter(after)) {
                after = s.updatedAt(); // a changed schedule counts from the change on
            }
            for (ReportWeek w : ReportWeek.between(after, now, s.weekday(), s.time(), s.zone())) {
                if (sends.planScheduled(s.id(), w, w.at().isBefore(oldest) ? SendRepository.SKIPPED
                        : SendRepository.PENDING, now)) {
                    log.info("Report '{}' for {} is due (scheduled {})", s.name(), w.id(), w.at());
                }
            }
        }
    }

    /** Sends a report this node has claimed, to each recipient not yet served. */
    void process(long sendId) {
        String node = properties.node();
        ReportSend send = sends.find(sendId).orElse(null);
        if (send == null) {
            return; // its subscription was deleted meanwhile
        }
        Subscription s = subscriptionRows.find(send.subscriptionId()).orElse(null);
        if (s == null) {
            return;
        }
        RenderedReport report;
        try {
            report = renderer.render(content(s, new ReportWeek(send.week(), send.from(), send.to())));
        } catch (UserInputException e) {
            sends.finish(sendId, node, SendRepository.FAILED, e.getMessage(), clock.instant());
            return;
        } catch (RuntimeException e) {
            log.error("The report '{}' for {} could not be built", s.name(), send.week(), e);
            retryOrFail(send, "The report could not be built: " + e);
            return;
        }
        sends.addRecipients(sendId, s.recipients());
        String domain = domain(properties.from());
        String transient_ = null;
        for (ReportSend.Delivery d : sends.find(sendId).orElseThrow().deliveries()) {
            if (!d.status().equals(SendRepository.PENDING) && !d.status().equals(SendRepository.SENDING)) {
                continue;
            }
            String messageId = ReportMail.messageId(sendId, d.recipient(), domain);
            if (!sends.startDelivery(sendId, d.recipient(), node, messageId)) {
                log.warn("Report send {} was taken over by another node; this one stops", sendId);
                return;
            }
            MimeMessage message = mail.message(report, d.recipient(), messageId);
            try {
                mail.send(message, d.recipient(), send.week() + "-" + s.name() + "-" + sendId + "-" + d.recipient());
                sends.delivered(sendId, d.recipient(), clock.instant());
            } catch (ReportMail.RecipientRefused e) {
                log.warn("The report '{}' for {} was refused for {}: {}", s.name(), send.week(), d.recipient(),
                        e.getMessage());
                sends.deliveryFailed(sendId, d.recipient(), true, "Refused: " + e.getMessage());
            } catch (ReportMail.DeliveryFailed e) {
                log.warn("The report '{}' for {} could not be sent to {}: {}", s.name(), send.week(), d.recipient(),
                        e.getMessage());
                sends.deliveryFailed(sendId, d.recipient(), false, e.getMessage());
                transient_ = e.getMessage();
                break; // the server is likely down for the others too: try them all again later
            }
        }
        if (transient_ != null) {
            retryOrFail(sends.find(sendId).orElseThrow(), transient_);
            return;
        }
        List<ReportSend.Delivery> done = sends.find(sendId).orElseThrow().deliveries();
        long sent = done.stream().filter(d -> d.status().equals(SendRepository.SENT)).count();
        long failed = done.stream().filter(d -> d.status().equals(SendRepository.FAILED)).count();
        String status = failed == 0 ? SendRepository.SENT : sent == 0 ? SendRepository.FAILED : SendRepository.PARTIAL;
        sends.finish(sendId, node, status, failed == 0 ? null
                : failed + " of " + done.size() + " recipients failed; see each recipient's error.", clock.instant());
        log.info("Report '{}' for {}: {} ({} sent, {} failed)", s.name(), send.week(), status, sent, failed);
    }

    private void retryOrFail(ReportSend send, String error) {
        Instant now = clock.instant();
        if (send.attempts() >= properties.maxAttempts()) {
            sends.finish(send.id(), properties.node(), SendRepository.FAILED, SendRepository.truncate(
                    "Gave up after " + send.attempts() + " attempts. Last error: " + error, 4000), now);
            return;
        }
        Duration wait = backoff(send.attempts());
        sends.retry(send.id(), properties.node(), now.plus(wait), SendRepository.truncate("Attempt " + send.attempts()
                + " failed, next in " + wait.toSeconds() + " s: " + error, 4000));
    }

    /** retryFirst · 2^(attempts − 1), at most retryMax, then between half and all of it (jitter). */
    Duration backoff(int attempts) {
        long first = Math.max(1, properties.retryFirst().toMillis());
        long max = Math.max(first, properties.retryMax().toMillis());
        long full = attempts >= 40 ? max : Math.min(max, first << Math.max(0, attempts - 1));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    private static String domain(String from) {
        int at = from.lastIndexOf('@');
        String d = at < 0 ? "reelpulse" : from.substring(at + 1).replace(">", "").strip();
        return d.isEmpty() ? "reelpulse" : d;
    }
}
