package org.reelpulse.analyze;

import java.time.Clock;
import java.util.List;

import org.reelpulse.post.Post;
import org.springframework.stereotype.Component;

/**
 * Decides how a post is analysed: English goes to the CoreNLP model; any other language is
 * unscored, with the reason, until a model for it exists. A post without a language gets a guess.
 */
@Component
class PostAnalyzer {

    static final String METHOD_PREFIX = TweetSentimentModel.VERSION + "/";
    static final int EXPLAINED_CHARS = 5_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostAnalyzer.class);

    /** The version of the whole analysis; stored posts analysed by another version are re-scored. */
    static final String VERSION = TweetSentimentModel.VERSION;

    private final CoreNlpSentiment english;
    private final TweetSentimentModel model;
    private final LanguageDetection languages = new LanguageDetection();
    private final Clock clock;

    PostAnalyzer(CoreNlpSentiment english, Clock clock) {
        this.english = english;
        this.model = new TweetSentimentModel(new TweetFeatures(Lexicon.load()));
        this.clock = clock;
    }

    /**
     * Analyses one post. A failure of the model on one post must not stall the stage, so it is
     * recorded as unscored with the reason.
     */
    Analysed analyse(Post post) {
        try {
            return analyseOrFail(post);
        } catch (RuntimeException e) {
            log.warn("Sentiment failed for post {}", post.id(), e);
            return Analysed.of(Sentiment.unscored(post.language(),
                    "The sentiment model failed on this post: " + e.getClass().getSimpleName(), clock.instant()));
        }
    }

    private Analysed analyseOrFail(Post post) {
        String lang = languages.detect(post.text(), post.lang()).lang();
        if (lang == null) {
            return Analysed.of(Sentiment.unscored(null, "The post has no language tag and its language could not be "
                    + "recognised from the text.", clock.instant()));
        }
        if (!model.supports(lang)) {
            return Analysed.of(Sentiment.unscored(lang, "No sentiment model for language '" + lang
                    + "'; ReelPulse scores English, French, German and Spanish.", clock.instant()));
        }
        if (post.text().codePoints().noneMatch(Character::isLetterOrDigit)
                && post.text().codePoints().noneMatch(c -> Character.getType(c) == Character.OTHER_SYMBOL)) {
            return Analysed.of(Sentiment.unscored(lang, "The post has no words or emoji to score.", clock.instant()));
        }
        // CoreNLP's sentences explain English posts sentence by sentence, and its recogniser finds names
        CoreNlpSentiment.Scored scored = lang.equals("en") ? english.score(explained(post.text())) : null;
        List<SentenceSentiment> sentences = scored == null ? List.of() : scored.sentences();
        TweetSentimentModel.Prediction p = model.predict(post.text(), lang,
                model.wantsCoreNlp(lang) ? sentences : null);
        return new Analysed(new Sentiment(SentimentLabel.ofKey(p.label()), p.score(), p.confidence(),
                METHOD_PREFIX + lang, null, lang, sentences, clock.instant(), p.drivers()),
                scored == null ? List.of() : scored.mentions());
    }

    /**
     * The part of a text that CoreNLP explains sentence by sentence: all of it, up to a limit that
     * keeps a very long post from stalling the posts behind it (the model still scores all of it).
     */
    static String explained(String text) {
        if (text.length() <= EXPLAINED_CHARS) {
            return text;
        }
        int end = EXPLAINED_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

}
