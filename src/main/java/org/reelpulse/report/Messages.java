package org.reelpulse.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The wording of one report ({@code report/messages}) and its numbers and dates, formatted for the
 * report's language and time zone. One per rendering: the formats it holds are not thread-safe.
 *
 * <p>Every message goes through {@link MessageFormat}, so an apostrophe is written {@code ''} in the
 * bundle, with or without arguments. Arguments are passed already formatted, so each number is
 * formatted by exactly one of the methods below.
 */
final class Messages {

    /** The minus sign, not the hyphen: the sign of a change must be readable at a glance. */
    static final String MINUS = "\u2212";
    static final String DASH = "\u2014";

    private final Locale locale;
    private final ZoneId zone;
    private final ResourceBundle bundle;
    private final NumberFormat integers;
    private final DecimalFormat twoDecimals;
    private final DecimalFormat oneDecimal;
    private final NumberFormat percent;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;
    private final DateTimeFormatter day;

    Messages(Locale requested, ZoneId zone) {
        this.locale = supported(requested);
        this.zone = zone == null ? ZoneId.of("UTC") : zone;
        // no fallback to the JVM's default locale: a French server must still send English reports in English
        this.bundle = ResourceBundle.getBundle("report/messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.integers = NumberFormat.getIntegerInstance(locale);
        this.twoDecimals = new DecimalFormat("0.00", symbols);
        this.oneDecimal = new DecimalFormat("0.#", symbols);
        this.percent = NumberFormat.getPercentInstance(locale);
        this.percent.setMaximumFractionDigits(0);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
        this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        this.day = DateTimeFormatter.ofPattern("EEE d", locale);
    }

    /** French for French, English for everything else (the languages the bundle has). */
    static Locale supported(Locale requested) {
        return requested != null && Locale.FRENCH.getLanguage().equals(requested.getLanguage()) ? Locale.FRENCH
                : Locale.ENGLISH;
    }

    Locale locale() {
        return locale;
    }

    ZoneId zone() {
        return zone;
    }

    /** The colon between a label and its value: French sets it off with a no-break space. */
    String colon() {
        return locale == Locale.FRENCH ? "\u00a0: " : ": ";
    }

    /** The message with its arguments; a missing key is a bug in the bundle, so it fails loudly. */
    String get(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** The message if the bundle has the key, else null. */
    String optional(String key, Object... args) {
        try {
            return get(key, args);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    String count(long n) {
        return integers.format(n);
    }

    /** A number of posts with the noun agreeing: "1 post", "12 posts" ("0 publication" in French). */
    String posts(long n) {
        boolean one = n == 1 || (n == 0 && "fr".equals(locale.getLanguage()));
        return get(one ? "posts.one" : "posts.many", count(n));
    }

    /** A count, or a dash when there is none. */
    String count(Number n) {
        return n == null ? DASH : integers.format(n.longValue());
    }

    /** A change in a count, always signed: {@code +107}, {@code −12}, {@code 0}. */
    String signedCount(long change) {
        return sign(change) + integers.format(Math.abs(change));
    }

    /** A net sentiment in [-1, 1] with two decimals and its sign; a dash when there is none. */
    String net(Number value) {
        if (value == null) {
            return DASH;
        }
        double v = value.doubleValue();
        String abs = twoDecimals.format(Math.abs(v));
        // a value that rounds to zero has no sign
        return abs.equals(twoDecimals.format(0)) ? abs : sign(v) + abs;
    }

    /** A share in [0, 1] as a whole percentage: {@code 24 %}; a dash when there is none. */
    String percent(Number share) {
        return share == null ? DASH : percent.format(share.doubleValue());
    }

    /** A relative change as a signed percentage: {@code +35 %}; a dash when there is none. */
    String relative(Number change) {
        if (change == null) {
            return DASH;
        }
        double v = change.doubleValue();
        String abs = percent.format(Math.abs(v));
        return abs.equals(percent.format(0)) ? abs : sign(v) + abs;
    }

    /** A difference of shares in percentage points: {@code +3.1 pts}; a dash when there is none. */
    String points(Number difference) {
        if (difference == null) {
            return DASH;
        }
        double v = difference.doubleValue() * 100;
        String abs = oneDecimal.format(Math.abs(v));
        return get("unit.points", abs.equals(oneDecimal.format(0)) ? abs : sign(v) + abs);
    }

    String date(Instant t) {
        return date.format(t.atZone(zone));
    }

    String date(LocalDate d) {
        return date.format(d);
    }

    String dateTime(Instant t) {
        return dateTime.format(t.atZone(zone));
    }

    String time(Instant t) {
        return time.format(t.atZone(zone));
    }

    /** A short day label for charts and tables: {@code Mon 23}, {@code lun. 23}. */
    String day(LocalDate d) {
        return day.format(d);
    }

    /** A time span in the report's zone: the end's date is left out when it is the start's. */
    String span(Instant from, Instant to) {
        if (from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate())) {
            return get("span.sameDay", dateTime(from), time(to));
        }
        return get("span", dateTime(from), dateTime(to));
    }

    /** A stakeholder group in the report's language; the configured label for groups the bundle does not know. */
    String group(String id, String label) {
        String known = id == null ? null : optional("group." + id);
        if (known != null) {
            return known;
        }
        return label != null ? label : id != null ? id : get("group.unknown");
    }

    /**
     * A labour theme or craft ({@code kind} {@code theme} or {@code craft}) in the report's language: the
     * bundle translates the shipped ones; a theme an admin added keeps its configured label.
     */
    String label(String kind, String id, String label) {
        String known = id == null ? null : optional(kind + "." + id);
        return known != null ? known : label != null ? label : id;
    }

    /** positive, negative, neutral, unscored, pending in the report's language. */
    String sentiment(String key) {
        if (key == null) {
            return get("sentiment.unscored");
        }
        String known = optional("sentiment." + key);
        return known != null ? known : key;
    }

    /** A statement's stance toward the deal ({@code opposes}, {@code supports}, none). */
    String stance(String key) {
        if (key == null) {
            return get("stance.none");
        }
        String known = optional("stance." + key);
        return known != null ? known : key;
    }

    private static String sign(double v) {
        return v > 0 ? "+" : v < 0 ? MINUS : "";
    }
}
