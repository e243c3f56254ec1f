package org.reelpulse.ui;

import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;

/**
 * How long the dashboard takes to become usable in a real browser: from asking for the page to the
 * headline figures shown and every chart drawn, in headless Chromium against a running ReelPulse.
 * Signed in once, as a viewer; each run opens the page anew, and the server computes the figures
 * anew. Run by {@code docs/benchmarks/dashboard-page.sh}: {@code <base URL> <runs> <event>}.
 */
public final class DashboardPageBenchmark {

    private static final List<String> CHARTS = List.of("volume-chart", "groups-chart", "groups-time-chart",
            "themes-chart", "crafts-chart", "sources-card-chart", "languages-card-chart");

    private DashboardPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String event = args.length > 2 ? args[2] : "lionsgate-runway";
        StringBuilder drawn = new StringBuilder("return !!document.querySelector('#kpi-posts .rp-kpi-value')");
        for (String c : CHARTS) {
            drawn.append(" && (() => { const c = document.getElementById('").append(c)
                    .append("'); return !!(c && c.renderedOption && c.querySelector('canvas')); })()");
        }
        drawn.append(";");
        try (Browser b = new Browser(base)) {
            b.login("viewer", "reelpulse-demo");
            b.await(By.id("volume-chart"));
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < runs + 3; i++) {
                b.open("/compare-events"); // away, so each run loads the dashboard from scratch
                b.await(By.id("compare-events"));
                long start = System.nanoTime();
                b.open("/?event=" + event);
                b.awaitTrue(drawn.toString());
                long took = (System.nanoTime() - start) / 1_000_000;
                if (i >= 3) { // the first runs warm up the server and the browser's cache
                    millis.add(took);
                }
            }
            millis.sort(null);
            System.out.printf("dashboard usable (figures shown, %d charts drawn), %d runs: p50 %d ms, p95 %d ms,"
                    + " max %d ms%n", CHARTS.size(), millis.size(), millis.get(millis.size() / 2),
                    millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
        }
    }
}
