package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabourEvaluationTest {

    @Test
    void shouldScoreMultiLabelPredictionsPerLabel() {
        LabourEvaluation.Scores s = new LabourEvaluation.Scores();
        s.addSet(List.of("a", "b"), List.of("a"));
        s.addSet(List.of("a"), List.of("a", "c"));
        s.addSet(List.of(), List.of());
        assertThat(s.precision("a")).isEqualTo(1.0);
        assertThat(s.recall("b")).isEqualTo(0.0);
        assertThat(s.precision("c")).isEqualTo(0.0);
        double[] micro = s.micro(); // tp 2, fp 1, fn 1
        assertThat(micro[0]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(micro[1]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.table()).contains("| a | 2 | 2 | 1.00 | 1.00 | 1.00 |", "Exactly right: 1 of 3 posts");
    }

    @Test
    void shouldCountConfusionsOfSingleLabels() {
        LabourEvaluation.Scores s = new LabourEvaluation.Scores();
        s.addOne("opposes", "opposes");
        s.addOne("opposes", "neutral");
        s.addOne("supports", "neutral");
        assertThat(s.recall("opposes")).isEqualTo(0.5);
        assertThat(s.precision("neutral")).isEqualTo(0.0);
        assertThat(s.confusion()).contains("| opposes | 1 | 1 | 0 |", "| supports | 1 | 0 | 0 |");
    }
}
