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

    /**
     * The version of the whole analysis for a configuration; stored posts analysed by another
     * version are re-scored (switching the sentence model re-explains them).
     */
    static String version(AnalyzeProperties properties) {
        return TweetSentimentModel.VERSION + (properties.parses() ? "+corenlp-sentences" : "")
                + (properties.entities() ? "" : "-ner");
    }

    private final CoreNlpSentiment english;
    private final TweetSentimentModel model;
    private final LanguageDetection languages = new LanguageDetection();
    private final Clock clock;
    private final boolean parses;
    private final String version;

    PostAnalyzer(CoreNlpSentiment english, AnalyzeProperties properties, Clock clock) {
        this.english = english;
        this.parses = properties.parses();
        this.version = version(properties);
        this.model = new TweetSentimentModel(new TweetFeatures(Lexicon.load()));
        this.clock = clock;
    }

    /** The version of the analysis this analyser makes. */
    String version() {
        return version;
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
        TweetSentimentModel.Prediction p;
        List<SentenceSentiment> sentences;
        List<EntityMention> mentions = List.of();
        if (parses || model.wantsCoreNlp(lang)) {
            // CoreNLP's own sentence sentiment explains English posts (and feeds a model that wants it)
            CoreNlpSentiment.Scored scored = lang.equals("en") ? english.score(explained(post.text())) : null;
            sentences = scored == null ? List.of() : scored.sentences();
            mentions = scored == null ? List.of() : scored.mentions();
            p = model.predict(post.text(), lang, model.wantsCoreNlp(lang) ? sentences : null);
        } else {
            // the model that scores the post reads each sentence too; CoreNLP only splits and finds names
            p = model.predict(post.text(), lang, null);
            String text = explained(post.text());
            List<CoreNlpSentiment.Span> spans;
            if (lang.equals("en")) {
                CoreNlpSentiment.Reading reading = english.read(text);
                spans = reading.sentences();
                mentions = reading.mentions();
            } else {
                spans = Sentences.split(text, lang);
            }
            sentences = spans.size() == 1 && spans.get(0).begin() == 0
                    ? List.of(sentence(0, spans.get(0), text, p, lang))
                    : java.util.stream.IntStream.range(0, spans.size()).mapToObj(i -> sentence(i, spans.get(i), text,
                            model.predict(text.substring(spans.get(i).begin(), spans.get(i).end()), lang, null), lang))
                            .toList();
        }
        return new Analysed(new Sentiment(SentimentLabel.ofKey(p.label()), p.score(), p.confidence(),
                METHOD_PREFIX + lang, null, lang, sentences, clock.instant(), p.drivers()), mentions);
    }

    private static SentenceSentiment sentence(int index, CoreNlpSentiment.Span span, String text,
            TweetSentimentModel.Prediction p, String lang) {
        return new SentenceSentiment(index, span.begin(), span.end(), text.substring(span.begin(), span.end()),
                span.tokens(), SentimentLabel.ofKey(p.label()), p.score(),
                new double[] {0, p.pNegative(), p.pNeutral(), p.pPositive(), 0}, METHOD_PREFIX + lang);
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
