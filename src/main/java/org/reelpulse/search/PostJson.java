package org.reelpulse.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reelpulse.analyze.SentenceSentiment;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Post;

/** The JSON shape of a post and its analysis in the API and in NDJSON exports. */
final class PostJson {

    private PostJson() {
    }

    static Map<String, Object> of(Post p, Sentiment s, Labels labels) {
        Map<String, Object> m = of(p, s);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("themes", labels.themes().stream().map(PostJson::label).toList());
        json.put("crafts", labels.crafts().stream().map(PostJson::label).toList());
        json.put("group", labels.group() == null ? null : label(labels.group()));
        json.put("entities", labels.entities().stream().map(PostJson::label).toList());
        json.put("stance", labels.stance() == null ? null : label(labels.stance()));
        m.put("labels", json);
        return m;
    }

    /** One label: its name, its label for people (an entity's type), why, and the rule that set it. */
    private static Map<String, Object> label(Label l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put(l.kind() == LabelKind.ENTITY ? "type" : "label", l.title());
        m.put("reason", l.reason());
        m.put("rule", l.rule());
        return m;
    }

    static Map<String, Object> of(Post p, Sentiment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("source", p.source());
        m.put("sourceName", p.sourceName());
        m.put("externalId", p.externalId());
        m.put("url", p.url());
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("handle", p.author().handle());
        author.put("name", p.author().name());
        author.put("bio", p.author().bio());
        m.put("author", author);
        m.put("publishedAt", p.publishedAt().toString());
        m.put("lang", s != null && s.lang() != null ? s.lang() : p.language());
        m.put("langTag", p.lang());
        m.put("text", p.text());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("likes", p.metrics().likes());
        metrics.put("reposts", p.metrics().reposts());
        metrics.put("replies", p.metrics().replies());
        metrics.put("quotes", p.metrics().quotes());
        m.put("metrics", metrics);
        m.put("replyTo", p.replyTo());
        m.put("repostOf", p.repostOf());
        m.put("sentiment", s == null ? null : sentiment(s));
        return m;
    }

    static Map<String, Object> sentiment(Sentiment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", s.score());
        m.put("label", s.label().key());
        m.put("method", s.method());
        m.put("confidence", s.confidence());
        if (s.reason() != null) {
            m.put("reason", s.reason());
        }
        m.put("lang", s.lang());
        if (!s.drivers().isEmpty()) {
            m.put("drivers", s.drivers());
        }
        return m;
    }

    static Map<String, Object> withSentences(Post p, Sentiment s, Labels labels) {
        Map<String, Object> m = of(p, s, labels);
        if (s != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sentiment = (Map<String, Object>) m.get("sentiment");
            sentiment.put("analysedAt", s.analysedAt().toString());
            sentiment.put("sentences", s.sentences().stream().map(PostJson::sentence).toList());
        }
        return m;
    }

    private static Map<String, Object> sentence(SentenceSentiment t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", t.index());
        m.put("begin", t.begin());
        m.put("end", t.end());
        m.put("text", t.text());
        m.put("tokens", t.tokens());
        m.put("label", t.label().key());
        m.put("score", t.score());
        double[] p = t.probabilities();
        m.put("model", t.model());
        m.put("probabilities", t.fiveClasses() ? Map.of("veryNegative", p[0], "negative", p[1], "neutral", p[2],
                "positive", p[3], "veryPositive", p[4]) : Map.of("negative", p[1], "neutral", p[2], "positive", p[3]));
        return m;
    }

    static final List<String> CSV_COLUMNS = List.of("id", "source", "externalId", "url", "authorHandle",
            "authorName", "publishedAt", "lang", "text", "likes", "reposts", "replies", "quotes", "replyTo",
            "repostOf", "sentimentLabel", "sentimentScore", "sentimentConfidence", "sentimentMethod", "themes", "crafts", "group", "entities", "stance",
            "sourceName");

    /** A CSV row; several labels of a kind are joined by {@code |}. */
    static List<Object> csvRow(Post p, Sentiment s, Labels labels) {
        List<Object> row = new java.util.ArrayList<>(csvRow(p, s));
        row.add(String.join("|", labels.names(LabelKind.THEME)));
        row.add(String.join("|", labels.names(LabelKind.CRAFT)));
        row.add(labels.group() == null ? null : labels.group().name());
        row.add(String.join("|", labels.names(LabelKind.ENTITY)));
        row.add(labels.stance() == null ? null : labels.stance().name());
        // last, so the columns that were there before keep their places
        row.add(p.sourceName());
        return row;
    }

    private static List<Object> csvRow(Post p, Sentiment s) {
        return java.util.Arrays.asList(p.id(), p.source(), p.externalId(), p.url(), p.author().handle(),
                p.author().name(), p.publishedAt().toString(), p.lang(), p.text(), p.metrics().likes(),
                p.metrics().reposts(), p.metrics().replies(), p.metrics().quotes(), p.replyTo(), p.repostOf(),
                s == null ? null : s.label().key(), s == null ? null : s.score(),
                s == null ? null : s.confidence(), s == null ? null : s.method());
    }
}
