package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

    @Test
    void shouldRecogniseTheFourAnalysedLanguages() {
        assertThat(LanguageGuesser.guess("The studio is going to train the model on our work and that is not ok"))
                .isEqualTo("en");
        assertThat(LanguageGuesser.guess("Les artistes ne sont pas consultés et le studio veut des économies"))
                .isEqualTo("fr");
        assertThat(LanguageGuesser.guess("Los artistas no fueron consultados y el estudio quiere ahorrar"))
                .isEqualTo("es");
        assertThat(LanguageGuesser.guess("Die Künstler sind nicht gefragt worden und das Studio will sparen"))
                .isEqualTo("de");
    }

    @Test
    void shouldAdmitWhenTheEvidenceIsTooThin() {
        assertThat(LanguageGuesser.guess("#Lionsgate #Runway 🤖")).isNull();
    }

    @Test
    void shouldNormaliseRegionalCodes() {
        assertThat(PostAnalyzer.normalise("EN-gb")).isEqualTo("en");
        assertThat(PostAnalyzer.normalise(" ")).isNull();
    }
}
