package org.reelpulse.search;

import java.util.List;
import java.util.Map;

/**
 * The names of the index fields, with why each has its type. The database is the source of truth;
 * the index holds only what searching, sorting, highlighting and counting need.
 */
final class IndexFields {

    /** Post id: an exact term so {@code updateDocument} replaces the one document of a post, plus doc values to read ids fast. */
    static final String ID = "id";
    /** The text, stored for highlighting, analysed language-neutrally so every post matches plain words. */
    static final String TEXT = "text";
    /** The text again, analysed with its language's stemmer and stop words; only filled for that language. */
    static final Map<String, String> TEXT_BY_LANG = Map.of(
            "en", "text_en", "fr", "text_fr", "de", "text_de", "es", "text_es");
    /** Where free text in a query is looked for. */
    static final List<String> TEXT_FIELDS = List.of(TEXT, "text_en", "text_fr", "text_de", "text_es");
    /** Exact, lower-cased keywords, queryable as {@code source:reddit} and counted through sorted doc values. */
    static final String SOURCE = "source";
    static final String LANG = "lang";
    static final String AUTHOR = "author";
    /** The sentiment label ({@code negative}, ..., {@code unscored}; {@code pending} before analysis). */
    static final String SENTIMENT = "sentiment";
    /** The labour themes the post matches ({@code theme:job-displacement}); several per post. */
    static final String THEME = "theme";
    static final List<String> KEYWORD_FIELDS = List.of(SOURCE, LANG, AUTHOR, SENTIMENT, THEME);
    /** Publication time in epoch milliseconds: a point for ranges, doc values for sorting and per-day counts. */
    static final String PUBLISHED = "published";
    /** Likes + reposts + replies + quotes, doc values for sorting by engagement. */
    static final String ENGAGEMENT = "engagement";
    /** The sentiment score, doc values for the mean per time bucket; absent when unscored. */
    static final String SCORE = "score";

    /** Label of a post that has not been analysed yet. */
    static final String PENDING = "pending";

    private IndexFields() {
    }
}
