package org.reelpulse.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeWindowTest {

    @Test
    void shouldTakeWholeDaysForDatesAndExactInstantsOtherwise() {
        TimeWindow w = TimeWindow.parse("2024-09-18", "2024-09-18");
        assertThat(w.from()).isEqualTo(Instant.parse("2024-09-18T00:00:00Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2024-09-19T00:00:00Z"));
        assertThat(TimeWindow.parse("2024-09-18T14:00:00+02:00", null).from())
                .isEqualTo(Instant.parse("2024-09-18T12:00:00Z"));
        assertThat(TimeWindow.parse(null, "").from()).isNull();
    }

    @Test
    void shouldExplainAnUnreadableDate() {
        assertThatThrownBy(() -> TimeWindow.parse("18/09/2024", null))
                .isInstanceOf(UserInputException.class).hasMessageContaining("'from'").hasMessageContaining("2024-09-18");
    }

    @Test
    void shouldRejectAnEmptyWindow() {
        assertThatThrownBy(() -> TimeWindow.parse("2024-09-20", "2024-09-18")).isInstanceOf(UserInputException.class);
    }
}
