package org.reelpulse.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.reelpulse.dashboard.Dashboard;

/**
 * "What changed since last week" in two or three plain sentences, made only from the dashboard's
 * numbers: the change in volume, the swing in net sentiment, then the week's largest spike or, without
 * one, the labour concern that rose most. Nothing is said that a figure of the report does not show.
 */
final class WhatChanged {

    /** Changes smaller than this (relative for volume, absolute for net sentiment) are called steady. */
    static final double STEADY_VOLUME = 0.05;
    static final double STEADY_NET = 0.05;
    private static final int MAX_SENTENCES = 3;

    private WhatChanged() {
    }

    static List<String> sentences(Dashboard d, Messages m) {
        List<String> out = new ArrayList<>();
        out.add(volume(d.kpis().posts(), m));
        net(d.kpis().netSentiment(), m).ifPresent(out::add);
        Optional<String> spike = spike(d, m);
        spike.ifPresent(out::add);
        if (spike.isEmpty() || out.size() < MAX_SENTENCES) {
            theme(d, m).ifPresent(out::add);
        }
        return out.size() > MAX_SENTENCES ? out.subList(0, MAX_SENTENCES) : out;
    }

    private static String volume(Dashboard.Kpi posts, Messages m) {
        long now = longOf(posts.value());
        long before = longOf(posts.previous());
        if (before == 0) {
            return now == 0 ? m.get("changed.volume.none") : m.get("changed.volume.new", m.posts(now));
        }
        double relative = (double) (now - before) / before;
        if (Math.abs(relative) < STEADY_VOLUME) {
            return m.get("changed.volume.same", m.count(now), m.count(before));
        }
        String abs = m.percent(Math.abs(relative));
        return m.get(relative > 0 ? "changed.volume.up" : "changed.volume.down", abs, m.count(now), m.count(before));
    }

    private static Optional<String> net(Dashboard.Kpi net, Messages m) {
        if (net.value() == null) {
            return Optional.empty();
        }
        double now = net.value().doubleValue();
        if (net.previous() == null) {
            return Optional.of(m.get("changed.net.new", m.net(now)));
        }
        double before = net.previous().doubleValue();
        if (Math.abs(now - before) < STEADY_NET) {
            return Optional.of(m.get("changed.net.same", m.net(now), m.net(before)));
        }
        return Optional.of(m.get(now > before ? "changed.net.up" : "changed.net.down", m.net(before), m.net(now)));
    }

    /** The spike with the most posts, with what stood out most in it. */
    private static Optional<String> spike(Dashboard d, Messages m) {
        return d.spikes().spikes().stream().max(Comparator.comparingLong(Dashboard.Spike::posts)).map(s -> {
            String term = !s.terms().isEmpty() ? s.terms().get(0).term()
                    : !s.hashtags().isEmpty() ? s.hashtags().get(0).term() : null;
            String when = m.date(s.start());
            return term == null ? m.get("changed.spike", when, m.posts(s.posts()))
                    : m.get("changed.spike.term", when, m.posts(s.posts()), term);
        });
    }

    /** The labour concern with the largest rise in posts, if any rose. */
    private static Optional<String> theme(Dashboard d, Messages m) {
        return d.themes().stream().filter(t -> t.change() > 0)
                .max(Comparator.comparingLong(Dashboard.ThemeStat::change)
                        .thenComparing(Dashboard.ThemeStat::theme, Comparator.reverseOrder()))
                .map(t -> m.get("changed.theme", m.label("theme", t.theme(), t.label()), m.posts(t.posts()),
                        m.count(t.previousPosts())));
    }

    static long longOf(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
