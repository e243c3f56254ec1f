package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final Instant AT = Instant.parse("2024-09-18T14:07:30Z");

    @Test
    void shouldRunAnIntervalAtOnceAndThenEveryInterval() {
        Schedule s = Schedule.parse(" PT15M ");

        assertThat(s.text()).isEqualTo("PT15M");
        assertThat(s.isCron()).isFalse();
        assertThat(s.first(AT)).isEqualTo(AT);
        assertThat(s.next(AT)).isEqualTo(AT.plus(Duration.ofMinutes(15)));
    }

    @Test
    void shouldRunACronScheduleAtItsTimesInUtc() {
        Schedule s = Schedule.parse("0   */20 * * * *");

        assertThat(s.text()).isEqualTo("0 */20 * * * *");
        assertThat(s.first(AT)).isEqualTo(Instant.parse("2024-09-18T14:20:00Z"));
        assertThat(s.next(Instant.parse("2024-09-18T14:20:00Z"))).isEqualTo(Instant.parse("2024-09-18T14:40:00Z"));
        assertThat(Schedule.parse("0 0 9 * * MON-FRI").next(Instant.parse("2024-09-20T14:00:00Z")))
                .as("Friday after nine: Monday").isEqualTo(Instant.parse("2024-09-23T09:00:00Z"));
        assertThat(Schedule.stored("0 */20 * * * *")).isEqualTo(s);
    }

    @Test
    void shouldSayWhatIsWrongWithASchedule() {
        assertThatThrownBy(() -> Schedule.parse("*/20 * * * *")).hasMessageContaining("has five")
                .hasMessageContaining("'0 */20 * * * *'");
        assertThatThrownBy(() -> Schedule.parse("0 0 25 * * *")).hasMessageContaining("the hour field '25'");
        assertThatThrownBy(() -> Schedule.parse("0 0 9 * JANUARY *")).hasMessageContaining("the month field");
        assertThatThrownBy(() -> Schedule.parse("*/30 * * * * *")).hasMessageContaining("more often than once a minute");
        assertThatThrownBy(() -> Schedule.parse("PT30S")).hasMessageContaining("between PT1M and P7D");
        assertThatThrownBy(() -> Schedule.parse("P8D")).hasMessageContaining("between PT1M and P7D");
        assertThatThrownBy(() -> Schedule.parse("every day")).hasMessageContaining("is neither");
        assertThatThrownBy(() -> Schedule.parse("0 0 0 31 2 *")).hasMessageContaining("never fires");
    }
}
