package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TweetFeaturesTest {

    private final TweetFeatures features = new TweetFeatures(Lexicon.load());

    @Test
    void shouldMarkWordsAfterANegationUntilThePunctuation() {
        Map<String, Double> f = features.extract("This is not good at all. Great though", "en");
        assertThat(f).containsKeys("w=NOT_good", "negation", "w=great").doesNotContainKey("w=good");
        assertThat(features.extract("c'est pas terrible", "fr")).containsKey("w=NOT_terrible");
        assertThat(features.extract("das ist nicht gut", "de")).containsKey("w=NOT_gut");
    }

    @Test
    void shouldNormaliseSocialText() {
        Map<String, Double> f = features.extract(
                "SOOOO angry @studio_exec about #NoAIArt https://example.org/x 😡 jajaja", "en");
        assertThat(f).containsKeys("has_mention", "has_url", "w=no", "w=NOT_ai", "w=NOT_art", "elongated", "caps_words",
                "e=😡", "laugh", "w=soo", "lex_neg");
        assertThat(f.keySet()).noneMatch(k -> k.contains("http") || k.contains("studio_exec"));
    }

    @Test
    void shouldReadNegatedLexiconWordsAsTheirOpposite() {
        double plain = features.extract("this is good", "en").getOrDefault("lex_pos", 0.0);
        Map<String, Double> negated = features.extract("this is not good", "en");
        assertThat(plain).isPositive();
        assertThat(negated.getOrDefault("lex_pos", 0.0)).isZero();
        assertThat(negated.get("lex_neg")).isPositive();
    }

    @Test
    void shouldNameFeaturesForPeople() {
        assertThat(TweetFeatures.describe("w=NOT_great")).isEqualTo("negated 'great'");
        assertThat(TweetFeatures.describe("e=😡")).isEqualTo("😡");
        assertThat(TweetFeatures.describe("lex_neg")).isEqualTo("negative words (lexicon)");
    }

    @Test
    void shouldNotFailOnHostileInput() {
        String zeroWidth = "go\u200Bod\u200D \uFEFF";
        String lonelySurrogate = "bad \uD83D text \uDE21";
        assertThat(features.extract("", "en")).containsKey("bias");
        assertThat(features.extract(zeroWidth, "en")).isNotEmpty();
        assertThat(features.extract(lonelySurrogate, "es")).isNotEmpty();
        assertThat(features.extract("Лайонсгейт 和 Runway 🤖", "de")).isNotEmpty();
        assertThat(features.extract("word ".repeat(10_000), "fr")).containsKey("w=word");
    }
}
