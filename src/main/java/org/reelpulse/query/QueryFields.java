package org.reelpulse.query;

import java.util.List;
import java.util.Map;

/**
 * The fields of the query language analysts type, shared by the search index and by the rules
 * (themes, crafts, stakeholder profiles, tracked deals) that are written in the same language.
 */
public final class QueryFields {

    /** The text, analysed language-neutrally so every post matches plain words. */
    public static final String TEXT = "text";
    /** The text again, analysed with its language's stemmer and stop words; only filled for that language. */
    public static final Map<String, String> TEXT_BY_LANG = Map.of(
            "en", "text_en", "fr", "text_fr", "de", "text_de", "es", "text_es");
    /** Where free text in a query is looked for. */
    public static final List<String> TEXT_FIELDS = List.of(TEXT, "text_en", "text_fr", "text_de", "text_es");

    public static final String SOURCE = "source";
    public static final String LANG = "lang";
    public static final String AUTHOR = "author";
    /** The sentiment label ({@code negative}, ..., {@code unscored}; {@code pending} before analysis). */
    public static final String SENTIMENT = "sentiment";
    /** How the sentiment was scored ({@code tweet-lr-3/en}). */
    public static final String METHOD = "method";
    /** The labour themes a post matches ({@code theme:job-displacement}); several per post. */
    public static final String THEME = "theme";
    /** The crafts a post mentions or affects ({@code craft:vfx-artists}); several per post. */
    public static final String CRAFT = "craft";
    /** The stakeholder group of the author ({@code group:union-guild}). */
    public static final String GROUP = "group";
    /** Organisations and people named in the post, normalised ({@code entity:lionsgate}). */
    public static final String ENTITY = "entity";
    /** The stance toward the tracked deal ({@code stance:opposes}). */
    public static final String STANCE = "stance";

    /** Publication time in epoch milliseconds; queried with days or instants ({@code published:[2024-09-18 TO 2024-09-25]}). */
    public static final String PUBLISHED = "published";
    /** Engagement counts, queried as numbers ({@code likes:>100}, {@code replies:[5 TO 50]}). */
    public static final String LIKES = "likes";
    public static final String REPOSTS = "reposts";
    public static final String REPLIES = "replies";
    public static final String QUOTES = "quotes";
    /** Likes + reposts + replies + quotes. */
    public static final String ENGAGEMENT = "engagement";
    /** The sentiment score in [-1, 1] ({@code score:[-1 TO -0.5]}). */
    public static final String SCORE = "score";
    /** A tracked event by its slug: stands for the event's query ({@code event:lionsgate-runway}). */
    public static final String EVENT = "event";
    /** Whole-number fields, indexed as long points. */
    public static final List<String> COUNT_FIELDS = List.of(LIKES, REPOSTS, REPLIES, QUOTES, ENGAGEMENT);

    /** The hashtags and @mentions of a post, lower-cased ({@code #noaiart}, {@code @sagaftra}): searched as themselves. */
    public static final String TAG = "tag";

    /** Exact, lower-cased keyword fields. */
    public static final List<String> KEYWORD_FIELDS = List.of(SOURCE, LANG, AUTHOR, SENTIMENT, METHOD, THEME,
            CRAFT, GROUP, ENTITY, STANCE, TAG);

    private QueryFields() {
    }
}
