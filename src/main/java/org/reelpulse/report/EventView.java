package org.reelpulse.report;

import java.util.List;

import org.reelpulse.dashboard.Dashboard;

/**
 * What the HTML, the text and the PDF of one event share: whether it has enough data for charts, its
 * days, and its charts (none when the data is too thin: no empty charts).
 *
 * @param tooLittle fewer posts in the week than {@code fewPosts}, or none
 * @param utcDays   the days are the index's UTC days while the report's zone is another
 * @param reaction  the reaction chart; null when none is drawn
 * @param groups    the stakeholder groups chart; null when none is drawn
 */
record EventView(EventReport report, Dashboard dashboard, boolean tooLittle, long posts, List<ReportCharts.Day> days,
        boolean utcDays, Chart reaction, Chart groups) {

    /** A chart as the HTML shows it. */
    record Chart(InlineImage image, String alt, int width, int height) {
    }

    /** The view of the {@code n}th event (from 1), its charts drawn unless the data is too thin. */
    static EventView of(EventReport report, int n, ReportContent content, Messages m, Pseudonyms names) {
        Dashboard d = report.dashboard();
        long posts = WhatChanged.longOf(d.kpis().posts().value());
        boolean tooLittle = posts == 0 || posts < d.fewPosts();
        List<ReportCharts.Day> days = ReportCharts.days(d, content.zone(), names);
        Chart reaction = null;
        Chart groups = null;
        if (!tooLittle) {
            if (!days.isEmpty()) {
                reaction = new Chart(new InlineImage("reaction-" + n + "@reelpulse", "reaction-" + n + ".png",
                        ReportCharts.reaction(days, m)), m.get("reaction.alt"), ReportCharts.WIDTH,
                        ReportCharts.REACTION_HEIGHT);
            }
            List<Dashboard.GroupVoice> voices = d.groups().stream().filter(g -> g.posts() > 0).toList();
            if (!voices.isEmpty()) {
                groups = new Chart(new InlineImage("groups-" + n + "@reelpulse", "groups-" + n + ".png",
                        ReportCharts.groups(voices, m)), m.get("groups.alt"), ReportCharts.WIDTH,
                        ReportCharts.groupsHeight(voices.size()));
            }
        }
        return new EventView(report, d, tooLittle, posts, days, ReportCharts.utcDays(d, content.zone()), reaction,
                groups);
    }
}
