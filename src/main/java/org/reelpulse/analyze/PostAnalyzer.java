package org.reelpulse.analyze;

import java.time.Clock;
import java.util.Locale;

import org.reelpulse.post.Post;
import org.springframework.stereotype.Component;

/**
 * Decides how a post is analysed: English goes to the CoreNLP model; any other language is
 * unscored, with the reason, until a model for it exists. A post without a language gets a guess.
 */
@Component
class PostAnalyzer {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostAnalyzer.class);

    private final CoreNlpSentiment english;
    private final Clock clock;

    PostAnalyzer(CoreNlpSentiment english, Clock clock) {
        this.english = english;
        this.clock = clock;
    }

    /**
     * Analyses one post. A failure of the model on one post must not stall the stage, so it is
     * recorded as unscored with the reason.
     */
    Sentiment analyse(Post post) {
        try {
            return analyseOrFail(post);
        } catch (RuntimeException e) {
            log.warn("Sentiment failed for post {}", post.id(), e);
            return Sentiment.unscored(normalise(post.lang()),
                    "The sentiment model failed on this post: " + e.getClass().getSimpleName(), clock.instant());
        }
    }

    private Sentiment analyseOrFail(Post post) {
        String lang = normalise(post.lang());
        if (lang == null) {
            lang = LanguageGuesser.guess(post.text());
        }
        if (lang == null) {
            return Sentiment.unscored(null,
                    "The post has no language and none could be recognised; only English is scored.",
                    clock.instant());
        }
        if (!lang.equals("en")) {
            return Sentiment.unscored(lang, "No sentiment model for language '" + lang
                    + "' yet; only English is scored.", clock.instant());
        }
        CoreNlpSentiment.Scored s = english.score(post.text());
        return new Sentiment(s.label(), s.score(), s.confidence(), CoreNlpSentiment.METHOD, null, lang,
                s.sentences(), clock.instant());
    }

    /** "en-GB" and "EN" both mean English. */
    static String normalise(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        String l = lang.trim().toLowerCase(Locale.ROOT);
        int dash = l.indexOf('-');
        return dash > 0 ? l.substring(0, dash) : l;
    }
}
