package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real CoreNLP models. */
class CoreNlpSentimentTest {

    private static CoreNlpSentiment sentiment;

    @BeforeAll
    static void loadModels() {
        sentiment = new CoreNlpSentiment(new AnalyzeProperties(true, 8, 1, 80, Duration.ofSeconds(1),
                "shift-reduce", true, "model"));
    }

    @Test
    void shouldScoreAClearlyPositiveSentencePositive() {
        CoreNlpSentiment.Scored s = sentiment.score("This is a wonderful, brilliant and beautiful film.");
        assertThat(s.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(s.score()).isGreaterThan(0.2);
        assertThat(s.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void shouldScoreAClearlyNegativeSentenceNegative() {
        CoreNlpSentiment.Scored s = sentiment.score("This deal is a terrible, disgusting betrayal of every artist.");
        assertThat(s.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(s.score()).isLessThan(-0.2);
    }

    @Test
    void shouldScoreAPlainStatementOfFactNeutral() {
        CoreNlpSentiment.Scored s = sentiment.score("The company published the agreement on Wednesday.");
        assertThat(s.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(s.score()).isBetween(-0.2, 0.2);
    }

    @Test
    void shouldKeepEverySentenceWithItsSpanAndProbabilities() {
        String text = "The actors are brilliant. The studio is awful.";
        CoreNlpSentiment.Scored s = sentiment.score(text);
        assertThat(s.sentences()).hasSize(2);
        SentenceSentiment first = s.sentences().get(0);
        assertThat(text.substring(first.begin(), first.end())).isEqualTo("The actors are brilliant.");
        assertThat(first.probabilities()).hasSize(5);
        double sum = 0;
        for (double p : first.probabilities()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.sentences().get(0).score()).isGreaterThan(s.sentences().get(1).score());
        assertThat(s.score()).isBetween(-1.0, 1.0);
    }
}
