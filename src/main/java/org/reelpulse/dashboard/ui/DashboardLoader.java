package org.reelpulse.dashboard.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Computes dashboards off the UI thread, so a view stays responsive while the figures are counted;
 * the view pushes them to the browser when ready. Two threads: one per core of a small server.
 */
@Component
class DashboardLoader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DashboardLoader.class);
    private final ExecutorService executor;

    DashboardLoader() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work}, then hands its result to {@code done}, or its failure to {@code failed}. */
    <T> void load(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        executor.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                if (!(e instanceof org.reelpulse.base.UserInputException)) {
                    log.error("Computing a dashboard failed", e);
                }
                failed.accept(e);
                return;
            }
            done.accept(result);
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
