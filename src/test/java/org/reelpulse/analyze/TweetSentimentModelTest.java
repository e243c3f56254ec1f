package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped models, loaded from the classpath as the application does. */
class TweetSentimentModelTest {

    private final TweetSentimentModel model = new TweetSentimentModel(new TweetFeatures(Lexicon.load()));

    private TweetSentimentModel.Prediction predict(String text, String lang) {
        return model.predict(text, lang, null);
    }

    @Test
    void shouldScoreClearTweetsInEachLanguage() {
        assertThat(predict("This deal is disgusting. Terrible, awful news for every artist. I hate it 😡", "en").label())
                .isEqualTo("negative");
        assertThat(predict("Love this! Great news, so happy for the team 😍", "en").label()).isEqualTo("positive");
        assertThat(predict("C'est une honte, vraiment nul et triste", "fr").label()).isEqualTo("negative");
        assertThat(predict("Merci ! Super nouvelle, j'adore, bravo 😍", "fr").label()).isEqualTo("positive");
        assertThat(predict("Das ist eine Katastrophe, schlimm und traurig", "de").label()).isEqualTo("negative");
        assertThat(predict("Super, vielen Dank! Ich freue mich sehr 😍", "de").label()).isEqualTo("positive");
        assertThat(predict("Qué asco, es horrible y triste", "es").label()).isEqualTo("negative");
        assertThat(predict("¡Gracias! Me encanta, qué maravilla 😍", "es").label()).isEqualTo("positive");
    }

    @Test
    void shouldExplainAScoreByTheFeaturesThatMovedIt() {
        TweetSentimentModel.Prediction p = predict("This is disgusting and awful", "en");
        assertThat(p.drivers()).isNotEmpty().anyMatch(d -> d.contains("disgusting") || d.contains("lexicon"));
        assertThat(p.pNegative() + p.pNeutral() + p.pPositive()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.confidence()).isBetween(1.0 / 3, 1.0);
        assertThat(p.score()).isBetween(-1.0, 0.0);
    }

    @Test
    void shouldNotOfferFunctionWordsOrFragmentsAsReasons() {
        assertThat(TweetSentimentModel.explains("w=disgusting")).isTrue();
        assertThat(TweetSentimentModel.explains("w=NOT_good")).isTrue();
        assertThat(TweetSentimentModel.explains("e=😡")).isTrue();
        assertThat(TweetSentimentModel.explains("lex_neg")).isTrue();
        assertThat(TweetSentimentModel.explains("w=a")).isFalse();
        assertThat(TweetSentimentModel.explains("w=the")).isFalse();
        assertThat(TweetSentimentModel.explains("c=isg")).isFalse();
        assertThat(TweetSentimentModel.explains("bias")).isFalse();
        assertThat(predict("If it is like a disaster, look at the awful mess", "en").drivers())
                .noneMatch(d -> d.equals("'a'") || d.equals("'if'") || d.equals("'at'"));
    }

    @Test
    void shouldLowerTheScoreWhenAPositiveWordIsNegated() {
        assertThat(predict("the new tool is not good", "en").score())
                .isLessThan(predict("the new tool is good", "en").score());
    }

    @Test
    void shouldKnowWhichLanguagesItScores() {
        assertThat(model.supports("fr")).isTrue();
        assertThat(model.supports("it")).isFalse();
        assertThat(model.wantsCoreNlp("en")).isFalse();
    }
}
