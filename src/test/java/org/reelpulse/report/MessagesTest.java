package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MessagesTest {

    private final Messages english = new Messages(Locale.ENGLISH, ZoneId.of("UTC"));
    private final Messages french = new Messages(Locale.FRENCH, ZoneId.of("Europe/Paris"));

    @Test
    void shouldMakeTheNounAgreeWithTheNumberOfPosts() {
        assertThat(english.posts(1)).isEqualTo("1 post");
        assertThat(english.posts(0)).isEqualTo("0 posts");
        assertThat(english.posts(1234)).isEqualTo("1,234 posts");
        // French counts nought as one
        assertThat(french.posts(0)).isEqualTo("0 publication");
        assertThat(french.posts(1)).isEqualTo("1 publication");
        assertThat(french.posts(2)).isEqualTo("2 publications");
    }

    @Test
    void shouldWriteOneReactionPostInTheSingular() {
        assertThat(english.get("statement.reaction", english.count(48), english.posts(1), english.net(-1.0)))
                .contains("1 post,").doesNotContain("1 posts");
        assertThat(english.get("tooLittle", english.posts(1), english.count(30))).contains(": 1 post, fewer");
    }
}
