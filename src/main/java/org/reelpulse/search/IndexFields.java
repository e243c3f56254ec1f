package org.reelpulse.search;

import java.util.List;
import java.util.Map;

import org.reelpulse.query.QueryFields;

/**
 * The names of the index fields, with why each has its type. The database is the source of truth;
 * the index holds only what searching, sorting, highlighting and counting need.
 */
final class IndexFields {

    /** Post id: an exact term so {@code updateDocument} replaces the one document of a post, plus doc values to read ids fast. */
    static final String ID = "id";
    /** The text, stored for highlighting, analysed language-neutrally so every post matches plain words. */
    static final String TEXT = QueryFields.TEXT;
    /** The text again, analysed with its language's stemmer and stop words; only filled for that language. */
    static final Map<String, String> TEXT_BY_LANG = QueryFields.TEXT_BY_LANG;
    /** Where free text in a query is looked for. */
    static final List<String> TEXT_FIELDS = QueryFields.TEXT_FIELDS;
    /**
     * Exact, lower-cased keywords, queryable as {@code source:reddit} and counted through doc values:
     * sorted doc values for the one-per-post fields, sorted-set doc values for the several-per-post ones.
     */
    static final String SOURCE = QueryFields.SOURCE;
    static final String LANG = QueryFields.LANG;
    static final String AUTHOR = QueryFields.AUTHOR;
    static final String SENTIMENT = QueryFields.SENTIMENT;
    static final String METHOD = QueryFields.METHOD;
    static final String GROUP = QueryFields.GROUP;
    static final String STANCE = QueryFields.STANCE;
    static final String THEME = QueryFields.THEME;
    static final String CRAFT = QueryFields.CRAFT;
    static final String ENTITY = QueryFields.ENTITY;
    static final String TAG = QueryFields.TAG;
    /** The fields with one value per post. */
    static final List<String> SINGLE_VALUED = List.of(SOURCE, LANG, AUTHOR, SENTIMENT, METHOD, GROUP, STANCE);
    /** The fields with several values per post. */
    static final List<String> MULTI_VALUED = List.of(THEME, CRAFT, ENTITY, TAG);
    /** Publication time in epoch milliseconds: a point for ranges, doc values for sorting and per-day counts. */
    static final String PUBLISHED = QueryFields.PUBLISHED;
    /** Likes + reposts + replies + quotes: doc values for sorting by engagement, a point for ranges. */
    static final String ENGAGEMENT = QueryFields.ENGAGEMENT;
    /** Engagement counts as points, for {@code likes:>100}; absent when the source did not give them. */
    static final String LIKES = QueryFields.LIKES;
    static final String REPOSTS = QueryFields.REPOSTS;
    static final String REPLIES = QueryFields.REPLIES;
    static final String QUOTES = QueryFields.QUOTES;
    /** The sentiment score: doc values for the mean per time bucket, a point for ranges; absent when unscored. */
    static final String SCORE = QueryFields.SCORE;
    /**
     * The version of the document layout. An index written with another layout is emptied on open
     * and rebuilt from the database.
     */
    static final String SCHEMA = "4";

    /** What reposts, boosts and copies of one text share, so they can be counted once (sorted doc values). */
    static final String DUPLICATE = "dup";

    /** Label of a post that has not been analysed yet. */
    static final String PENDING = "pending";

    private IndexFields() {
    }
}
