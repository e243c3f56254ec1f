package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;

class ReportWeekTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    @Test
    void shouldCoverTheSevenDaysBeforeTheScheduledTimeInTheWeekNamed() {
        ReportWeek w = ReportWeek.of("2024-W39", DayOfWeek.MONDAY, EIGHT, PARIS);

        assertThat(w.id()).isEqualTo("2024-W39");
        assertThat(w.at()).isEqualTo(Instant.parse("2024-09-23T06:00:00Z"));
        assertThat(w.from()).isEqualTo(Instant.parse("2024-09-16T06:00:00Z"));
    }

    @Test
    void shouldKeepASundayScheduleInsideItsIsoWeek() {
        ReportWeek w = ReportWeek.of("2024-W39", DayOfWeek.SUNDAY, LocalTime.of(18, 30), ZoneId.of("UTC"));

        assertThat(w.at()).isEqualTo(Instant.parse("2024-09-29T18:30:00Z"));
        assertThat(w.id()).isEqualTo("2024-W39");
    }

    @Test
    void shouldSpanSevenCalendarDaysAcrossTheEndOfSummerTime() {
        // Paris leaves summer time on 27 October 2024: the week holds 169 hours
        ReportWeek w = ReportWeek.of("2024-W44", DayOfWeek.MONDAY, EIGHT, PARIS);

        assertThat(w.at()).isEqualTo(Instant.parse("2024-10-28T07:00:00Z"));
        assertThat(Duration.between(w.from(), w.at())).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void shouldNameWeeksAtTheTurnOfTheYearByTheirIsoYear() {
        // Monday 30 December 2024 is in week 1 of 2025
        ReportWeek w = ReportWeek.latest(Instant.parse("2024-12-31T12:00:00Z"), DayOfWeek.MONDAY, EIGHT, PARIS);

        assertThat(w.id()).isEqualTo("2025-W01");
        assertThat(w.at()).isEqualTo(Instant.parse("2024-12-30T07:00:00Z"));
        assertThat(ReportWeek.of("2020-W53", DayOfWeek.FRIDAY, EIGHT, PARIS).at())
                .isEqualTo(Instant.parse("2021-01-01T07:00:00Z"));
    }

    @Test
    void shouldFindTheLatestAndTheNextReportAroundAMoment() {
        Instant justBefore = Instant.parse("2024-09-23T05:59:59Z");
        Instant onTime = Instant.parse("2024-09-23T06:00:00Z");

        assertThat(ReportWeek.latest(justBefore, DayOfWeek.MONDAY, EIGHT, PARIS).id()).isEqualTo("2024-W38");
        assertThat(ReportWeek.latest(onTime, DayOfWeek.MONDAY, EIGHT, PARIS).id()).isEqualTo("2024-W39");
        assertThat(ReportWeek.next(justBefore, DayOfWeek.MONDAY, EIGHT, PARIS).id()).isEqualTo("2024-W39");
        assertThat(ReportWeek.next(onTime, DayOfWeek.MONDAY, EIGHT, PARIS).id()).isEqualTo("2024-W40");
    }

    @Test
    void shouldListEveryReportScheduledInAStretchOfTimeOldestFirst() {
        List<ReportWeek> weeks = ReportWeek.between(Instant.parse("2024-09-10T00:00:00Z"),
                Instant.parse("2024-10-01T00:00:00Z"), DayOfWeek.MONDAY, EIGHT, PARIS);

        assertThat(weeks).extracting(ReportWeek::id).containsExactly("2024-W38", "2024-W39", "2024-W40");
        assertThat(ReportWeek.between(Instant.parse("2024-09-23T06:00:00Z"), Instant.parse("2024-09-23T06:00:00Z"),
                DayOfWeek.MONDAY, EIGHT, PARIS)).isEmpty();
    }

    @Test
    void shouldRefuseAWeekThatIsNotOneAndSayHowToWriteIt() {
        assertThatThrownBy(() -> ReportWeek.of("2024-39", DayOfWeek.MONDAY, EIGHT, PARIS))
                .isInstanceOf(UserInputException.class).hasMessageContaining("e.g. 2024-W39");
        assertThatThrownBy(() -> ReportWeek.of("2021-W53", DayOfWeek.MONDAY, EIGHT, PARIS))
                .isInstanceOf(UserInputException.class).hasMessageContaining("W01 to W52");
        assertThatThrownBy(() -> ReportWeek.of("2024-W00", DayOfWeek.MONDAY, EIGHT, PARIS))
                .isInstanceOf(UserInputException.class)
                .satisfies(e -> assertThat(((UserInputException) e).details()).containsEntry("field", "week"));
    }
}
