package org.reelpulse.search;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.query.QueryFields;
import org.springframework.stereotype.Component;

/**
 * Completion for the query box: at the caret, a field name ({@code the} → {@code theme:}), a value of
 * a field ({@code theme:jo} → {@code theme:job-displacement}, most used first), a hashtag or mention
 * ({@code #noa} → {@code #noaiart}), a tracked event, or a template for ranges. Values come from the
 * index itself, counted over every post, and are read again at most once a minute.
 */
@Component
public class QueryCompletion {

    /**
     * One proposal: {@code value} replaces the characters {@code [from, to)} of the query.
     *
     * @param label  what the list shows
     * @param detail what it means, or how many posts carry it
     */
    public record Suggestion(String value, String label, String detail, int from, int to) {
    }

    /** At most this many proposals at a time: a list to read at a glance, not to scroll. */
    static final int LIMIT = 8;
    /** Values per field kept for completion: the most used ones. */
    static final int VALUES_PER_FIELD = 2_000;
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final Duration MIN_AGE = Duration.ofSeconds(5);
    private static final Pattern PLAIN_VALUE = Pattern.compile("[\\p{L}\\p{N}_#.-]+");

    /** The fields a query can name, with a few words each; the help's meaning where it has one. */
    static final Map<String, String> FIELDS;

    static {
        Map<String, String> fields = new LinkedHashMap<>();
        for (QueryHelp.Line line : QueryHelp.LINES) {
            if (line.field() != null) {
                fields.put(line.field(), line.meaning());
            }
        }
        fields.put(QueryFields.REPOSTS, "reposts; >, >=, <, <= or [a TO b]");
        fields.put(QueryFields.REPLIES, "replies; >, >=, <, <= or [a TO b]");
        fields.put(QueryFields.QUOTES, "quotes; >, >=, <, <= or [a TO b]");
        fields.put(QueryFields.TAG, "a hashtag or mention, as #tag or @name");
        FIELDS = Map.copyOf(fields);
    }

    private static final List<String> ORDERED_FIELDS = List.of(QueryFields.THEME, QueryFields.CRAFT,
            QueryFields.GROUP, QueryFields.STANCE, QueryFields.SOURCE, QueryFields.LANG, QueryFields.AUTHOR,
            QueryFields.ENTITY, QueryFields.EVENT, QueryFields.SENTIMENT, QueryFields.SCORE, QueryFields.PUBLISHED,
            QueryFields.LIKES, QueryFields.REPOSTS, QueryFields.REPLIES, QueryFields.QUOTES, QueryFields.ENGAGEMENT,
            QueryFields.METHOD, QueryFields.TAG);

    /** Templates for the fields that take numbers or dates rather than values from the index. */
    private static final Map<String, List<String[]>> TEMPLATES = Map.of(
            QueryFields.PUBLISHED, List.of(new String[] {"[2024-09-18 TO 2024-09-25]", "from one UTC day to another"},
                    new String[] {">=2024-09-18", "on or after a day"}),
            QueryFields.SCORE, List.of(new String[] {"[-1 TO -0.5]", "clearly negative"},
                    new String[] {"[0.5 TO 1]", "clearly positive"}),
            QueryFields.LIKES, counts(), QueryFields.REPOSTS, counts(), QueryFields.REPLIES, counts(),
            QueryFields.QUOTES, counts(), QueryFields.ENGAGEMENT, counts());

    private static List<String[]> counts() {
        return List.of(new String[] {">100", "more than 100"}, new String[] {"[10 TO 100]", "from 10 to 100"});
    }

    private final PostSearcher searcher;
    private final PostIndex index;
    private final java.util.function.Supplier<List<TrackedEvent>> events;
    private final Clock clock;
    private volatile Values values;

    /** The counted values of the keyword fields, as of one index watermark. */
    private record Values(long watermark, Instant read, Map<String, List<PostSearcher.FacetValue>> byField) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    QueryCompletion(PostSearcher searcher, PostIndex index, EventRepository events, Clock clock) {
        this(searcher, index, events::findAll, clock);
    }

    QueryCompletion(PostSearcher searcher, PostIndex index, java.util.function.Supplier<List<TrackedEvent>> events,
            Clock clock) {
        this.searcher = searcher;
        this.index = index;
        this.events = events;
        this.clock = clock;
    }

    /** The proposals for the word at {@code caret} in {@code text} (the end when caret is outside it). */
    public List<Suggestion> complete(String text, int caret) {
        String q = text == null ? "" : text;
        int at = caret < 0 || caret > q.length() ? q.length() : caret;
        int start = at;
        while (start > 0 && !Character.isWhitespace(q.charAt(start - 1)) && q.charAt(start - 1) != '(') {
            start--;
        }
        int end = at;
        while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != ')') {
            end++;
        }
        while (start < at && (q.charAt(start) == '-' || q.charAt(start) == '+')) {
            start++;
        }
        String word = q.substring(start, at);
        if (word.isEmpty() || insidePhrase(q, start)) {
            return List.of();
        }
        int colon = word.indexOf(':');
        if (colon < 0) {
            return word.startsWith("#") || word.startsWith("@")
                    ? values(QueryFields.TAG, "", word, start, end)
                    : fieldNames(word, start, end);
        }
        String field = word.substring(0, colon).toLowerCase(Locale.ROOT);
        String prefix = word.substring(colon + 1);
        if (prefix.startsWith("\"")) {
            prefix = prefix.substring(1);
        }
        if (QueryFields.EVENT.equals(field)) {
            return events(prefix, start, end);
        }
        if (TEMPLATES.containsKey(field)) {
            int from = start;
            int to = end;
            return TEMPLATES.get(field).stream()
                    .map(t -> new Suggestion(field + ":" + t[0] + " ", field + ":" + t[0], t[1], from, to))
                    .toList();
        }
        if (QueryFields.KEYWORD_FIELDS.contains(field)) {
            return values(field, field + ":", prefix, start, end);
        }
        return List.of();
    }

    /** True when an odd number of quotes come before {@code at}: the word is inside a phrase. */
    private static boolean insidePhrase(String q, int at) {
        return q.substring(0, at).chars().filter(c -> c == '"').count() % 2 == 1;
    }

    private static List<Suggestion> fieldNames(String word, int start, int end) {
        String w = word.toLowerCase(Locale.ROOT);
        return ORDERED_FIELDS.stream().filter(f -> f.startsWith(w))
                .map(f -> new Suggestion(f + ":", f + ":", FIELDS.get(f), start, end)).limit(LIMIT).toList();
    }

    private List<Suggestion> events(String prefix, int start, int end) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return events.get().stream()
                .filter(e -> e.slug().startsWith(p) || e.name().toLowerCase(Locale.ROOT).contains(p))
                .limit(LIMIT)
                .map((TrackedEvent e) -> new Suggestion("event:" + e.slug() + " ", "event:" + e.slug(), e.name(),
                        start, end))
                .toList();
    }

    /**
     * The values of a keyword field that begin with the prefix, most used first, then those that
     * contain it ({@code vance} finds {@code tvance@vfx.example.social}).
     */
    private List<Suggestion> values(String field, String written, String prefix, int start, int end) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<PostSearcher.FacetValue> all = counted().getOrDefault(field, List.of());
        List<PostSearcher.FacetValue> chosen = new ArrayList<>();
        all.stream().filter(v -> v.value().startsWith(p)).limit(LIMIT).forEach(chosen::add);
        if (chosen.size() < LIMIT && !p.isEmpty()) {
            all.stream().filter(v -> !v.value().startsWith(p) && v.value().contains(p))
                    .limit(LIMIT - chosen.size()).forEach(chosen::add);
        }
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        return chosen.stream().map(v -> {
            String shown = written + quoted(v.value());
            return new Suggestion(shown + " ", shown, n.format(v.count()) + (v.count() == 1 ? " post" : " posts"),
                    start, end);
        }).toList();
    }

    /** A value as the query language reads it: quoted unless it is one plain word. */
    static String quoted(String value) {
        return PLAIN_VALUE.matcher(value).matches() ? value
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, List<PostSearcher.FacetValue>> counted() {
        Values v = values;
        Instant now = clock.instant();
        long watermark = index.watermark();
        boolean stale = v == null || v.read().plus(MAX_AGE).isBefore(now)
                || (v.watermark() != watermark && v.read().plus(MIN_AGE).isBefore(now));
        if (stale) {
            List<String> fields = QueryFields.KEYWORD_FIELDS.stream()
                    .filter(FacetCounting.countable()::contains).toList();
            v = new Values(watermark, now, searcher.facets("", TimeWindow.ALL, fields, VALUES_PER_FIELD));
            values = v;
        }
        return v.byField();
    }
}
