package org.reelpulse.analyze;

import java.time.Instant;
import java.util.List;

/**
 * The sentiment of a post. {@code score} in [-1, 1] and {@code confidence} in [0, 1] are null when
 * the post is unscored; {@code method} names the model, {@code reason} says why a post is unscored,
 * {@code sentences} keeps the parts the score was made of (empty when loaded as a summary).
 */
public record Sentiment(SentimentLabel label, Double score, Double confidence, String method, String reason,
        String lang, List<SentenceSentiment> sentences, Instant analysedAt) {

    public static Sentiment unscored(String lang, String reason, Instant at) {
        return new Sentiment(SentimentLabel.UNSCORED, null, null, "none", reason, lang, List.of(), at);
    }
}
