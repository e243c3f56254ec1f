package org.reelpulse.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends the weekly reports that are due, on every node that has {@code reelpulse.report.scheduling}. */
@Component
@ConditionalOnProperty(name = "reelpulse.report.scheduling", havingValue = "true", matchIfMissing = true)
class ReportScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportService reports;

    ReportScheduler(ReportService reports) {
        this.reports = reports;
    }

    @Scheduled(fixedDelayString = "${reelpulse.report.poll-interval}", initialDelayString = "PT5S")
    void sendDueReports() {
        try {
            reports.runDue();
        } catch (RuntimeException e) {
            // the next run tries again; nothing is marked sent that was not
            log.error("Sending due reports failed", e);
        }
    }
}
