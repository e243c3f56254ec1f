package org.reelpulse.dashboard.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

import org.reelpulse.dashboard.DrillDown;

/**
 * Links from a figure to the search view showing the posts behind it. The search view takes whole
 * UTC days; a period that does not start and end at midnight (an hour) is added to the query as a
 * {@code published:} range instead, so the search finds exactly the posts counted.
 */
final class DrillDowns {

    private DrillDowns() {
    }

    /** The search view's URL for a drill-down. */
    static String url(DrillDown d) {
        StringBuilder url = new StringBuilder("search?q=");
        String q = d.q() == null ? "" : d.q();
        String from = null;
        String to = null;
        if (d.from() != null && d.to() != null && midnight(d.from()) && midnight(d.to())) {
            from = DashboardView.DAY.format(d.from());
            to = DashboardView.DAY.format(d.to().minusSeconds(1));
        } else if (d.from() != null || d.to() != null) {
            String range = "published:[" + (d.from() == null ? "*" : "\"" + d.from() + "\"") + " TO "
                    + (d.to() == null ? "*" : "\"" + d.to() + "\"") + "}";
            q = q.isBlank() ? range : "(" + q + ") AND " + range;
        }
        url.append(encode(q));
        if (from != null) {
            url.append("&from=").append(from).append("&to=").append(to);
        }
        if (d.sort() != null) {
            url.append("&sort=").append(encode(d.sort()));
        }
        return url.toString();
    }

    private static boolean midnight(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
