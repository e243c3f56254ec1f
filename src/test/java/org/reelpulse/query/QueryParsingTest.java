package org.reelpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;

class QueryParsingTest {

    private static final QueryParsing.Events EVENTS = Map.of("lionsgate-runway", "lionsgate OR runway")::get;

    private static Query parse(String q) {
        return QueryParsing.parse(q, TimeWindow.ALL, QueryAnalyzers.create(), EVENTS);
    }

    @Test
    void shouldRewriteComparisonsIntoRanges() {
        assertThat(QueryParsing.comparisons("likes:>100 AND score:<=-0.5 AND replies:>=3 AND quotes:<2"))
                .isEqualTo("likes:{100 TO *] AND score:[* TO -0.5] AND replies:[3 TO *] AND quotes:[* TO 2}");
        assertThat(QueryParsing.comparisons("\"likes:>b\" likes:>2")).isEqualTo("\"likes:>b\" likes:{2 TO *]");
    }

    @Test
    void shouldQueryCountsScoresAndDaysAsNumbers() {
        assertThat(parse("likes:>100")).isEqualTo(LongPoint.newRangeQuery("likes", 101, Long.MAX_VALUE));
        assertThat(parse("engagement:[10 TO 20}")).isEqualTo(LongPoint.newRangeQuery("engagement", 10, 19));
        assertThat(parse("likes:7")).isEqualTo(LongPoint.newRangeQuery("likes", 7, 7));
        assertThat(parse("published:[2024-09-18 TO 2024-09-18]")).isEqualTo(LongPoint.newRangeQuery("published",
                1726617600000L, 1726703999999L));
        assertThat(parse("published:>2024-09-18")).isEqualTo(LongPoint.newRangeQuery("published",
                1726704000000L, Long.MAX_VALUE));
        assertThat(parse("published:[\"2024-09-18T14:00:00Z\" TO *]").toString()).contains("published:[1726668000000");
        assertThat(parse("score:[-1 TO -0.5]").toString()).isEqualTo("score:[-1.0 TO -0.5]");
    }

    @Test
    void shouldExpandAnEventIntoItsQuery() {
        assertThat(parse("event:lionsgate-runway AND jobs").toString())
                .contains("lionsgate", "runway", "jobs");
        assertThatThrownBy(() -> parse("event:nope"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("There is no tracked event 'nope'");
    }

    @Test
    void shouldSayWhatIsWrongWithATypedValueAndWhere() {
        assertThatThrownBy(() -> parse("likes:>many"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("'likes' takes a whole number");
        assertThatThrownBy(() -> parse("published:[18.9.2024 TO *]"))
                .hasMessageContaining("'published' takes days (2024-09-18)");
        assertThatThrownBy(() -> parse("score:[low TO 1]")).hasMessageContaining("number from -1 to 1");
        UserInputException e = (UserInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> parse("jobs AND (replac*"));
        assertThat(e.details()).containsEntry("line", 1).containsKey("column");
    }
}
