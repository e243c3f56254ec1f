package org.reelpulse.collect.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SourcesViewTest {

    @Test
    void shouldShowTheLagInTheTwoUnitsThatMatter() {
        assertThat(SourcesView.lag(null)).isEmpty();
        assertThat(SourcesView.lag(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(SourcesView.lag(Duration.ofMinutes(20).plusSeconds(30))).isEqualTo("20 min");
        assertThat(SourcesView.lag(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(SourcesView.lag(Duration.ofHours(76))).isEqualTo("3 d 4 h");
    }

    @Test
    void shouldLabelEveryStatusWithAWordBesideItsColour() {
        assertThat(SourcesView.statusBadge("needs-credentials").getText()).isEqualTo("needs credentials");
        assertThat(SourcesView.statusBadge("needs-credentials").getElement().getThemeList()).contains("badge", "error");
        assertThat(SourcesView.statusBadge("healthy").getElement().getThemeList()).contains("success");
        assertThat(SourcesView.statusBadge("paused").getText()).isEqualTo("paused");
        assertThat(SourcesView.statusBadge("paused").getElement().getThemeList()).contains("contrast");
        assertThat(SourcesView.statusBadge("degraded").getElement().getThemeList()).containsExactly("badge");
    }
}
