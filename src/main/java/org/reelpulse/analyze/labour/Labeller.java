package org.reelpulse.analyze.labour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.reelpulse.analyze.EntityMention;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.post.Post;
import org.reelpulse.query.NamedQueries;

/**
 * Applies the labour lens to one post: themes and crafts from their queries, the author's
 * stakeholder group, the entities named, and the stance toward the tracked deal; then the ADMIN's
 * corrections. Pure: the same post, analysis, rules and corrections always give the same labels.
 */
public final class Labeller {

    /** The themes that are the studio's argument for a deal rather than a concern about it. */
    static final Set<String> ARGUMENTS_FOR = Set.of("cost-efficiency");
    /** Scores beyond this are taken as a clear side. */
    static final double CLEAR = 0.25;

    private Labeller() {
    }

    /**
     * The labels of a post. {@code sentiment} may be null (not analysed yet); {@code recognised}
     * are the names CoreNLP found (empty for other languages).
     */
    public static Labels label(LabelRules rules, Post post, Sentiment sentiment, List<EntityMention> recognised,
            List<Correction> corrections) {
        String lang = sentiment != null && sentiment.lang() != null ? sentiment.lang() : post.language();
        List<Label> themes = fromQueries(LabelKind.THEME, rules.themes().match(post.text(), lang), "themes");
        List<Label> crafts = fromQueries(LabelKind.CRAFT, rules.crafts().match(post.text(), lang), "crafts");
        Label group = rules.stakeholders().classify(post.source(), post.author());
        List<Label> entities = rules.entities().find(post.text(), recognised).stream()
                .map(f -> new Label(LabelKind.ENTITY, f.name(), f.type(), "named as '" + f.words() + "'", f.rule()))
                .toList();
        Labels labels = new Labels(themes, crafts, group, entities, null);
        for (Correction c : corrections) {
            labels = apply(rules, labels, c);
        }
        Label stance = stance(rules, post, lang, sentiment, labels);
        labels = new Labels(labels.themes(), labels.crafts(), labels.group(), labels.entities(), stance);
        for (Correction c : corrections) {
            if (c.kind() == LabelKind.STANCE) {
                labels = apply(rules, labels, c);
            }
        }
        return labels;
    }

    private static List<Label> fromQueries(LabelKind kind, List<NamedQueries.Match> matches, String file) {
        return matches.stream().map(m -> new Label(kind, m.name(), m.label(), m.reason(),
                file + ": " + m.name() + "/" + m.lang())).toList();
    }

    /**
     * The stance toward the tracked deal the post names: none named is neutral; otherwise the
     * sentiment decides, with the labour concerns raised as the tie-breaker and press reports kept
     * neutral.
     */
    static Label stance(LabelRules rules, Post post, String lang, Sentiment sentiment, Labels labels) {
        List<NamedQueries.Match> deals = rules.deals().match(post.text(), lang);
        if (deals.isEmpty()) {
            return stance("neutral", "names no tracked deal", "stance: no deal");
        }
        String deal = deals.get(0).label();
        List<String> concerns = labels.themes().stream().map(Label::name)
                .filter(t -> !ARGUMENTS_FOR.contains(t)).toList();
        if (sentiment == null || sentiment.score() == null || sentiment.label() == SentimentLabel.UNSCORED) {
            return stance("neutral", "about " + deal + ", but its sentiment is not scored", "stance: unscored");
        }
        double score = sentiment.score();
        String tone = String.format(Locale.ROOT, "%s (%+.2f)", sentiment.label().key(), score);
        if (labels.group() != null && labels.group().name().equals("press") && Math.abs(score) < 0.6) {
            return stance("neutral", "press report about " + deal + ", " + tone, "stance: press");
        }
        if (score <= -CLEAR) {
            return stance("opposes", tone + " about " + deal + concernsText(concerns), "stance: sentiment");
        }
        if (score >= CLEAR) {
            if (concerns.size() >= 2) {
                return stance("neutral", tone + " about " + deal + ", yet raises" + concernsText(concerns).substring(1),
                        "stance: mixed");
            }
            return stance("supports", tone + " about " + deal, "stance: sentiment");
        }
        if (score < 0 && concerns.size() >= 2) {
            return stance("opposes", tone + " about " + deal + concernsText(concerns), "stance: concerns");
        }
        return stance("neutral", tone + " about " + deal, "stance: sentiment");
    }

    private static String concernsText(List<String> concerns) {
        return concerns.isEmpty() ? "" : ", raising " + String.join(", ", concerns);
    }

    private static Label stance(String name, String reason, String rule) {
        return new Label(LabelKind.STANCE, name, STANCES.get(name), reason, rule);
    }

    /** The stances and their labels. */
    public static final java.util.Map<String, String> STANCES = java.util.Map.of(
            "supports", "Supports the deal", "opposes", "Opposes the deal", "neutral", "Neutral or unclear");

    private static Labels apply(LabelRules rules, Labels labels, Correction c) {
        List<Label> all = new ArrayList<>(labels.all().stream().filter(l -> l.kind() != c.kind()).toList());
        for (String name : c.names()) {
            all.add(new Label(c.kind(), name, title(rules, c.kind(), name), c.reason(), c.rule()));
        }
        return Labels.of(all);
    }

    /** The label for people of a name of a kind. */
    public static String title(LabelRules rules, LabelKind kind, String name) {
        List<NamedQueries.Definition> defs = switch (kind) {
            case THEME -> rules.themeDefinitions();
            case CRAFT -> rules.craftDefinitions();
            default -> List.of();
        };
        return switch (kind) {
            case GROUP -> rules.stakeholders().labels().getOrDefault(name, name);
            case STANCE -> STANCES.getOrDefault(name, name);
            case ENTITY -> name;
            default -> defs.stream().filter(d -> d.name().equals(name)).map(NamedQueries.Definition::label)
                    .findFirst().orElse(name);
        };
    }
}
