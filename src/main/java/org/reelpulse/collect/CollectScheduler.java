package org.reelpulse.collect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the sources that are due, on every node that has {@code reelpulse.collect.scheduling}. */
@Component
@ConditionalOnProperty(name = "reelpulse.collect.scheduling", havingValue = "true", matchIfMissing = true)
class CollectScheduler {

    private static final Logger log = LoggerFactory.getLogger(CollectScheduler.class);

    private final CollectRunner runner;

    CollectScheduler(CollectRunner runner) {
        this.runner = runner;
    }

    @Scheduled(fixedDelayString = "${reelpulse.collect.poll-interval}", initialDelayString = "PT10S")
    void collectDueSources() {
        try {
            runner.runDue();
        } catch (RuntimeException e) {
            // the next poll tries again; a source is only marked run when its run finished
            log.error("Collecting due sources failed", e);
        }
    }
}
