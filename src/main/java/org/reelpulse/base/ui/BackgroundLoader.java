package org.reelpulse.base.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Runs a view's slow work (a dashboard, a report) off the UI thread, so the view stays responsive;
 * the view pushes the result to the browser when ready. Two threads: one per core of a small server.
 */
@Component
public class BackgroundLoader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BackgroundLoader.class);
    private final ExecutorService executor;

    BackgroundLoader() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "view-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work}, then hands its result to {@code done}, or its failure to {@code failed}. */
    public <T> void load(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        executor.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                if (!(e instanceof org.reelpulse.base.UserInputException)) {
                    log.error("Background work for a view failed", e);
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
