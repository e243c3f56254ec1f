package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reelpulse.post.Post;

class LanguageDetectionTest {

    private final LanguageDetection detection = new LanguageDetection();

    @Test
    void shouldRecogniseTheFourAnalysedLanguages() {
        assertThat(detection.detect("The studio is going to train the model on our work", null).lang())
                .isEqualTo("en");
        assertThat(detection.detect("Les artistes ne sont pas consultés et le studio veut des économies", null)
                .lang()).isEqualTo("fr");
        assertThat(detection.detect("Los artistas no fueron consultados y el estudio quiere ahorrar", null).lang())
                .isEqualTo("es");
        assertThat(detection.detect("Die Künstler sind nicht gefragt worden und das Studio will sparen", null)
                .lang()).isEqualTo("de");
        assertThat(detection.detect("Lo studio ha firmato un accordo con una società", null).lang())
                .isEqualTo("it");
    }

    @Test
    void shouldTreatTheTagAsAHintNotTheTruth() {
        LanguageDetection.Detected wrongTag = detection.detect(
                "Die Künstler sind nicht gefragt worden und das Studio will sparen", "en");
        assertThat(wrongTag.lang()).isEqualTo("de");
        assertThat(wrongTag.how()).contains("overruled");
        assertThat(detection.detect("Lionsgate Runway deal", "fr").lang()).isEqualTo("fr");
        assertThat(detection.detect("@user https://example.org 🤖", "es").lang()).isEqualTo("es");
        assertThat(detection.detect("🤖 !!!", null).lang()).isNull();
    }

    @Test
    void shouldNormaliseRegionalCodes() {
        assertThat(Post.primaryLanguage("EN-gb")).isEqualTo("en");
        assertThat(Post.primaryLanguage(" ")).isNull();
    }
}
