package org.reelpulse.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import org.reelpulse.base.Palette;
import org.reelpulse.dashboard.Dashboard;

/**
 * The report as HTML that mail clients render alike (Outlook, Gmail, Apple Mail): nested tables 640 px
 * wide, every style inline, no script, no class, no external resource; the charts are {@code cid:}
 * images with alt text, and every figure of a chart is also in a table, so the report reads without
 * images. The output is well-formed XHTML, so the PDF is laid out from the same markup, its charts as
 * data: URIs and its text limited to what the PDF's font shows.
 *
 * <p>Every text that comes from outside (posts, names, handles, terms, labels, the subscription's name)
 * goes through {@link #text(String)}: escaped, so no markup of a post can become markup here.
 */
final class HtmlReport {

    /** Where the HTML goes: the mail's HTML part, or the PDF. */
    enum Medium { MAIL, PDF }

    private static final String INK = "#1f2937";
    private static final String MUTED = "#6b7280";
    private static final String RULE = "#e5e7eb";
    private static final String LINK = "#0b5cad";
    private static final String NOTE_BG = "#fff7e6";
    private static final String CHANGED_BG = "#eef5fb";

    private final ReportContent content;
    private final Messages m;
    private final Pseudonyms names;
    private final List<EventView> events;
    private final Medium medium;
    private final String font;
    private final UnaryOperator<String> shown;
    private final StringBuilder out = new StringBuilder(32_768);

    private HtmlReport(ReportContent content, Messages m, Pseudonyms names, List<EventView> events, Medium medium) {
        this.content = content;
        this.m = m;
        this.names = names;
        this.events = events;
        this.medium = medium;
        // mail clients pick a system font; the PDF has exactly one font, embedded
        this.font = medium == Medium.PDF ? "font-family:" + PdfReport.FONT_FAMILY + ",sans-serif;"
                : "font-family:Arial,Helvetica,sans-serif;";
        this.shown = medium == Medium.PDF ? PdfReport::visible : UnaryOperator.identity();
    }

    static String render(ReportContent content, Messages m, Pseudonyms names, List<EventView> events, String subject,
            Medium medium) {
        return new HtmlReport(content, m, names, events, medium).document(subject);
    }

    private String document(String subject) {
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .append(m.locale().getLanguage()).append("\">\n<head>\n")
                .append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>").append(text(subject)).append("</title>\n");
        if (medium == Medium.PDF) {
            // page size and margins only exist in the PDF; nothing of the layout depends on this block
            out.append("<style>@page { size: A4; margin: 12mm 10mm; }</style>\n");
        }
        out.append("</head>\n<body style=\"margin:0;padding:0;background-color:")
                .append(medium == Medium.PDF ? "#ffffff" : "#f3f4f6").append(";\">\n")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">")
                .append("<tr><td align=\"center\" style=\"padding:")
                .append(medium == Medium.PDF ? "0" : "16px 8px").append(";\">\n")
                .append("<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                .append("style=\"width:640px;background-color:#ffffff;").append(font).append("color:").append(INK)
                .append(";font-size:14px;line-height:1.45;text-align:left;\">\n");
        header();
        if (events.isEmpty()) {
            row(para(text(m.get("report.noEvents"))));
        }
        for (EventView e : events) {
            event(e);
        }
        footer();
        out.append("</table>\n</td></tr></table>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        out.append("<tr><td style=\"padding:20px 24px 8px 24px;border-bottom:3px solid ").append(Palette.POSITIVE)
                .append(";\">");
        out.append("<p style=\"margin:0;font-size:12px;color:").append(MUTED)
                .append(";letter-spacing:1px;text-transform:uppercase;\">").append(text(m.get("report.kicker")))
                .append("</p>");
        out.append("<h1 style=\"margin:4px 0 6px 0;font-size:22px;line-height:1.25;").append(font).append("\">")
                .append(text(content.title())).append("</h1>");
        out.append("<p style=\"margin:0 0 8px 0;color:").append(MUTED).append(";\">")
                .append(text(m.get("report.intro", content.week(), m.date(content.from()),
                        m.date(content.to().minusNanos(1)), content.zone().getId())))
                .append("</p></td></tr>\n");
    }

    private void event(EventView e) {
        Dashboard d = e.dashboard();
        out.append("<tr><td style=\"padding:20px 24px 4px 24px;\">");
        out.append(h2(text(d.event().name())));
        StringBuilder meta = new StringBuilder(text(m.get("event.period", m.date(d.period().from()),
                m.date(d.period().to().minusNanos(1)))));
        String dashboard = Pseudonyms.web(e.report().dashboardUrl());
        if (dashboard != null) {
            meta.append(" · ").append(link(dashboard, text(m.get("dashboard.link"))));
        }
        out.append("<p style=\"margin:0;color:").append(MUTED).append(";font-size:13px;\">").append(meta)
                .append("</p>");
        String filters = filters(d.filters());
        if (filters != null) {
            out.append("<p style=\"margin:4px 0 0 0;color:").append(MUTED).append(";font-size:13px;\">")
                    .append(text(filters)).append("</p>");
        }
        out.append("</td></tr>\n");

        if (e.tooLittle()) {
            row(box(NOTE_BG, para(text(tooLittle(e)))));
        }
        kpis(d);
        if (!e.tooLittle()) {
            List<String> changed = WhatChanged.sentences(d, m);
            StringBuilder b = new StringBuilder(h3(text(m.get("changed.heading"))));
            changed.forEach(s -> b.append(para(text(names.text(s)))));
            row(box(CHANGED_BG, b.toString()));
            reaction(e);
            spikes(e);
            groups(e);
            themes(d);
            crafts(d);
        }
        statements(e);
        topPosts(e);
        topAuthors(e);
    }

    private void kpis(Dashboard d) {
        Dashboard.Kpis k = d.kpis();
        List<List<String>> rows = new ArrayList<>();
        rows.add(kpiRow("kpi.posts", k.posts(), Wording.Kind.COUNT));
        rows.add(kpiRow("kpi.authors", k.authors(), Wording.Kind.COUNT));
        rows.add(kpiRow("kpi.net", k.netSentiment(), Wording.Kind.NET));
        rows.add(kpiRow("kpi.labour", k.labourShare(), Wording.Kind.SHARE));
        rows.add(kpiRow("kpi.statements", k.unionStatements(), Wording.Kind.COUNT));
        StringBuilder b = new StringBuilder(h3(text(m.get("kpi.heading"))));
        b.append(table(List.of(m.get("kpi.figure"), m.get("kpi.thisWeek"), m.get("kpi.lastWeek"), m.get("kpi.change")),
                rows, 1));
        boolean few = k.posts().few() || k.authors().few() || k.netSentiment().few() || k.labourShare().few()
                || k.unionStatements().few();
        if (few) {
            b.append(small(text(m.get("few.note", m.count(d.fewPosts())))));
        }
        row(b.toString());
    }

    /** A KPI's cells, already escaped: its name, now, before, the change; a "few posts" flag beside a value. */
    private List<String> kpiRow(String key, Dashboard.Kpi kpi, Wording.Kind kind) {
        return List.of(text(m.get(key)), flagged(Wording.value(kpi.value(), kind, m), kpi.few()),
                flagged(Wording.value(kpi.previous(), kind, m), kpi.previousFew()),
                text(Wording.change(kpi, kind, m)));
    }

    private String flagged(String value, boolean few) {
        return few ? text(value) + " <span style=\"color:" + MUTED + ";font-size:12px;\">(" + text(m.get("few.mark"))
                + ")</span>" : text(value);
    }

    private void reaction(EventView e) {
        StringBuilder b = new StringBuilder(h3(text(m.get("reaction.heading"))));
        if (e.reaction() != null) {
            b.append(image(e.reaction()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (ReportCharts.Day day : e.days()) {
            rows.add(List.of(text(m.day(day.date())) + markers(day), text(m.count(day.posts())),
                    text(m.count(day.negative())), text(m.count(day.neutral())), text(m.count(day.positive())),
                    text(m.net(day.net()))));
        }
        b.append(table(List.of(m.get(e.utcDays() ? "table.dayUtc" : "table.day"), m.get("table.posts"),
                m.get("sentiment.negative"), m.get("sentiment.neutral"), m.get("sentiment.positive"),
                m.get("kpi.net")), rows, 1));
        row(b.toString());
    }

    private String markers(ReportCharts.Day day) {
        List<String> parts = new ArrayList<>();
        if (day.announcement()) {
            parts.add(m.get("chart.announcement"));
        }
        day.statements().forEach(s -> parts.add(m.get("chart.statement", s)));
        return parts.isEmpty() ? "" : "<br /><span style=\"color:" + MUTED + ";font-size:12px;\">"
                + text(String.join(" · ", parts)) + "</span>";
    }

    private void spikes(EventView e) {
        Dashboard d = e.dashboard();
        StringBuilder b = new StringBuilder(h3(text(m.get("spikes.heading"))));
        if (d.spikes().spikes().isEmpty()) {
            b.append(para(text(m.get("spikes.none"))));
            row(b.toString());
            return;
        }
        row(b.toString());
        for (Dashboard.Spike s : d.spikes().spikes()) {
            StringBuilder p = new StringBuilder();
            p.append(para("<b>" + text(m.span(s.start(), s.end())) + "</b>" + text(m.colon() + Wording.spike(s, d, m))));
            String terms = Wording.terms(s.terms(), names);
            if (!terms.isEmpty()) {
                p.append(para(text(m.get("spike.terms", terms))));
            }
            String tags = Wording.terms(s.hashtags(), names);
            if (!tags.isEmpty()) {
                p.append(para(text(m.get("spike.hashtags", tags))));
            }
            String moved = Wording.groups(s, m);
            if (!moved.isEmpty()) {
                p.append(para(text(m.get("spike.groups", moved))));
            }
            if (!s.firstPosts().isEmpty()) {
                p.append(small(text(m.get("spike.first"))));
                p.append(card(s.firstPosts().get(0), e.report().postUrlPrefix()));
            }
            row(p.toString(), "0 24px 8px 36px");
        }
    }

    private void groups(EventView e) {
        Dashboard d = e.dashboard();
        if (d.groups().isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(h3(text(m.get("groups.heading"))));
        if (e.groups() != null) {
            b.append(image(e.groups()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Dashboard.GroupVoice g : d.groups()) {
            rows.add(List.of(swatch(Palette.group(g.group())) + text(m.group(g.group(), g.label())),
                    text(m.count(g.posts())), text(m.percent(g.share())), flagged(m.net(g.net()), g.few()),
                    text(m.count(g.previousPosts())), text(m.relative(g.relativeChange()))));
        }
        b.append(table(List.of(m.get("groups.group"), m.get("table.posts"), m.get("table.share"), m.get("kpi.net"),
                m.get("kpi.lastWeek"), m.get("kpi.change")), rows, 1));
        String sources = Wording.mix(d.sources(), m);
        if (!sources.isEmpty()) {
            b.append(small(text(m.get("mix.sources", sources))));
        }
        String langs = Wording.mix(d.languages(), m);
        if (!langs.isEmpty()) {
            b.append(small(text(m.get("mix.langs", langs))));
        }
        row(b.toString());
    }

    private void themes(Dashboard d) {
        StringBuilder b = new StringBuilder(h3(text(m.get("themes.heading"))));
        List<Dashboard.ThemeStat> themes = d.themes().stream().filter(t -> t.posts() > 0 || t.previousPosts() > 0)
                .limit(Wording.TABLE_LIMIT).toList();
        if (themes.isEmpty()) {
            b.append(para(text(m.get("themes.none"))));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Dashboard.ThemeStat t : themes) {
                rows.add(List.of(text(m.label("theme", t.theme(), t.label())), text(m.count(t.posts())),
                        text(m.percent(t.share())), flagged(m.net(t.net()), t.few()), text(m.count(t.previousPosts())),
                        text(Wording.countChange(t.change(), t.relativeChange(), m))));
            }
            b.append(table(List.of(m.get("themes.concern"), m.get("table.posts"), m.get("table.share"),
                    m.get("kpi.net"), m.get("kpi.lastWeek"), m.get("kpi.change")), rows, 1));
        }
        row(b.toString());
    }

    private void crafts(Dashboard d) {
        StringBuilder b = new StringBuilder(h3(text(m.get("crafts.heading"))));
        List<Dashboard.CraftStat> crafts = d.crafts().stream().filter(c -> c.posts() > 0 || c.previousPosts() > 0)
                .limit(Wording.TABLE_LIMIT).toList();
        if (crafts.isEmpty()) {
            b.append(para(text(m.get("crafts.none"))));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Dashboard.CraftStat c : crafts) {
                rows.add(List.of(text(m.label("craft", c.craft(), c.label())), text(m.count(c.posts())),
                        text(m.count(c.previousPosts())), text(Wording.countChange(c.change(), c.relativeChange(), m))));
            }
            b.append(table(List.of(m.get("crafts.craft"), m.get("table.posts"), m.get("kpi.lastWeek"),
                    m.get("kpi.change")), rows, 1));
        }
        row(b.toString());
    }

    private void statements(EventView e) {
        Dashboard.Statements st = e.dashboard().statements();
        StringBuilder b = new StringBuilder(h3(text(m.get("statements.heading"))));
        if (st.items().isEmpty()) {
            b.append(para(text(m.get("statements.none"))));
            row(b.toString());
            return;
        }
        b.append(para(text(Wording.statements(st, m))));
        row(b.toString());
        for (Dashboard.Statement s : st.items()) {
            StringBuilder p = new StringBuilder();
            p.append("<p style=\"margin:0 0 2px 0;\"><b>")
                    .append(text(names.author(s.author(), s.authorName(), Pseudonyms.STATEMENTS))).append("</b>")
                    .append(" <span style=\"color:").append(MUTED).append(";font-size:13px;\">· ")
                    .append(text(m.dateTime(s.at()))).append(s.source() == null ? "" : " · " + text(s.source()))
                    .append("</span></p>");
            p.append(small(text(m.get("statement.stance", m.stance(s.stance()), m.sentiment(s.sentiment())))));
            if (s.keySentence() != null && s.keySentence().text() != null) {
                p.append(quote(text(m.get("quote", names.text(s.keySentence().text())))));
            }
            Dashboard.Reaction r = s.reaction();
            if (r != null) {
                String reaction = m.get("statement.reaction", m.count(Duration.between(r.from(), r.to()).toHours()),
                        m.posts(r.posts()), m.net(r.net()));
                p.append(para(text(reaction) + (r.few() ? " <span style=\"color:" + MUTED + ";font-size:12px;\">("
                        + text(m.get("few.mark")) + ")</span>" : "")));
            }
            String url = names.postLink(s.postId(), s.url(), Pseudonyms.STATEMENTS, e.report().postUrlPrefix());
            if (url != null) {
                p.append(small(link(url, text(m.get("statement.open")))));
            }
            row(p.toString(), "4px 24px 10px 24px");
        }
    }

    private void topPosts(EventView e) {
        List<Dashboard.PostCard> posts = e.dashboard().topPosts().posts();
        if (posts.isEmpty()) {
            return;
        }
        row(h3(text(m.get("topPosts.heading"))));
        for (Dashboard.PostCard p : posts.stream().limit(Wording.LIST_LIMIT).toList()) {
            row(card(p, e.report().postUrlPrefix()), "0 24px 8px 24px");
        }
    }

    private void topAuthors(EventView e) {
        List<Dashboard.TopAuthor> authors = e.dashboard().topAuthors();
        if (authors.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Dashboard.TopAuthor a : authors.stream().limit(Wording.LIST_LIMIT).toList()) {
            rows.add(List.of(text(names.author(a.author(), null, a.group())), text(m.group(a.group(), a.groupLabel())),
                    text(m.count(a.posts())), text(m.count(a.engagement()))));
        }
        row(h3(text(m.get("topAuthors.heading"))) + table(List.of(m.get("topAuthors.author"), m.get("groups.group"),
                m.get("table.posts"), m.get("table.engagement")), rows, 2));
    }

    /** A post: its excerpt quoted, who wrote it and when, its engagement, the link. */
    private String card(Dashboard.PostCard p, String postUrlPrefix) {
        String colour = p.sentiment() == null ? Palette.UNSCORED : switch (p.sentiment()) {
            case "negative" -> Palette.NEGATIVE;
            case "positive" -> Palette.POSITIVE;
            case "neutral" -> Palette.NEUTRAL;
            default -> Palette.UNSCORED;
        };
        StringBuilder b = new StringBuilder();
        b.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">")
                .append("<tr><td style=\"border-left:3px solid ").append(colour).append(";padding:2px 0 2px 10px;\">");
        b.append("<p style=\"margin:0 0 4px 0;\">").append(text(m.get("quote", names.text(p.excerpt()))))
                .append("</p>");
        StringBuilder line = new StringBuilder(text(Wording.postLine(p, names, m)));
        String url = names.postLink(p.postId(), p.url(), p.group(), postUrlPrefix);
        if (url != null) {
            line.append(" · ").append(link(url, text(m.get("post.open"))));
        }
        b.append(small(line.toString()));
        b.append("</td></tr></table>");
        return b.toString();
    }

    private void footer() {
        StringBuilder b = new StringBuilder();
        b.append(small(text(m.get("footer.generated", m.dateTime(content.generatedAt()), content.zone().getId()))));
        if (content.pseudonymise()) {
            b.append(small(text(m.get("footer.pseudonyms"))));
        }
        b.append(small(text(m.get("footer.definitions"))));
        out.append("<tr><td style=\"padding:16px 24px 20px 24px;border-top:1px solid ").append(RULE).append(";\">")
                .append(b).append("</td></tr>\n");
    }

    private String tooLittle(EventView e) {
        return e.posts() == 0 ? m.get("tooLittle.none") : m.get("tooLittle", m.posts(e.posts()),
                m.count(e.dashboard().fewPosts()));
    }

    private String filters(Dashboard.Filters f) {
        if (f == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (f.sources() != null && !f.sources().isEmpty()) {
            parts.add(m.get("filters.sources", String.join(", ", f.sources())));
        }
        if (f.langs() != null && !f.langs().isEmpty()) {
            parts.add(m.get("filters.langs", String.join(", ", f.langs())));
        }
        if (f.groups() != null && !f.groups().isEmpty()) {
            parts.add(m.get("filters.groups", String.join(", ", f.groups().stream().map(g -> m.group(g, g)).toList())));
        }
        return parts.isEmpty() ? null : m.get("filters", String.join("; ", parts));
    }

    // --- markup; every argument below is already escaped --------------------------------------------

    private String image(EventView.Chart chart) {
        String src = medium == Medium.PDF
                ? "data:image/png;base64," + Base64.getEncoder().encodeToString(chart.image().png())
                : "cid:" + chart.image().contentId();
        return "<img src=\"" + src + "\" width=\"" + chart.width() + "\" height=\"" + chart.height() + "\" alt=\""
                + text(chart.alt()) + "\" style=\"display:block;width:" + chart.width() + "px;height:" + chart.height()
                + "px;border:0;margin:4px 0 8px 0;\" />";
    }

    /** A table of figures: a header row, then rows; columns from {@code firstNumeric} on align right. */
    private String table(List<String> headers, List<List<String>> rows, int firstNumeric) {
        StringBuilder b = new StringBuilder("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" "
                + "cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;font-size:13px;margin:0 0 8px 0;\">");
        b.append("<tr>");
        for (int i = 0; i < headers.size(); i++) {
            b.append("<th align=\"").append(i >= firstNumeric ? "right" : "left").append("\" style=\"padding:4px 6px;")
                    .append("border-bottom:1px solid ").append(INK).append(";color:").append(MUTED)
                    .append(";font-weight:normal;\">").append(text(headers.get(i))).append("</th>");
        }
        b.append("</tr>");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                b.append("<td align=\"").append(i >= firstNumeric ? "right" : "left").append("\" style=\"padding:4px 6px;")
                        .append("border-bottom:1px solid ").append(RULE).append(";\">").append(r.get(i)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private void row(String html) {
        row(html, "8px 24px 8px 24px");
    }

    private void row(String html, String padding) {
        out.append("<tr><td style=\"padding:").append(padding).append(";\">").append(html).append("</td></tr>\n");
    }

    private String box(String background, String html) {
        return "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>"
                + "<td style=\"background-color:" + background + ";padding:10px 14px;\">" + html + "</td></tr></table>";
    }

    private String h2(String html) {
        return "<h2 style=\"margin:0 0 4px 0;font-size:20px;line-height:1.3;" + font + "\">" + html + "</h2>";
    }

    private String h3(String html) {
        return "<h3 style=\"margin:8px 0 6px 0;font-size:16px;line-height:1.3;" + font + "\">" + html + "</h3>";
    }

    private static String para(String html) {
        return "<p style=\"margin:0 0 6px 0;\">" + html + "</p>";
    }

    private static String small(String html) {
        return "<p style=\"margin:0 0 4px 0;font-size:12px;color:" + MUTED + ";\">" + html + "</p>";
    }

    private static String quote(String html) {
        return "<p style=\"margin:4px 0 6px 0;padding:0 0 0 10px;border-left:3px solid " + RULE
                + ";font-style:italic;\">" + html + "</p>";
    }

    /** A square in the group's colour; through {@link #text} so the PDF shows it only if its font can. */
    private String swatch(String colour) {
        return "<span style=\"color:" + colour + ";\">" + text("\u25a0") + "</span>&#160;";
    }

    /** A link; the URL has been checked to be http(s) by {@link Pseudonyms#web(String)}. */
    private static String link(String url, String html) {
        return "<a href=\"" + escape(url) + "\" style=\"color:" + LINK + ";\">" + html + "</a>";
    }

    /** Untrusted or translated text as HTML: what the medium can show, escaped. */
    private String text(String s) {
        return escape(shown.apply(s == null ? "" : s));
    }

    /**
     * Escapes the five characters that make markup and drops what XML 1.0 forbids (control characters,
     * lone surrogates, U+FFFE/U+FFFF), so the output stays well-formed for the PDF as well. Explicit
     * bidirectional controls are dropped too: a post could otherwise turn the rest of a line around
     * (the bidi algorithm still lays out Arabic or Hebrew text correctly without them).
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (bidiControl(c)) {
                        continue;
                    }
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c == '\n' || c == '\t' || c == '\r' || (c >= 0x20 && c < 0xd800)
                            || (c >= 0xe000 && c <= 0xfffd)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** LRE, RLE, PDF, LRO, RLO, the isolates LRI…PDI, and the marks LRM, RLM, ALM. */
    static boolean bidiControl(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
    }
}
