package org.reelpulse.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFingerprintTest {

    private static final String STATEMENT = "The guild's statement on the studio deal is out: read it and share it.";

    @Test
    void shouldGiveTheSameFingerprintToTheSameWordsWithOtherLinksCaseAndPunctuation() {
        assertThat(TextFingerprint.of(STATEMENT + " https://example.org/a?x=1"))
                .isEqualTo(TextFingerprint.of("the guilds statement on the studio deal is out — read it, and share it!"
                        + " www.example.org/b"))
                .hasSize(64);
    }

    @Test
    void shouldTellOtherWordsApart() {
        assertThat(TextFingerprint.of(STATEMENT)).isNotEqualTo(TextFingerprint.of(STATEMENT.replace("out", "in")));
        assertThat(TextFingerprint.of("Les animateurs méritent mieux que cet accord avec le studio, vraiment."))
                .as("accents are letters of their own")
                .isNotEqualTo(TextFingerprint.of("Les animateurs meritent mieux que cet accord avec le studio, vraiment."));
    }

    @Test
    void shouldLeaveShortTextsWithoutAFingerprint() {
        assertThat(TextFingerprint.of("Agreed! https://example.org/a-very-long-link-that-does-not-count-at-all")).isNull();
        assertThat(TextFingerprint.of("")).isNull();
        assertThat(TextFingerprint.of(null)).isNull();
        assertThat(TextFingerprint.of("映画業界の労働組合は人工知能との契約に強く反対している。声明を読んでください。スタジオの決定は問題だ。"))
                .as("non-Latin letters count").isNotNull();
    }
}
