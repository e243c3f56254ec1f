package org.reelpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;

/** The previous period and the arithmetic of a figure against it. */
class FiguresTest {

    private static final DrillDown NONE = new DrillDown("q", null, null, null, null);

    @Test
    void shouldCompareWithThePeriodOfEqualLengthRightBefore() {
        Period week = new Period(Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2024-09-25T00:00:00Z"));
        assertThat(week.previous()).isEqualTo(new Period(Instant.parse("2024-09-11T00:00:00Z"),
                Instant.parse("2024-09-18T00:00:00Z")));
        Period odd = new Period(Instant.parse("2024-09-18T13:00:00Z"), Instant.parse("2024-09-20T01:30:00Z"));
        assertThat(odd.previous().to()).isEqualTo(odd.from());
        assertThat(odd.previous().length()).isEqualTo(odd.length()).isEqualTo(Duration.ofMinutes(36 * 60 + 30));
        assertThat(odd.contains(odd.from())).isTrue();
        assertThat(odd.contains(odd.to())).isFalse();
        assertThatThrownBy(() -> new Period(week.to(), week.from())).isInstanceOf(UserInputException.class)
                .hasMessageContaining("must be before");
    }

    @Test
    void shouldGiveACountsChangeAndRelativeChange() {
        Dashboard.Kpi k = Figures.count("posts", 150, 100, 150, 100, 30, NONE, NONE);
        assertThat(k.value()).isEqualTo(150L);
        assertThat(k.previous()).isEqualTo(100L);
        assertThat(k.change()).isEqualTo(50L);
        assertThat(k.relativeChange()).isEqualTo(0.5);
        assertThat(k.few()).isFalse();
        assertThat(Figures.count("posts", 12, 0, 12, 0, 30, NONE, NONE).relativeChange()).isNull();
        assertThat(Figures.count("posts", 0, 8, 0, 8, 30, NONE, NONE).relativeChange()).isEqualTo(-1.0);
    }

    @Test
    void shouldGiveARatiosChangeAsADifferenceAndNoRelativeChange() {
        Dashboard.Kpi k = Figures.ratio("net", -0.25, 0.1, 40, 29, 30, NONE, NONE);
        assertThat(k.change()).isEqualTo(-0.35);
        assertThat(k.relativeChange()).isNull();
        assertThat(k.few()).isFalse();
        assertThat(k.previousFew()).as("29 posts under a threshold of 30").isTrue();
        Dashboard.Kpi none = Figures.ratio("net", null, 0.1, 0, 29, 30, NONE, NONE);
        assertThat(none.value()).isNull();
        assertThat(none.change()).isNull();
        assertThat(none.few()).isTrue();
    }

    @Test
    void shouldRoundSharesToFourDecimals() {
        assertThat(Figures.share(1, 3)).isEqualTo(0.3333);
        assertThat(Figures.share(1, 0)).isNull();
        assertThat(Figures.round(Double.NaN)).isNull();
    }

    @Test
    void shouldChooseTheIntervalFromThePeriodsLength() {
        assertThat(Interval.auto(Duration.ofDays(3))).isEqualTo(Interval.HOUR);
        assertThat(Interval.auto(Duration.ofDays(3).plusSeconds(1))).isEqualTo(Interval.DAY);
        assertThat(Interval.auto(Duration.ofDays(120))).isEqualTo(Interval.DAY);
        assertThat(Interval.auto(Duration.ofDays(121))).isEqualTo(Interval.WEEK);
        assertThat(Interval.parse("auto")).isNull();
        assertThat(Interval.parse("Week")).isEqualTo(Interval.WEEK);
        assertThatThrownBy(() -> Interval.parse("month")).hasMessageContaining("hour, day, week or auto");
        // weeks start on Monday 00:00 UTC; the grid agrees with the alignment
        Instant wednesday = Instant.parse("2024-09-18T13:00:00Z");
        assertThat(Interval.WEEK.align(wednesday)).isEqualTo(Instant.parse("2024-09-16T00:00:00Z"));
        assertThat(Interval.WEEK.grid().bucketOf(wednesday)).isEqualTo(Instant.parse("2024-09-16T00:00:00Z"));
        assertThat(Interval.HOUR.grid().bucketOf(wednesday)).isEqualTo(wednesday);
        assertThat(Interval.DAY.grid().bucketOf(wednesday)).isEqualTo(Instant.parse("2024-09-18T00:00:00Z"));
    }
}
