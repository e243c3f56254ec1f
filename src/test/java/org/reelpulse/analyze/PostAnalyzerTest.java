package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

/** The analysis of one post, with the real models, including input that tries to break it. */
class PostAnalyzerTest {

    private static PostAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new PostAnalyzer(new CoreNlpSentiment(new AnalyzeProperties(true, 8, 1, 80, Duration.ofSeconds(1),
                "shift-reduce", true, "model")), new AnalyzeProperties(true, 8, 1, 80, Duration.ofSeconds(1),
                "shift-reduce", true, "model"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static Post post(String text, String lang) {
        return new Post(1, 1, "mastodon", "x", null, new Author("a", null, null), text, lang,
                Instant.parse("2024-09-18T00:00:00Z"), Metrics.UNKNOWN, null, null, Instant.now());
    }

    @Test
    void shouldScoreEnglishWithTheTweetModelAndExplainItSentenceBySentence() {
        Sentiment s = analyzer.analyse(post("This deal is a disgusting betrayal. I hate it.", "en")).sentiment();
        assertThat(s.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(s.method()).isEqualTo("tweet-lr-1/en");
        assertThat(s.sentences()).hasSize(2);
        assertThat(s.drivers()).isNotEmpty();
        assertThat(s.confidence()).isBetween(0.34, 1.0);
    }

    @Test
    void shouldScoreFrenchGermanAndSpanishAndTrustTheTextOverAMissingTag() {
        assertThat(analyzer.analyse(post("Quelle honte, c'est nul et triste pour les artistes", "fr")).sentiment().method())
                .isEqualTo("tweet-lr-1/fr");
        assertThat(analyzer.analyse(post("Das ist nicht gut für die Künstler und das Studio", null)).sentiment().lang())
                .isEqualTo("de");
        Sentiment es = analyzer.analyse(post("Qué asco, es horrible y triste", "es-MX")).sentiment();
        assertThat(es.lang()).isEqualTo("es");
        assertThat(es.label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void shouldMarkWhatItCannotScoreWithTheReason() {
        Sentiment italian = analyzer.analyse(post("Lo studio ha firmato un accordo", "it")).sentiment();
        assertThat(italian.label()).isEqualTo(SentimentLabel.UNSCORED);
        assertThat(italian.score()).isNull();
        assertThat(italian.reason()).contains("'it'");
        Sentiment punctuation = analyzer.analyse(post("... !!! ???", "en")).sentiment();
        assertThat(punctuation.label()).isEqualTo(SentimentLabel.UNSCORED);
        assertThat(punctuation.reason()).contains("no words");
    }

    @Test
    void shouldNeverFailOnHostileInput() {
        String[] hostile = {"", "😡", "x".repeat(50_000), "word \uD83D broken \uDE21 surrogates",
                "zero\u200Bwidth\u200D\uFEFF joiners", "Lionsgate 和 Runway и Лайонсгейт 🤖", "a. ".repeat(3000)};
        for (String text : hostile) {
            Sentiment s = analyzer.analyse(post(text, "en")).sentiment();
            assertThat(s).isNotNull();
            assertThat(s.label() == SentimentLabel.UNSCORED ? s.reason() : s.method()).isNotBlank();
        }
        assertThat(analyzer.analyse(post("😡", "en")).sentiment().label()).isNotEqualTo(SentimentLabel.UNSCORED);
    }

    @Test
    void shouldExplainEverySentenceWithTheModelThatScoredThePostAndFindNames() {
        Analysed a = analyzer.analyse(post("Lionsgate signed a deal with Runway in Santa Monica. I hate it, it is "
                + "awful. The new trailer is lovely though!", "en"));
        List<SentenceSentiment> sentences = a.sentiment().sentences();
        assertThat(sentences).hasSize(3).allSatisfy(t -> assertThat(t.model()).isEqualTo("tweet-lr-1/en"));
        assertThat(sentences.get(1).score()).isLessThan(sentences.get(2).score());
        assertThat(sentences.get(0).fiveClasses()).isFalse();
        assertThat(a.recognised()).isNotEmpty().allSatisfy(m -> assertThat(m.type()).isIn("organisation", "person"));

        List<SentenceSentiment> fr = analyzer.analyse(post("C'est une honte. Les artistes méritent mieux !", "fr"))
                .sentiment().sentences();
        assertThat(fr).extracting(SentenceSentiment::text).containsExactly("C'est une honte.",
                "Les artistes méritent mieux !");
        assertThat(fr.get(0).label()).isEqualTo(SentimentLabel.NEGATIVE);
    }
}
