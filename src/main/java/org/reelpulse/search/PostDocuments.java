package org.reelpulse.search;

import java.util.Locale;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.post.Post;

/** Turns a post and its analysis (if any yet) into its index document. */
final class PostDocuments {

    private PostDocuments() {
    }

    static PostIndex.PostDocument of(Post post, Sentiment sentiment) {
        return of(post, sentiment, Labels.NONE);
    }

    static PostIndex.PostDocument of(Post post, Sentiment sentiment, Labels labels) {
        Document d = new Document();
        d.add(new StringField(IndexFields.ID, Long.toString(post.id()), Field.Store.YES));
        d.add(new NumericDocValuesField(IndexFields.ID, post.id()));
        d.add(new TextField(IndexFields.TEXT, post.text(), Field.Store.YES));
        String lang = SearchService.language(post, sentiment);
        if (lang != null) {
            String langField = IndexFields.TEXT_BY_LANG.get(lang);
            if (langField != null) {
                d.add(new TextField(langField, post.text(), Field.Store.NO));
            }
        }
        keyword(d, IndexFields.SOURCE, post.source());
        keyword(d, IndexFields.LANG, lang == null ? "unknown" : lang);
        keyword(d, IndexFields.AUTHOR, post.author().handle());
        keyword(d, IndexFields.SENTIMENT, sentiment == null ? IndexFields.PENDING : sentiment.label().key());
        if (sentiment != null && sentiment.method() != null) {
            keyword(d, IndexFields.METHOD, sentiment.method());
        }
        if (labels.group() != null) {
            keyword(d, IndexFields.GROUP, labels.group().name());
        }
        if (labels.stance() != null) {
            keyword(d, IndexFields.STANCE, labels.stance().name());
        }
        for (Label l : labels.themes()) {
            keywords(d, IndexFields.THEME, l.name());
        }
        for (Label l : labels.crafts()) {
            keywords(d, IndexFields.CRAFT, l.name());
        }
        for (Label l : labels.entities()) {
            keywords(d, IndexFields.ENTITY, l.name());
        }
        d.add(new SortedDocValuesField(IndexFields.DUPLICATE, new BytesRef(duplicateKey(post))));
        for (String tag : tags(post.text())) {
            keywords(d, IndexFields.TAG, tag);
        }
        long published = post.publishedAt().toEpochMilli();
        d.add(new LongPoint(IndexFields.PUBLISHED, published));
        d.add(new NumericDocValuesField(IndexFields.PUBLISHED, published));
        d.add(new NumericDocValuesField(IndexFields.ENGAGEMENT, post.metrics().total()));
        d.add(new LongPoint(IndexFields.ENGAGEMENT, post.metrics().total()));
        count(d, IndexFields.LIKES, post.metrics().likes());
        count(d, IndexFields.REPOSTS, post.metrics().reposts());
        count(d, IndexFields.REPLIES, post.metrics().replies());
        count(d, IndexFields.QUOTES, post.metrics().quotes());
        if (sentiment != null && sentiment.score() != null) {
            d.add(new DoubleDocValuesField(IndexFields.SCORE, sentiment.score()));
            d.add(new DoublePoint(IndexFields.SCORE, sentiment.score()));
        }
        return new PostIndex.PostDocument(post.id(), d);
    }

    private static void keyword(Document d, String field, String value) {
        String v = lower(value);
        d.add(new StringField(field, v, Field.Store.NO));
        d.add(new SortedDocValuesField(field, new BytesRef(v)));
    }

    // compiled once (String.replaceAll compiles its pattern on every call)
    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("https?://\\S+");
    private static final java.util.regex.Pattern MENTION = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_.@-]+");
    private static final java.util.regex.Pattern RETWEET = java.util.regex.Pattern.compile("^rt\\s*:?\\s*");
    private static final java.util.regex.Pattern NOT_A_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}#]+");

    /** Texts shorter than this many words are too common to be called copies of each other. */
    static final int COPY_MIN_WORDS = 6;

    /**
     * What a post shares with its reposts, boosts and copies: its text without case, links,
     * mentions and punctuation when the text has at least {@link #COPY_MIN_WORDS} words; otherwise
     * the original it reposts, or the post itself.
     */
    static String duplicateKey(Post post) {
        // each pattern only where it can match: most texts have no link, mention or "rt" in front
        String normal = post.text().toLowerCase(Locale.ROOT);
        if (normal.contains("http")) {
            normal = LINK.matcher(normal).replaceAll(" ");
        }
        if (normal.indexOf('@') >= 0) {
            normal = MENTION.matcher(normal).replaceAll(" ");
        }
        if (normal.startsWith("rt")) {
            normal = RETWEET.matcher(normal).replaceAll(" ");
        }
        normal = NOT_A_WORD.matcher(normal).replaceAll(" ").strip();
        if (!normal.isEmpty() && normal.split(" ").length >= COPY_MIN_WORDS) {
            return "t:" + digest(normal);
        }
        return post.repostOf() != null ? "r:" + post.source() + ":" + post.repostOf()
                : "r:" + post.source() + ":" + post.externalId();
    }

    /** 96 bits of SHA-256: no two different texts among billions share it. */
    private static String digest(String text) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha, 12));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern TAGS = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_])([#@][\\p{L}\\p{N}_]+(?:[.@-][\\p{L}\\p{N}_]+)*)");

    /** The hashtags and @mentions of a text, lower-cased, each once. */
    static java.util.Set<String> tags(String text) {
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        if (text.indexOf('#') < 0 && text.indexOf('@') < 0) {
            return tags;
        }
        java.util.regex.Matcher m = TAGS.matcher(text);
        while (m.find() && tags.size() < 50) {
            tags.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return tags;
    }

    /** An engagement count as a point for ranges; absent when the source did not say. */
    private static void count(Document d, String field, Integer value) {
        if (value != null) {
            d.add(new LongPoint(field, value));
        }
    }

    /** A value of a field with several values per post: counted through sorted-set doc values. */
    private static void keywords(Document d, String field, String value) {
        String v = lower(value);
        d.add(new StringField(field, v, Field.Store.NO));
        d.add(new SortedSetDocValuesField(field, new BytesRef(v)));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
