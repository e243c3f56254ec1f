package org.reelpulse.report;

import org.reelpulse.dashboard.Dashboard;

/**
 * One event of a weekly report.
 *
 * @param dashboard     the event's dashboard for the week, against the week before
 * @param dashboardUrl  absolute link to the dashboard view with the same state
 * @param postUrlPrefix absolute, e.g. {@code https://rp.example/posts/}: + a post id = ReelPulse's view of
 *                      that post (behind a login), linked instead of a private author's original post
 */
public record EventReport(Dashboard dashboard, String dashboardUrl, String postUrlPrefix) {
}
