package org.reelpulse.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;

/**
 * Turns the query language analysts type (Lucene's classic syntax: {@code AND}, {@code OR},
 * {@code NOT}, quotes, parentheses, wildcards, {@code field:value}) into a Lucene query. Free text
 * is looked for in every text field, so a word matches its stemmed forms in the post's language;
 * terms are joined by AND unless the query says otherwise.
 */
public final class QueryParsing {

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private QueryParsing() {
    }

    /** Resolves {@code event:<slug>} to the event's query; null when there is no such event. */
    @FunctionalInterface
    public interface Events {
        String query(String slug);

        Events NONE = slug -> null;
    }

    /** Parses {@code q} (blank means everything) and restricts it to the window. */
    public static Query parse(String q, TimeWindow window, Analyzer analyzer) {
        return parse(q, window, analyzer, Events.NONE);
    }

    /** Parses {@code q} with {@code event:} resolved by {@code events}, and restricts it to the window. */
    public static Query parse(String q, TimeWindow window, Analyzer analyzer, Events events) {
        Query text = (q == null || q.isBlank()) ? new MatchAllDocsQuery() : parseText(q, analyzer, events, 0);
        if (window.from() == null && window.to() == null) {
            return text;
        }
        long from = window.from() == null ? Long.MIN_VALUE : window.from().toEpochMilli();
        long to = window.to() == null ? Long.MAX_VALUE : window.to().toEpochMilli() - 1;
        return new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(QueryFields.PUBLISHED, from, to), BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query parseText(String q, Analyzer analyzer, Events events, int depth) {
        TypedFieldParser parser = new TypedFieldParser(analyzer, events, depth);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        try {
            return parser.parse(comparisons(q));
        } catch (ParseException | TokenMgrError e) {
            throw invalid(q, e.getMessage());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new UserInputException("The query expands to too many terms (a wildcard matching too much?): "
                    + "make the wildcard more specific.");
        }
    }

    private static final Pattern COMPARISON = Pattern.compile("(\\b[a-z]+):(>=|<=|>|<)(-?[\\w.:+-]+)");

    /**
     * Rewrites comparisons, which the classic syntax lacks, into ranges: {@code likes:>100} is
     * {@code likes:{100 TO *]}, {@code score:<=-0.5} is {@code score:[* TO -0.5]}.
     */
    public static String comparisons(String q) {
        Matcher m = COMPARISON.matcher(q);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (insideQuotes(q, m.start())) {
                continue; // in a phrase it is text
            }
            String v = m.group(3);
            String range = switch (m.group(2)) {
                case ">" -> "{" + v + " TO *]";
                case ">=" -> "[" + v + " TO *]";
                case "<" -> "[* TO " + v + "}";
                default -> "[* TO " + v + "]";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + range));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean insideQuotes(String q, int at) {
        boolean inside = false;
        for (int i = 0; i < at; i++) {
            if (q.charAt(i) == '\\') {
                i++;
            } else if (q.charAt(i) == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * The classic parser over every text field, which also knows the typed fields: counts and the
     * score as numbers, {@code published} as days or instants, and {@code event:} as the event's
     * query.
     */
    private static final class TypedFieldParser extends MultiFieldQueryParser {
        private final Analyzer analyzer;
        private final Events events;
        private final int depth;

        TypedFieldParser(Analyzer analyzer, Events events, int depth) {
            super(QueryFields.TEXT_FIELDS.toArray(String[]::new), analyzer);
            this.analyzer = analyzer;
            this.events = events;
            this.depth = depth;
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            if (field != null && typed(field)) {
                return getRangeQuery(field, text, text, true, true);
            }
            if (field == null && !quoted && text.length() > 1 && (text.startsWith("#") || text.startsWith("@"))) {
                // a hashtag or a mention is looked for as itself, not as the word in it
                return new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(QueryFields.TAG,
                        text.toLowerCase(java.util.Locale.ROOT)));
            }
            if (QueryFields.EVENT.equals(field)) {
                String query = events.query(text.toLowerCase(java.util.Locale.ROOT));
                if (query == null) {
                    throw new ParseException("There is no tracked event '" + text + "'; event: takes an event's "
                            + "slug, as listed by /api/events.");
                }
                if (depth > 3) {
                    throw new ParseException("Event '" + text + "' refers to events too deeply.");
                }
                return parseText(query, analyzer, events, depth + 1);
            }
            return super.getFieldQuery(field, text, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            if (field == null || !typed(field)) {
                return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
            }
            String low = "*".equals(part1) ? null : part1;
            String high = "*".equals(part2) ? null : part2;
            if (QueryFields.PUBLISHED.equals(field)) {
                TimeWindow w;
                try {
                    // a day as the upper bound covers that whole day
                    w = TimeWindow.parse(low, high);
                } catch (UserInputException e) {
                    throw new ParseException("'published' takes days (2024-09-18) or instants "
                            + "(2024-09-18T14:00:00Z): " + e.getMessage());
                }
                long from = w.from() == null ? Long.MIN_VALUE : w.from().toEpochMilli();
                long to = w.to() == null ? Long.MAX_VALUE : w.to().toEpochMilli() - 1;
                if (!startInclusive && low != null) {
                    // after a day means from the next day; after an instant, from the next millisecond
                    from = TimeWindow.parse(null, low).to().toEpochMilli() + (low.strip().length() > 10 ? 1 : 0);
                }
                if (!endInclusive && high != null) {
                    to = TimeWindow.parse(high, null).from().toEpochMilli() - 1;
                }
                return LongPoint.newRangeQuery(field, from, to);
            }
            if (QueryFields.SCORE.equals(field)) {
                double from = low == null ? Double.NEGATIVE_INFINITY : number(field, low);
                double to = high == null ? Double.POSITIVE_INFINITY : number(field, high);
                return org.apache.lucene.document.DoublePoint.newRangeQuery(field,
                        startInclusive || low == null ? from : Math.nextUp(from),
                        endInclusive || high == null ? to : Math.nextDown(to));
            }
            long from = low == null ? Long.MIN_VALUE : whole(field, low);
            long to = high == null ? Long.MAX_VALUE : whole(field, high);
            return LongPoint.newRangeQuery(field, startInclusive || low == null ? from : from + 1,
                    endInclusive || high == null ? to : to - 1);
        }

        private static boolean typed(String field) {
            return QueryFields.COUNT_FIELDS.contains(field) || QueryFields.SCORE.equals(field)
                    || QueryFields.PUBLISHED.equals(field);
        }

        private static double number(String field, String v) throws ParseException {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ParseException("'" + field + "' takes a number from -1 to 1, e.g. score:[-1 TO -0.5]; '"
                        + v + "' is not one.");
            }
        }

        private static long whole(String field, String v) throws ParseException {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ParseException("'" + field + "' takes a whole number, e.g. " + field + ":>100; '" + v
                        + "' is not one.");
            }
        }
    }

    private static UserInputException invalid(String q, String parserMessage) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", q);
        Matcher m = POSITION.matcher(parserMessage);
        if (m.find()) {
            details.put("line", Integer.parseInt(m.group(1)));
            details.put("column", Integer.parseInt(m.group(2)));
            details.put("position", Integer.parseInt(m.group(2)));
        }
        String first = parserMessage.lines().findFirst().orElse(parserMessage);
        return new UserInputException("The query could not be read: " + first
                + " Check quotes, parentheses and operators (AND, OR, NOT in capitals).", details);
    }
}
