package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldEncryptLiteralsAndKeepReferences() {
        Map<String, String> env = Map.of(Credentials.KEY_VARIABLE, KEY, "MASTODON_TOKEN", "from-the-environment");
        Credentials c = new Credentials(env::get);

        Map<String, String> sealed = c.seal(Map.of("password", "s3cret-Pässword", "token", "${MASTODON_TOKEN}"));

        assertThat(sealed.get("token")).isEqualTo("${MASTODON_TOKEN}");
        assertThat(sealed.get("password")).startsWith("enc:v1:").doesNotContain("s3cret");
        assertThat(c.seal(Map.of("password", "s3cret-Pässword")).get("password"))
                .as("a fresh nonce each time").isNotEqualTo(sealed.get("password"));
        assertThat(c.open(sealed)).containsEntry("password", "s3cret-Pässword")
                .containsEntry("token", "from-the-environment");
    }

    @Test
    void shouldRefuseLiteralsWithoutAKeyButAcceptReferences() {
        Credentials c = new Credentials(name -> null);

        assertThat(c.canEncrypt()).isFalse();
        assertThat(c.seal(Map.of("token", "${MASTODON_TOKEN}"))).containsEntry("token", "${MASTODON_TOKEN}");
        assertThatThrownBy(() -> c.seal(Map.of("token", "literal"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("token");
    }

    @Test
    void shouldNeedCredentialsWhenAReferencedVariableIsMissingWithoutSayingAValue() {
        Credentials c = new Credentials(name -> null);

        assertThatThrownBy(() -> c.open(Map.of("token", "${MASTODON_TOKEN}")))
                .isInstanceOfSatisfying(CollectException.class, e -> assertThat(e.outcome())
                        .isEqualTo(CollectException.Outcome.NEEDS_CREDENTIALS))
                .hasMessageContaining("MASTODON_TOKEN").hasMessageContaining("not set");
    }

    @Test
    void shouldNeedCredentialsWhenTheKeyChanged() {
        Map<String, String> env = new HashMap<>(Map.of(Credentials.KEY_VARIABLE, KEY));
        Credentials c = new Credentials(env::get);
        Map<String, String> sealed = c.seal(Map.of("token", "abc"));
        env.put(Credentials.KEY_VARIABLE, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12, 13, 14, 15, 16}));

        assertThatThrownBy(() -> c.open(sealed)).isInstanceOf(CollectException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining("abc");
    }
}
