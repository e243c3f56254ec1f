package org.reelpulse.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.reelpulse.dashboard.Dashboard;

/**
 * The plain-text part: the same content as the HTML (figures, sentences, statements, top posts with
 * their links), as lines a mail client shows as they are. Nothing needs escaping in plain text;
 * control characters of posts are turned into spaces so that a post cannot fake a section.
 */
final class TextReport {


    private final ReportContent content;
    private final Messages m;
    private final Pseudonyms names;
    private final StringBuilder out = new StringBuilder(8_192);

    private TextReport(ReportContent content, Messages m, Pseudonyms names) {
        this.content = content;
        this.m = m;
        this.names = names;
    }

    static String render(ReportContent content, Messages m, Pseudonyms names, List<EventView> events) {
        return new TextReport(content, m, names).document(events);
    }

    private String document(List<EventView> events) {
        line(m.get("report.kicker"));
        heading(Wording.oneLine(content.title()), '=');
        line(m.get("report.intro", content.week(), m.date(content.from()), m.date(content.to().minusNanos(1)),
                content.zone().getId()));
        if (events.isEmpty()) {
            blank();
            line(m.get("report.noEvents"));
        }
        for (EventView e : events) {
            event(e);
        }
        blank();
        line("--");
        line(m.get("footer.generated", m.dateTime(content.generatedAt()), content.zone().getId()));
        if (content.pseudonymise()) {
            line(m.get("footer.pseudonyms"));
        }
        line(m.get("footer.definitions"));
        return out.toString();
    }

    private void event(EventView e) {
        Dashboard d = e.dashboard();
        blank();
        blank();
        heading(Wording.oneLine(d.event().name()), '=');
        line(m.get("event.period", m.date(d.period().from()), m.date(d.period().to().minusNanos(1))));
        String dashboard = Pseudonyms.web(e.report().dashboardUrl());
        if (dashboard != null) {
            line(m.get("dashboard.link") + m.colon() + dashboard);
        }
        if (e.tooLittle()) {
            blank();
            line(e.posts() == 0 ? m.get("tooLittle.none")
                    : m.get("tooLittle", m.posts(e.posts()), m.count(d.fewPosts())));
        }

        section("kpi.heading");
        Dashboard.Kpis k = d.kpis();
        kpi("kpi.posts", k.posts(), Wording.Kind.COUNT);
        kpi("kpi.authors", k.authors(), Wording.Kind.COUNT);
        kpi("kpi.net", k.netSentiment(), Wording.Kind.NET);
        kpi("kpi.labour", k.labourShare(), Wording.Kind.SHARE);
        kpi("kpi.statements", k.unionStatements(), Wording.Kind.COUNT);
        if (k.posts().few() || k.authors().few() || k.netSentiment().few() || k.labourShare().few()
                || k.unionStatements().few()) {
            line(m.get("few.note", m.count(d.fewPosts())));
        }

        if (!e.tooLittle()) {
            section("changed.heading");
            WhatChanged.sentences(d, m).forEach(s -> line(names.text(s)));

            section("reaction.heading");
            line(m.get(e.utcDays() ? "table.dayUtc" : "table.day") + m.colon() + m.get("table.posts") + " ("
                    + m.get("sentiment.negative") + " / " + m.get("sentiment.neutral") + " / "
                    + m.get("sentiment.positive") + "), " + m.get("kpi.net"));
            for (ReportCharts.Day day : e.days()) {
                List<String> marks = new ArrayList<>();
                if (day.announcement()) {
                    marks.add(m.get("chart.announcement"));
                }
                day.statements().forEach(s -> marks.add(m.get("chart.statement", s)));
                line("  " + m.day(day.date()) + m.colon() + m.count(day.posts()) + " (" + m.count(day.negative()) + " / "
                        + m.count(day.neutral()) + " / " + m.count(day.positive()) + "), " + m.net(day.net())
                        + (marks.isEmpty() ? "" : "  [" + String.join(" · ", marks) + "]"));
            }

            section("spikes.heading");
            if (d.spikes().spikes().isEmpty()) {
                line(m.get("spikes.none"));
            }
            for (Dashboard.Spike s : d.spikes().spikes()) {
                line("* " + m.span(s.start(), s.end()) + m.colon() + Wording.spike(s, d, m));
                String terms = Wording.terms(s.terms(), names);
                if (!terms.isEmpty()) {
                    line("  " + m.get("spike.terms", terms));
                }
                String tags = Wording.terms(s.hashtags(), names);
                if (!tags.isEmpty()) {
                    line("  " + m.get("spike.hashtags", tags));
                }
                String moved = Wording.groups(s, m);
                if (!moved.isEmpty()) {
                    line("  " + m.get("spike.groups", moved));
                }
                if (!s.firstPosts().isEmpty()) {
                    line("  " + m.get("spike.first"));
                    post(s.firstPosts().get(0), e.report().postUrlPrefix(), "    ");
                }
            }

            if (!d.groups().isEmpty()) {
                section("groups.heading");
                for (Dashboard.GroupVoice g : d.groups()) {
                    line("* " + m.group(g.group(), g.label()) + m.colon() + m.count(g.posts()) + " " + m.get("unit.posts")
                            + ", " + m.percent(g.share()) + ", " + m.get("kpi.net") + " " + few(m.net(g.net()), g.few())
                            + "; " + m.get("kpi.lastWeek") + " " + m.count(g.previousPosts()) + " ("
                            + m.relative(g.relativeChange()) + ")");
                }
                String sources = Wording.mix(d.sources(), m);
                if (!sources.isEmpty()) {
                    line(m.get("mix.sources", sources));
                }
                String langs = Wording.mix(d.languages(), m);
                if (!langs.isEmpty()) {
                    line(m.get("mix.langs", langs));
                }
            }

            section("themes.heading");
            List<Dashboard.ThemeStat> themes = d.themes().stream().filter(t -> t.posts() > 0 || t.previousPosts() > 0)
                    .limit(Wording.TABLE_LIMIT).toList();
            if (themes.isEmpty()) {
                line(m.get("themes.none"));
            }
            themes.forEach(t -> line("* " + m.label("theme", t.theme(), t.label()) + m.colon() + m.count(t.posts()) + " "
                    + m.get("unit.posts") + ", " + m.percent(t.share()) + ", " + m.get("kpi.net") + " "
                    + few(m.net(t.net()), t.few()) + "; " + m.get("kpi.change") + " "
                    + Wording.countChange(t.change(), t.relativeChange(), m)));

            section("crafts.heading");
            List<Dashboard.CraftStat> crafts = d.crafts().stream().filter(c -> c.posts() > 0 || c.previousPosts() > 0)
                    .limit(Wording.TABLE_LIMIT).toList();
            if (crafts.isEmpty()) {
                line(m.get("crafts.none"));
            }
            crafts.forEach(c -> line("* " + m.label("craft", c.craft(), c.label()) + m.colon() + m.count(c.posts()) + " "
                    + m.get("unit.posts") + "; " + m.get("kpi.change") + " "
                    + Wording.countChange(c.change(), c.relativeChange(), m)));
        }

        section("statements.heading");
        Dashboard.Statements st = d.statements();
        if (st.items().isEmpty()) {
            line(m.get("statements.none"));
        } else {
            line(Wording.statements(st, m));
        }
        for (Dashboard.Statement s : st.items()) {
            blank();
            line("* " + names.author(s.author(), s.authorName(), Pseudonyms.STATEMENTS) + " · " + m.dateTime(s.at())
                    + (s.source() == null ? "" : " · " + s.source()));
            line("  " + m.get("statement.stance", m.stance(s.stance()), m.sentiment(s.sentiment())));
            if (s.keySentence() != null && s.keySentence().text() != null) {
                line("  " + m.get("quote", names.text(s.keySentence().text())));
            }
            Dashboard.Reaction r = s.reaction();
            if (r != null) {
                line("  " + few(m.get("statement.reaction", m.count(Duration.between(r.from(), r.to()).toHours()),
                        m.posts(r.posts()), m.net(r.net())), r.few()));
            }
            String url = names.postLink(s.postId(), s.url(), Pseudonyms.STATEMENTS, e.report().postUrlPrefix());
            if (url != null) {
                line("  " + url);
            }
        }

        List<Dashboard.PostCard> posts = d.topPosts().posts();
        if (!posts.isEmpty()) {
            section("topPosts.heading");
            for (Dashboard.PostCard p : posts.stream().limit(Wording.LIST_LIMIT).toList()) {
                post(p, e.report().postUrlPrefix(), "");
                blank();
            }
        }

        List<Dashboard.TopAuthor> authors = d.topAuthors();
        if (!authors.isEmpty()) {
            section("topAuthors.heading");
            authors.stream().limit(Wording.LIST_LIMIT).forEach(a -> line("* " + names.author(a.author(), null, a.group())
                    + " (" + m.group(a.group(), a.groupLabel()) + "): " + m.count(a.posts()) + " " + m.get("unit.posts")
                    + ", " + m.get("post.engagement", m.count(a.engagement()))));
        }
    }

    private void post(Dashboard.PostCard p, String postUrlPrefix, String indent) {
        line(indent + "> " + m.get("quote", names.text(p.excerpt())));
        line(indent + "  " + Wording.postLine(p, names, m));
        String url = names.postLink(p.postId(), p.url(), p.group(), postUrlPrefix);
        if (url != null) {
            line(indent + "  " + url);
        }
    }

    private void kpi(String key, Dashboard.Kpi kpi, Wording.Kind kind) {
        line("* " + m.get(key) + m.colon() + few(Wording.value(kpi.value(), kind, m), kpi.few()) + " ("
                + m.get("kpi.lastWeek") + " " + few(Wording.value(kpi.previous(), kind, m), kpi.previousFew()) + "; "
                + m.get("kpi.change") + " " + Wording.change(kpi, kind, m) + ")");
    }

    private String few(String value, boolean few) {
        return few ? value + " (" + m.get("few.mark") + ")" : value;
    }

    private void section(String key) {
        blank();
        heading(m.get(key), '-');
    }

    private void heading(String title, char underline) {
        line(title);
        line(String.valueOf(underline).repeat(Math.max(3, title.codePointCount(0, title.length()))));
    }

    private void blank() {
        out.append('\n');
    }

    /** One line; a post's own line breaks and control characters become spaces. */
    private void line(String s) {
        out.append(s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").stripTrailing()).append('\n');
    }
}
