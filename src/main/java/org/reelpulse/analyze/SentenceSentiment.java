package org.reelpulse.analyze;

/**
 * One sentence's part of a post score: its span in the post text, the model's five class
 * probabilities (very negative to very positive) and the expected value of those on [-1, 1].
 */
public record SentenceSentiment(int index, int begin, int end, String text, int tokens, SentimentLabel label,
        double score, double[] probabilities) {
}
