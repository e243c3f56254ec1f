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
    /** Sentiment scores beyond this count as a side. */
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
     * The stance toward the tracked deal the post names; none named is neutral. Otherwise signals
     * are weighed, each worth points for or against: who speaks (unions lean against, studios and
     * AI companies for), the sentiment, the labour concerns raised by those who bear them (one
     * point for raising any, one per concern up to two) or the studio's argument, and the cue words
     * of {@code stance.yml} (two points each).
     * Two points more on one side decide; press reports need three.
     * The reason lists every signal that counted.
     */
    static Label stance(LabelRules rules, Post post, String lang, Sentiment sentiment, Labels labels) {
        List<NamedQueries.Match> deals = rules.deals().match(post.text(), lang);
        if (deals.isEmpty()) {
            return stance("neutral", "names no tracked deal", "stance: no deal");
        }
        String deal = deals.get(0).label();
        String group = labels.group() == null ? Stakeholders.PUBLIC : labels.group().name();
        boolean bearsConcerns = group.equals("union-guild") || group.equals("working-creative");
        List<String> against = new ArrayList<>();
        List<String> forIt = new ArrayList<>();
        int points = 0; // > 0 against, < 0 for
        if (group.equals("union-guild")) {
            points++;
            against.add(labels.group().title().toLowerCase(Locale.ROOT));
        } else if (group.equals("studio-company") || group.equals("ai-company")) {
            points -= 2;
            forIt.add(labels.group().title().toLowerCase(Locale.ROOT));
        }
        if (sentiment != null && sentiment.score() != null && sentiment.label() != SentimentLabel.UNSCORED) {
            double score = sentiment.score();
            String tone = String.format(Locale.ROOT, "%s tone (%+.2f)", sentiment.label().key(), score);
            int weight = Math.abs(score) >= CLEAR ? 1 : 0;
            if (weight > 0 && score < 0) {
                points += weight;
                against.add(tone);
            } else if (weight > 0) {
                points -= weight;
                forIt.add(tone);
            }
        }
        List<String> concerns = labels.themes().stream().map(Label::name)
                .filter(t -> !ARGUMENTS_FOR.contains(t)).toList();
        if (bearsConcerns && !concerns.isEmpty()) {
            // a concern weighs more from those who bear it: one point for speaking up, one per concern (two at most)
            points += 1 + Math.min(2, concerns.size());
            against.add("raises " + String.join(", ", concerns));
        }
        if (!bearsConcerns && concerns.isEmpty()
                && labels.themes().stream().anyMatch(t -> ARGUMENTS_FOR.contains(t.name()))) {
            points--;
            forIt.add("makes the studio's argument");
        }
        for (NamedQueries.Match cue : rules.stanceCues().match(post.text(), lang)) {
            if (cue.name().equals("opposes")) {
                points += 2;
                against.add("says " + String.join(", ", cue.words().stream().map(w -> "'" + w + "'").toList()));
            } else if (cue.name().equals("supports")) {
                points -= 2;
                forIt.add("says " + String.join(", ", cue.words().stream().map(w -> "'" + w + "'").toList()));
            }
        }
        int needed = group.equals("press") ? 3 : 2;
        String signals = "about " + deal + (against.isEmpty() ? "" : "; against: " + String.join("; ", against))
                + (forIt.isEmpty() ? "" : "; for: " + String.join("; ", forIt));
        if (points >= needed) {
            return stance("opposes", signals, "stance: signals");
        }
        if (points <= -needed) {
            return stance("supports", signals, "stance: signals");
        }
        return stance("neutral", signals + (against.isEmpty() && forIt.isEmpty() ? "; no side taken"
                : "; not enough to take a side"), "stance: signals");
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
