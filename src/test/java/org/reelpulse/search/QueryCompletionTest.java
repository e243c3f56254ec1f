package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

/** Completion of field names and values in the query box, from what the index holds. */
class QueryCompletionTest {

    private PostIndex index;
    private QueryCompletion completion;

    @BeforeEach
    void indexPosts() throws IOException {
        index = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create());
        index.apply(List.of(
                doc(1, "tvance@vfx.example.social", "Runway will replace us #NoAIArt", "job-displacement"),
                doc(2, "tvance@vfx.example.social", "Consent first #NoAIArt #SAGAFTRA", "consent-likeness"),
                doc(3, "editor", "Jobs, jobs, jobs #NoAIArt", "job-displacement")), 3);
        TrackedEvent deal = new TrackedEvent(1L, "lionsgate-runway", "Lionsgate × Runway", "lionsgate AND runway",
                null, Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2024-09-01T00:00:00Z"),
                Instant.parse("2024-10-01T00:00:00Z"));
        completion = new QueryCompletion(new PostSearcher(index), index, () -> List.of(deal),
                Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private static PostIndex.PostDocument doc(long id, String author, String text, String theme) {
        Instant at = Instant.parse("2024-09-18T12:00:00Z").plusSeconds(id);
        Post p = new Post(id, id, "mastodon", "ext-" + id, null, new Author(author, null, null), text, "en", at,
                new Metrics(1, 0, 0, 0), null, null, at);
        Sentiment s = new Sentiment(SentimentLabel.NEGATIVE, -0.5, 0.8, "test", null, "en", List.of(), at, List.of());
        Labels labels = new Labels(List.of(new Label(LabelKind.THEME, theme, theme, "test", "rule")), List.of(), null,
                List.of(), null);
        return PostDocuments.of(p, s, labels);
    }

    @Test
    void shouldCompleteFieldNamesWithWhatTheyMean() {
        List<QueryCompletion.Suggestion> s = completion.complete("runway AND th", 13);
        assertThat(s).extracting(QueryCompletion.Suggestion::value).containsExactly("theme:");
        assertThat(s.get(0).detail()).contains("labour theme");
        assertThat(s.get(0).from()).isEqualTo(11);
        assertThat(s.get(0).to()).isEqualTo(13);
    }

    @Test
    void shouldCompleteValuesMostUsedFirst() {
        assertThat(completion.complete("theme:", 6)).extracting(QueryCompletion.Suggestion::label,
                QueryCompletion.Suggestion::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("theme:job-displacement", "2 posts"),
                        org.assertj.core.groups.Tuple.tuple("theme:consent-likeness", "1 post"));
        assertThat(completion.complete("theme:co", 8)).extracting(QueryCompletion.Suggestion::value)
                .containsExactly("theme:consent-likeness ");
    }

    @Test
    void shouldFindAuthorsByAnyPartOfTheirHandleAndQuoteThem() {
        assertThat(completion.complete("author:vance", 12)).extracting(QueryCompletion.Suggestion::value)
                .containsExactly("author:\"tvance@vfx.example.social\" ");
    }

    @Test
    void shouldCompleteTheWordAtTheCaretNotTheLastOne() {
        String q = "sou AND runway";
        List<QueryCompletion.Suggestion> s = completion.complete(q, 3);
        assertThat(s).extracting(QueryCompletion.Suggestion::value).containsExactly("source:");
        QueryCompletion.Suggestion first = s.get(0);
        assertThat(q.substring(0, first.from()) + first.value() + q.substring(first.to()))
                .isEqualTo("source: AND runway");
    }

    @Test
    void shouldCompleteHashtagsEventsAndRangeTemplates() {
        assertThat(completion.complete("#no", 3)).extracting(QueryCompletion.Suggestion::value)
                .containsExactly("#noaiart ");
        assertThat(completion.complete("-event:lio", 10)).extracting(QueryCompletion.Suggestion::value,
                QueryCompletion.Suggestion::from).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "event:lionsgate-runway ", 1));
        assertThat(completion.complete("published:", 10)).extracting(QueryCompletion.Suggestion::value)
                .contains("published:[2024-09-18 TO 2024-09-25] ");
    }

    @Test
    void shouldStayQuietInsidePhrasesAndOnEmptyWords() {
        assertThat(completion.complete("\"replace th", 11)).isEmpty();
        assertThat(completion.complete("runway ", 7)).isEmpty();
        assertThat(completion.complete("unknownfield:x", 14)).isEmpty();
    }
}
