package org.reelpulse.analyze;

/**
 * One sentence's part of a post score: its span in the post text, the model that read it, the
 * model's class probabilities (very negative to very positive; a three-class model leaves the
 * "very" classes at 0) and its score on [-1, 1].
 */
public record SentenceSentiment(int index, int begin, int end, String text, int tokens, SentimentLabel label,
        double score, double[] probabilities, String model) {

    /** Whether the model reads five classes (CoreNLP's) rather than three. */
    public boolean fiveClasses() {
        return model == null || model.startsWith("corenlp");
    }
}
