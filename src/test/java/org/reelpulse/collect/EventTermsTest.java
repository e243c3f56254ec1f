package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTermsTest {

    @Test
    void shouldTakeTheWordsPhrasesHashtagsAndAccountsAQueryAsksFor() throws Exception {
        WatchTerms t = EventTerms.of("lionsgate-runway", null,
                "(lionsgate AND runway) OR \"AI  video model\" OR #LionsgateRunway OR tag:#NoAIArt OR author:sagaftra"
                        + " OR tag:@wgawest");
        assertThat(t.phrases()).containsExactly("lionsgate", "runway", "AI video model");
        assertThat(t.hashtags()).containsExactly("LionsgateRunway", "NoAIArt");
        assertThat(t.accounts()).containsExactly("sagaftra", "wgawest");
        assertThat(t.orQuery()).isEqualTo("lionsgate OR runway OR \"AI video model\" OR #LionsgateRunway OR #NoAIArt");
    }

    @Test
    void shouldLeaveOutWhatTheQueryExcludesRangesWildcardsAndOtherFields() throws Exception {
        WatchTerms t = EventTerms.of("e", "fr", "accord AND lionsgate -crypto NOT \"jeu vidéo\" AND published:[2024-09-01 TO"
                + " 2024-10-01] AND anim* AND lang:fr AND sentiment:negative AND likes:>10");
        assertThat(t.lang()).isEqualTo("fr");
        assertThat(t.phrases()).containsExactly("accord", "lionsgate");
        assertThat(t.hashtags()).isEmpty();
        assertThat(t.accounts()).isEmpty();
    }

    @Test
    void shouldAskForNothingWithoutAQuery() throws Exception {
        assertThat(EventTerms.of("e", null, "  ").isEmpty()).isTrue();
    }
}
