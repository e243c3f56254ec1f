package org.reelpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.SentenceSentiment;
import org.reelpulse.analyze.SentimentLabel;

class KeySentencesTest {

    private static SentenceSentiment sentence(int i, String text, double score) {
        return new SentenceSentiment(i, 0, text.length(), text, text.split(" ").length,
                score < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL, score, new double[5], "test");
    }

    @Test
    void shouldPickTheStrongestSentenceThatNamesAParty() {
        List<SentenceSentiment> s = List.of(
                sentence(0, "Statement on the Lionsgate and Runway partnership.", 0.0),
                sentence(1, "Our members are furious and will not accept this at all.", -0.9),
                sentence(2, "Lionsgate trained nothing on our work without a fight, and we reject the deal.", -0.6),
                sentence(3, "Lionsgate.", -0.95));
        Dashboard.KeySentence k = KeySentences.pick("…", s, List.of("Lionsgate", "Runway"));
        assertThat(k.text()).startsWith("Lionsgate trained nothing");
        assertThat(k.score()).isEqualTo(-0.6);
        assertThat(k.why()).contains("names Lionsgate");
    }

    @Test
    void shouldFallBackToTheStrongestSentenceWhenNoneNamesAParty() {
        List<SentenceSentiment> s = List.of(sentence(0, "We have read the announcement with care today.", -0.1),
                sentence(1, "This is a betrayal of every worker in the industry.", -0.8));
        Dashboard.KeySentence k = KeySentences.pick("…", s, List.of("Lionsgate"));
        assertThat(k.text()).startsWith("This is a betrayal");
        assertThat(k.why()).contains("no sentence names a party");
    }

    @Test
    void shouldSplitAnUnscoredTextAndTakeTheFirstSentenceNamingAParty() {
        Dashboard.KeySentence k = KeySentences.pick("Comunicato del sindacato. Il sindacato respinge l'accordo tra "
                + "Lionsgate e Runway senza riserve. Altro.", List.of(), List.of("Runway"));
        assertThat(k.text()).isEqualTo("Il sindacato respinge l'accordo tra Lionsgate e Runway senza riserve.");
        assertThat(k.score()).isNull();
        assertThat(k.why()).contains("not scored", "Runway");
    }

    @Test
    void shouldCutALongSentenceAtAWord() {
        String cut = KeySentences.cut("word ".repeat(100).strip(), 30);
        assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(31);
        assertThat(cut).doesNotContain("wor…");
    }
}
