package org.reelpulse.report;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.reelpulse.dashboard.Dashboard;

/** The phrases the HTML, the text and the subject share, so the three say the same thing. */
final class Wording {

    /** How a headline figure reads: a count, a net sentiment, a share. */
    enum Kind { COUNT, NET, SHARE }

    /** The most posts and authors listed per section. */
    static final int LIST_LIMIT = 10;
    /** The most rows of the labour concerns and crafts tables. */
    static final int TABLE_LIMIT = 8;
    private static final int TERMS = 6;
    private static final int GROUPS = 3;
    private static final int MIX = 5;

    private Wording() {
    }

    static String value(Number v, Kind kind, Messages m) {
        return switch (kind) {
            case COUNT -> m.count(v);
            case NET -> m.net(v);
            case SHARE -> m.percent(v);
        };
    }

    /** The change against last week: counts with their relative change, net sentiment signed, shares in points. */
    static String change(Dashboard.Kpi kpi, Kind kind, Messages m) {
        if (kpi.change() == null) {
            return Messages.DASH;
        }
        return switch (kind) {
            case COUNT -> countChange(kpi.change().longValue(), kpi.relativeChange(), m);
            case NET -> m.net(kpi.change());
            case SHARE -> m.points(kpi.change());
        };
    }

    /** {@code +107 (+35 %)}; without the percentage when last week had none. */
    static String countChange(long change, Double relative, Messages m) {
        return relative == null ? m.signedCount(change) : m.get("change.count", m.signedCount(change),
                m.relative(relative));
    }

    /** What is said of a quoted post: who (or their pseudonym), their group, when, where, how it read, engagement. */
    static String postLine(Dashboard.PostCard p, Pseudonyms names, Messages m) {
        List<String> meta = new ArrayList<>();
        meta.add(names.author(p.author(), p.authorName(), p.group()));
        meta.add(m.group(p.group(), null));
        if (p.publishedAt() != null) {
            meta.add(m.dateTime(p.publishedAt()));
        }
        if (p.source() != null) {
            meta.add(p.source());
        }
        meta.add(m.sentiment(p.sentiment()));
        meta.add(m.get("post.engagement", m.count(p.engagement())));
        return String.join(" · ", meta);
    }

    /** Where the week's posts came from, or in which languages: the largest shares first. */
    static String mix(List<Dashboard.Share> shares, Messages m) {
        return shares.stream().filter(s -> s.posts() > 0)
                .sorted(Comparator.comparingLong(Dashboard.Share::posts).reversed()
                        .thenComparing(Dashboard.Share::value))
                .limit(MIX).map(s -> s.value() + " " + m.percent(s.share())).collect(Collectors.joining(", "));
    }

    /** How many statements the week had, and how many of them are shown. */
    static String statements(Dashboard.Statements st, Messages m) {
        int shown = st.items().size();
        if (st.total() <= shown) {
            return st.total() == 1 ? m.get("statements.one") : m.get("statements.all", m.count(st.total()));
        }
        return shown == 1 ? m.get("statements.latestOne", m.count(st.total()))
                : m.get("statements.total", m.count(st.total()), m.count(shown));
    }

    /** How big a spike was against the usual level of its baseline. */
    static String spike(Dashboard.Spike s, Dashboard d, Messages m) {
        String bucket = m.get("interval." + d.spikes().method().interval().key());
        return m.get("spike.summary", m.posts(s.posts()), bucket, m.posts(s.peakPosts()),
                m.count(Math.round(s.baselineMedian())));
    }

    /** The first terms or hashtags, joined; hidden authors' handles among them replaced by their pseudonyms. */
    static String terms(List<Dashboard.Term> terms, Pseudonyms names) {
        return terms.stream().limit(TERMS).map(t -> names.text(t.term())).collect(Collectors.joining(", "));
    }

    /** The groups whose share rose most in the spike, with the rise in points. */
    static String groups(Dashboard.Spike s, Messages m) {
        return s.groups().stream().filter(g -> g.shareChange() != null && g.shareChange() > 0).limit(GROUPS)
                .map(g -> m.group(g.group(), g.label()) + " " + m.points(g.shareChange()))
                .collect(Collectors.joining(", "));
    }

    /**
     * One line: the subscription, the week, and for one event its posts and net sentiment; for several,
     * how many and the busiest. No line break can come through from the subscription's name.
     */
    static String subject(ReportContent c, List<EventView> events, Messages m) {
        String title = oneLine(c.title());
        String s;
        if (events.isEmpty()) {
            s = m.get("subject.none", title, c.week());
        } else if (events.size() == 1) {
            Dashboard.Kpis k = events.get(0).dashboard().kpis();
            s = m.get("subject.one", title, c.week(), m.posts(k.posts().value().longValue()), m.net(k.netSentiment().value()));
        } else {
            EventView busiest = events.stream().max(Comparator.comparingLong(EventView::posts)).orElseThrow();
            s = m.get("subject.many", title, c.week(), m.count(events.size()), oneLine(busiest.dashboard().event().name()),
                    m.posts(busiest.posts()));
        }
        return oneLine(s);
    }

    /** The file name of the PDF: {@code reelpulse-lionsgate-runway-2024-W39.pdf}, ASCII only. */
    static String pdfFileName(ReportContent c) {
        String ascii = Normalizer.normalize(c.title() == null ? "" : c.title(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (ascii.length() > 60) {
            ascii = ascii.substring(0, 60).replaceAll("-+$", "");
        }
        String week = c.week() == null ? "" : c.week().replaceAll("[^A-Za-z0-9-]", "");
        return "reelpulse-" + (ascii.isEmpty() ? "report" : ascii) + (week.isEmpty() ? "" : "-" + week) + ".pdf";
    }

    /** Control characters (line breaks among them) become spaces: a header must stay one line. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
    }
}
