package org.reelpulse.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.event.TrackedEvent;

/**
 * The one place where the dashboard's queries are written. Every figure is counted with
 * {@link #compute} and explained with {@link #drill}, built from the same clauses: the first with the
 * event's query written out (no database look-up per query), the second with {@code event:slug}, as
 * a person would type it. The two find the same posts because {@code event:slug} stands for exactly
 * that query.
 */
final class Scope {

    /** Posts that raise at least one labour concern: they carry a theme. */
    static final String LABOUR = "theme:[* TO *]";
    /** Posts scored positive or negative: those net sentiment rests on. */
    static final String SIDED = "sentiment:(positive OR negative)";

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_-]+");

    private final String eventRef;
    private final String eventQuery;
    private final List<String> filters;

    private Scope(String eventRef, String eventQuery, List<String> filters) {
        this.eventRef = eventRef;
        this.eventQuery = eventQuery;
        this.filters = List.copyOf(filters);
    }

    /** The posts of an event, narrowed to some sources, languages and stakeholder groups (empty: all). */
    static Scope of(TrackedEvent event, List<String> sources, List<String> langs, List<String> groups) {
        List<String> filters = new ArrayList<>();
        anyOf("source", sources).ifPresent(filters::add);
        anyOf("lang", langs).ifPresent(filters::add);
        anyOf("group", groups).ifPresent(filters::add);
        return new Scope("event:" + event.slug(), "(" + event.effectiveQuery() + ")", filters);
    }

    /** The query that counts: the event's query written out, the filters and the clauses. */
    String compute(String... clauses) {
        return join(eventQuery, clauses);
    }

    /** The query a person would type for the same posts: {@code event:slug}, the filters and the clauses. */
    String search(String... clauses) {
        return join(eventRef, clauses);
    }

    DrillDown drill(Instant from, Instant to, Long posts, String... clauses) {
        return new DrillDown(search(clauses), from, to, null, posts);
    }

    DrillDown drill(TimeWindow window, Long posts, String... clauses) {
        return drill(window.from(), window.to(), posts, clauses);
    }

    DrillDown ranked(TimeWindow window, String sort, String... clauses) {
        return new DrillDown(search(clauses), window.from(), window.to(), sort, null);
    }

    private String join(String event, String... clauses) {
        List<String> parts = new ArrayList<>();
        parts.add(event);
        parts.addAll(filters);
        for (String c : clauses) {
            if (c != null && !c.isBlank()) {
                parts.add(c);
            }
        }
        return String.join(" AND ", parts);
    }

    /** {@code field:value}, the value quoted when it holds anything but letters, digits, {@code _} and {@code -}. */
    static String term(String field, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return field + ":" + (PLAIN.matcher(v).matches() ? v : quote(v));
    }

    static String not(String clause) {
        return "NOT " + clause;
    }

    /** A word or phrase of the language-neutral text, as significant terms count it. */
    static String text(String words) {
        return "text:" + quote(words);
    }

    private static java.util.Optional<String> anyOf(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (values.size() == 1) {
            return java.util.Optional.of(term(field, values.get(0)));
        }
        return java.util.Optional.of("(" + String.join(" OR ", values.stream().map(v -> term(field, v)).toList())
                + ")");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
