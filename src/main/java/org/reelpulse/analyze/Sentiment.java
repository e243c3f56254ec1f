package org.reelpulse.analyze;

import java.time.Instant;
import java.util.List;

/**
 * The sentiment of a post. {@code score} in [-1, 1] and {@code confidence} in [0, 1] are null when
 * the post is unscored; {@code method} names the model, {@code reason} says why a post is unscored,
 * {@code sentences} keeps CoreNLP's sentence parts (English; empty when loaded as a summary), and
 * {@code drivers} the features that moved the score most ("negated 'great'", "😡").
 */
public record Sentiment(SentimentLabel label, Double score, Double confidence, String method, String reason,
        String lang, List<SentenceSentiment> sentences, Instant analysedAt, List<String> drivers) {

    public static Sentiment unscored(String lang, String reason, Instant at) {
        return new Sentiment(SentimentLabel.UNSCORED, null, null, "none", reason, lang, List.of(), at, List.of());
    }
}
