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

    /** Parses {@code q} (blank means everything) and restricts it to the window. */
    public static Query parse(String q, TimeWindow window, Analyzer analyzer) {
        Query text = (q == null || q.isBlank()) ? new MatchAllDocsQuery() : parseText(q, analyzer);
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

    private static Query parseText(String q, Analyzer analyzer) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(
                QueryFields.TEXT_FIELDS.toArray(String[]::new), analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        try {
            return parser.parse(q);
        } catch (ParseException | TokenMgrError e) {
            throw invalid(q, e.getMessage());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new UserInputException("The query expands to too many terms (a wildcard matching too much?): "
                    + "make the wildcard more specific.");
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
