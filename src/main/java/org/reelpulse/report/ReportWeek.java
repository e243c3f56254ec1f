package org.reelpulse.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.reelpulse.base.UserInputException;

/**
 * A week's report of a subscription. The report of ISO week {@code 2024-W39} is the one scheduled in
 * that week (its weekday at its time, in its time zone) and covers the seven days before that moment:
 * with a Monday 08:00 schedule, Monday 16 September 08:00 to Monday 23 September 08:00. Across a
 * daylight-saving change the seven days are seven calendar days, so the period is 167 or 169 hours.
 *
 * @param id   the ISO week, e.g. {@code 2024-W39}
 * @param at   the scheduled moment: the end of the period (exclusive)
 * @param from the start of the period: the same local time a week before
 */
public record ReportWeek(String id, Instant from, Instant at) {

    private static final Pattern ID = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The report of ISO week {@code id} (e.g. {@code 2024-W39}) for this schedule. */
    public static ReportWeek of(String id, DayOfWeek weekday, LocalTime time, ZoneId zone) {
        Matcher m = ID.matcher(id == null ? "" : id.strip());
        if (!m.matches()) {
            throw new UserInputException("'" + id + "' is not an ISO week: write the year, -W and the week's number in "
                    + "two digits, e.g. 2024-W39.", Map.of("field", "week"));
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        // 4 January is always in week 1, and 28 December in the year's last week
        LocalDate monday = LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int weeks = LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (week < 1 || week > weeks) {
            throw new UserInputException("The year " + year + " has no week " + week + ": its ISO weeks run from W01 to W"
                    + weeks + ".", Map.of("field", "week"));
        }
        LocalDate day = monday.plusWeeks(week - 1L).with(TemporalAdjusters.nextOrSame(weekday));
        return at(ZonedDateTime.of(day, time, zone));
    }

    /** The report scheduled at this moment. */
    private static ReportWeek at(ZonedDateTime scheduled) {
        String id = String.format(Locale.ROOT, "%d-W%02d", scheduled.get(IsoFields.WEEK_BASED_YEAR),
                scheduled.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new ReportWeek(id, scheduled.minusWeeks(1).toInstant(), scheduled.toInstant());
    }

    /** The latest report scheduled at or before {@code t}. */
    public static ReportWeek latest(Instant t, DayOfWeek weekday, LocalTime time, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate().with(TemporalAdjusters.previousOrSame(weekday)),
                time, zone);
        if (candidate.toInstant().isAfter(t)) {
            candidate = ZonedDateTime.of(candidate.toLocalDate().minusWeeks(1), time, zone);
        }
        return at(candidate);
    }

    /** The next report scheduled after {@code t}. */
    public static ReportWeek next(Instant t, DayOfWeek weekday, LocalTime time, ZoneId zone) {
        ReportWeek latest = latest(t, weekday, time, zone);
        return at(ZonedDateTime.of(latest.at().atZone(zone).toLocalDate().plusWeeks(1), time, zone));
    }

    /** Every report scheduled in (after, upTo], oldest first. */
    public static List<ReportWeek> between(Instant after, Instant upTo, DayOfWeek weekday, LocalTime time,
            ZoneId zone) {
        List<ReportWeek> weeks = new ArrayList<>();
        for (ReportWeek w = latest(upTo, weekday, time, zone); w.at().isAfter(after);
                w = at(ZonedDateTime.of(w.at().atZone(zone).toLocalDate().minusWeeks(1), time, zone))) {
            weeks.add(0, w);
        }
        return weeks;
    }
}
