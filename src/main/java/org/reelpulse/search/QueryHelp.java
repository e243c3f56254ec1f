package org.reelpulse.search;

import java.util.List;

/**
 * The query language at a glance, for people: each construct with an example and what it means.
 * The search view's help panel shows it, and completion offers the field names from it.
 */
public final class QueryHelp {

    /**
     * One line of help.
     *
     * @param syntax  what is typed ({@code theme:}, {@code "phrase"})
     * @param example a query that works on the demo data
     * @param meaning what it finds
     * @param field   the field name when the line is about one field (completion offers it), else null
     */
    public record Line(String syntax, String example, String meaning, String field) {
    }

    public static final List<Line> LINES = List.of(
            new Line("words", "replace artists", "both words, in any form of the post's language (replacing, replaced)", null),
            new Line("OR, NOT, ( )", "(lionsgate OR runway) NOT trailer", "operators in capitals", null),
            new Line("\"phrase\"", "\"digital replica\"", "the words together; \"replace artists\"~3 allows 3 words between", null),
            new Line("wildcard", "replac*", "any ending", null),
            new Line("#tag, @mention", "#NoAIArt @sagaftra", "the hashtag or mention itself", null),
            new Line("source:", "source:union", "mastodon, bluesky, reddit, hackernews, youtube, x, news, union, web", "source"),
            new Line("lang:", "lang:fr", "the detected language", "lang"),
            new Line("author:", "author:\"tvance@vfx.example.social\"", "one author", "author"),
            new Line("sentiment:", "sentiment:negative", "negative, neutral, positive, unscored, pending", "sentiment"),
            new Line("score:", "score:[-1 TO -0.5]", "the sentiment score", "score"),
            new Line("theme:", "theme:job-displacement", "a labour theme (see Themes and crafts)", "theme"),
            new Line("craft:", "craft:vfx-artists", "a craft mentioned", "craft"),
            new Line("group:", "group:union-guild", "the author's stakeholder group", "group"),
            new Line("stance:", "stance:opposes", "toward the tracked deal: supports, opposes, neutral", "stance"),
            new Line("entity:", "entity:lionsgate", "an organisation or person named", "entity"),
            new Line("event:", "event:lionsgate-runway", "a tracked event's query", "event"),
            new Line("published:", "published:[2024-09-18 TO 2024-09-25]", "days (UTC) or \"instants\"", "published"),
            new Line("likes:", "likes:>100", "likes; >, >=, <, <= or [a TO b]", "likes"),
            new Line("reposts:, replies:, quotes:", "replies:[5 TO 50]", "the other counts, compared the same way", null),
            new Line("engagement:", "engagement:>=1000", "likes + reposts + replies + quotes", "engagement"),
            new Line("method:", "method:tweet-lr-1/en", "how the sentiment was scored", "method"));

    private QueryHelp() {
    }
}
