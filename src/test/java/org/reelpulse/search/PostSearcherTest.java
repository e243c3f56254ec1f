package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

/** Searching, highlighting, counting and exporting on an in-memory index. */
class PostSearcherTest {

    private PostIndex index;
    private PostSearcher searcher;

    @BeforeEach
    void indexPosts() throws IOException {
        index = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create());
        searcher = new PostSearcher(index);
        index.apply(List.of(
                doc(1, "en", "2024-09-18T14:00:00Z", 5, "Lionsgate and Runway are replacing artists with a model.",
                        SentimentLabel.NEGATIVE, -0.6),
                doc(2, "en", "2024-09-18T16:00:00Z", 900, "Runway keeps shipping. Great tools for indie filmmakers.",
                        SentimentLabel.POSITIVE, 0.5),
                doc(3, "fr", "2024-09-19T09:00:00Z", 40, "Lionsgate remplace les artistes par des machines.",
                        SentimentLabel.UNSCORED, null),
                doc(4, "en", "2024-09-21T09:00:00Z", 0, "Nothing about the deal here, just popcorn.", null, null)),
                4);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private static PostIndex.PostDocument doc(long id, String lang, String at, int likes, String text,
            SentimentLabel label, Double score) {
        Post p = new Post(id, id, "mastodon", "ext-" + id, null, new Author("user" + id, null, null), text, lang,
                Instant.parse(at), new Metrics(likes, 0, 0, 0), null, null, Instant.parse(at));
        Sentiment s = label == null ? null
                : new Sentiment(label, score, score == null ? null : 0.8, "test", null, lang, List.of(), Instant.now(), List.of());
        return PostDocuments.of(p, s);
    }

    @Test
    void shouldCountFacetValuesOfTheMatchingPostsAcrossSegments() throws IOException {
        Post p = new Post(5, 5, "union", "ext-5", null, new Author("spu", null, null),
                "Lionsgate deal: our members oppose it.", "en", Instant.parse("2024-09-20T09:00:00Z"),
                new Metrics(0, 0, 0, 0), null, null, Instant.parse("2024-09-20T09:00:00Z"));
        Sentiment s = new Sentiment(SentimentLabel.NEGATIVE, -0.5, 0.7, "test", null, "en", List.of(), Instant.now(),
                List.of());
        Labels labels = new Labels(
                List.of(label(LabelKind.THEME, "union-action"), label(LabelKind.THEME, "job-displacement")),
                List.of(label(LabelKind.CRAFT, "actors")), label(LabelKind.GROUP, "union-guild"),
                List.of(label(LabelKind.ENTITY, "Lionsgate")), label(LabelKind.STANCE, "opposes"));
        index.apply(List.of(PostDocuments.of(p, s, labels)), 5); // a second segment

        Map<String, List<PostSearcher.FacetValue>> f = searcher.facets("lionsgate", TimeWindow.ALL,
                List.of("sentiment", "lang", "theme", "entity", "group", "stance", "craft"), 10);
        assertThat(f.get("sentiment")).extracting(PostSearcher.FacetValue::value, PostSearcher.FacetValue::count)
                .containsExactly(tuple("negative", 2L), tuple("unscored", 1L));
        assertThat(f.get("lang")).extracting(PostSearcher.FacetValue::value).containsExactly("en", "fr");
        assertThat(f.get("theme")).extracting(PostSearcher.FacetValue::value)
                .containsExactly("job-displacement", "union-action");
        assertThat(f.get("entity")).extracting(PostSearcher.FacetValue::value).containsExactly("lionsgate");
        assertThat(f.get("group")).extracting(PostSearcher.FacetValue::count).containsExactly(1L);
        assertThat(searcher.search("stance:opposes AND craft:actors AND entity:Lionsgate", TimeWindow.ALL,
                PostSearcher.SortOrder.RELEVANCE, 0, 10).total()).isEqualTo(1);
        assertThatThrownBy(() -> searcher.facets("", TimeWindow.ALL, List.of("colour"), 10))
                .hasMessageContaining("'colour' cannot be counted");
    }

    private static Label label(LabelKind kind, String name) {
        return new Label(kind, name, name, "test", "test");
    }

    @Test
    void shouldPageDeepWithACursorInEveryOrderWithoutSkippingOrRepeating() {
        for (PostSearcher.SortOrder order : PostSearcher.SortOrder.values()) {
            List<Long> all = searcher.search("", TimeWindow.ALL, order, 0, 10).hits().stream()
                    .map(PostSearcher.Hit::postId).toList();
            List<Long> paged = new java.util.ArrayList<>();
            String after = null;
            do {
                PostSearcher.SearchPage page = searcher.search("", TimeWindow.ALL, order, 0, 1, after);
                page.hits().forEach(h -> paged.add(h.postId()));
                after = page.next();
            } while (after != null);
            assertThat(paged).as(order.name()).containsExactlyElementsOf(all).hasSize(4);
        }
        String cursor = searcher.search("", TimeWindow.ALL, PostSearcher.SortOrder.RECENT, 0, 1).next();
        assertThatThrownBy(() -> searcher.search("", TimeWindow.ALL, PostSearcher.SortOrder.ENGAGEMENT, 0, 1, cursor))
                .hasMessageContaining("belongs to another sort order");
        assertThatThrownBy(() -> searcher.search("", TimeWindow.ALL, PostSearcher.SortOrder.RECENT, 0, 1, "x!"))
                .hasMessageContaining("not one ReelPulse gave out");
    }

    @Test
    void shouldFindTheWordsAndPhrasesThatMakeAResultSetStandOut() throws IOException {
        List<PostIndex.PostDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(doc(10 + i, "en", "2024-09-20T10:00:00Z", 0, "Sunny weather for the studio picnic, actors and "
                    + "crew having fun number " + i, null, null));
        }
        for (int i = 0; i < 4; i++) {
            docs.add(doc(30 + i, "en", "2024-09-20T10:00:00Z", 0, "Actors fear a pay cut: no residuals when the model "
                    + "learns from their films, take " + i, null, null));
        }
        index.apply(docs, 40);
        // the four posts about pay among sixteen about actors: what sets them apart, not what they share
        List<PostSearcher.SignificantTerm> terms = searcher.significantTerms("actors AND fear", TimeWindow.ALL, 20);
        assertThat(terms).extracting(PostSearcher.SignificantTerm::term)
                .contains("residuals", "pay cut").doesNotContain("the", "crew");
        // a word common in the whole corpus ranks far below the ones that set the results apart
        assertThat(terms.get(terms.size() - 1).term()).isEqualTo("actors");
        assertThat(terms.get(terms.size() - 1).score()).isLessThan(terms.get(0).score() / 10);
        PostSearcher.SignificantTerm residuals = terms.stream().filter(t -> t.term().equals("residuals")).findFirst()
                .orElseThrow();
        assertThat(residuals.inResults()).isEqualTo(4);
        assertThat(residuals.inCorpus()).isEqualTo(4);
        assertThat(searcher.significantTerms("nothingmatches", TimeWindow.ALL, 5)).isEmpty();
    }

    @Test
    void shouldFindHashtagsAndMentionsAsThemselvesAndWordsWithoutTheirAccents() throws IOException {
        index.apply(List.of(
                doc(50, "en", "2024-09-20T10:00:00Z", 0, "Say it louder #NoAIArt, thanks @SAGAFTRA", null, null),
                doc(51, "en", "2024-09-20T10:00:00Z", 0, "There is no AI art in this café", null, null)), 60);
        assertThat(ids("#noaiart")).containsExactly(50L);
        assertThat(ids("#NoAIArt")).containsExactly(50L);
        assertThat(ids("@sagaftra")).containsExactly(50L);
        assertThat(ids("cafe")).containsExactly(51L);
        assertThat(searcher.facets("", TimeWindow.ALL, List.of("tag"), 5).get("tag"))
                .extracting(PostSearcher.FacetValue::value).containsExactlyInAnyOrder("#noaiart", "@sagaftra");
    }

    @Test
    void shouldCountRepostsBoostsAndCopiesOnceWhenCollapsing() throws IOException {
        String text = "Lionsgate is training a model on our films and nobody asked us";
        Post original = new Post(70, 70, "mastodon", "orig-1", null, new Author("a", null, null), text, "en",
                Instant.parse("2024-09-19T10:00:00Z"), new Metrics(9, 0, 0, 0), null, null, Instant.now());
        Post boost = new Post(71, 71, "mastodon", "boost-1", null, new Author("b", null, null), text, "en",
                Instant.parse("2024-09-19T11:00:00Z"), new Metrics(0, 0, 0, 0), null, "orig-1", Instant.now());
        Post copy = new Post(72, 72, "bluesky", "copy-1", null, new Author("c", null, null),
                "RT @a: " + text.toUpperCase(java.util.Locale.ROOT) + "!! https://t.example/x", "en",
                Instant.parse("2024-09-19T12:00:00Z"), new Metrics(0, 0, 0, 0), null, null, Instant.now());
        Post shortOne = new Post(73, 73, "x", "s-1", null, new Author("d", null, null), "Lionsgate. This.", "en",
                Instant.parse("2024-09-19T13:00:00Z"), new Metrics(0, 0, 0, 0), null, null, Instant.now());
        Post shortTwo = new Post(74, 74, "x", "s-2", null, new Author("e", null, null), "Lionsgate. This.", "en",
                Instant.parse("2024-09-19T14:00:00Z"), new Metrics(0, 0, 0, 0), null, null, Instant.now());
        index.apply(java.util.stream.Stream.of(original, boost, copy, shortOne, shortTwo)
                .map(p -> PostDocuments.of(p, null)).toList(), 80);

        String q = "lionsgate AND published:[2024-09-19 TO 2024-09-19]";
        assertThat(searcher.count(q, TimeWindow.ALL)).isEqualTo(6); // post 3 is on that day too
        assertThat(searcher.countCollapsed(q, TimeWindow.ALL)).isEqualTo(4);
        List<Long> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            searcher.searchCollapsed(q, TimeWindow.ALL, PostSearcher.SortOrder.RECENT, offset, 1).hits()
                    .forEach(h -> paged.add(h.postId()));
        }
        // the newest of each group stands for it; short texts are never taken for copies
        assertThat(paged).containsExactly(74L, 73L, 72L, 3L);
    }

    @Test
    void shouldFilterByEngagementScoreAndDay() {
        assertThat(ids("likes:>100")).containsExactly(2L);
        assertThat(ids("likes:[0 TO 40] AND lionsgate")).containsExactlyInAnyOrder(1L, 3L);
        assertThat(ids("score:[-1 TO -0.5]")).containsExactly(1L);
        assertThat(ids("score:>0")).containsExactly(2L);
        assertThat(ids("published:[2024-09-19 TO 2024-09-21]")).containsExactlyInAnyOrder(3L, 4L);
        assertThat(ids("published:<2024-09-19")).containsExactlyInAnyOrder(1L, 2L);
    }

    private List<Long> ids(String q) {
        return searcher.search(q, TimeWindow.ALL, PostSearcher.SortOrder.RELEVANCE, 0, 10).hits().stream()
                .map(PostSearcher.Hit::postId).toList();
    }

    @Test
    void shouldFindPostsWithAllTermsAndMarkThem() {
        PostSearcher.SearchPage page = searcher.search("lionsgate AND runway", TimeWindow.ALL,
                PostSearcher.SortOrder.RELEVANCE, 0, 10);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.hits().get(0).postId()).isEqualTo(1);
        assertThat(page.hits().get(0).highlight())
                .contains("<mark>Lionsgate</mark>").contains("<mark>Runway</mark>");
    }

    @Test
    void shouldMatchStemmedFormsInThePostsLanguageAndHighlightThem() {
        PostSearcher.SearchPage page = searcher.search("replace", TimeWindow.ALL,
                PostSearcher.SortOrder.RELEVANCE, 0, 10);
        assertThat(page.hits()).extracting(PostSearcher.Hit::postId).containsExactly(1L);
        assertThat(page.hits().get(0).highlight()).contains("<mark>replacing</mark>");
        assertThat(searcher.search("machine", TimeWindow.ALL, PostSearcher.SortOrder.RELEVANCE, 0, 10).hits())
                .extracting(PostSearcher.Hit::postId).containsExactly(3L);
    }

    @Test
    void shouldSortByEngagementAndByRecency() {
        assertThat(searcher.search("", TimeWindow.ALL, PostSearcher.SortOrder.ENGAGEMENT, 0, 10).hits())
                .extracting(PostSearcher.Hit::postId).containsExactly(2L, 3L, 1L, 4L);
        assertThat(searcher.search("", TimeWindow.ALL, PostSearcher.SortOrder.RECENT, 1, 2).hits())
                .extracting(PostSearcher.Hit::postId).containsExactly(3L, 2L);
    }

    @Test
    void shouldFilterByFieldsAndTimeWindow() {
        assertThat(searcher.search("sentiment:negative OR lang:fr", TimeWindow.ALL,
                PostSearcher.SortOrder.RECENT, 0, 10).total()).isEqualTo(2);
        assertThat(searcher.search("", TimeWindow.parse("2024-09-19", "2024-09-19"),
                PostSearcher.SortOrder.RECENT, 0, 10).hits())
                .extracting(PostSearcher.Hit::postId).containsExactly(3L);
    }

    @Test
    void shouldMarkEveryQueryTermEvenAtTheStartOfTheText() throws IOException {
        index.clear();
        index.apply(List.of(doc(6, "en", "2024-09-18T10:00:00Z", 0,
                "Runway and Lionsgate will make previs wonderfully fast. Great news for indie filmmakers!",
                SentimentLabel.POSITIVE, 0.5)), 6);
        index.apply(List.of(doc(7, "fr", "2024-09-19T10:00:00Z", 0,
                "Lionsgate et Runway : les artistes craignent pour leurs emplois.", SentimentLabel.UNSCORED, null)), 7);
        index.apply(List.of(doc(6, "en", "2024-09-18T10:00:00Z", 950,
                "Runway and Lionsgate will make previs wonderfully fast. Great news for indie filmmakers!",
                SentimentLabel.POSITIVE, 0.5)), 8);
        String h = searcher.search("lionsgate AND runway", TimeWindow.ALL, PostSearcher.SortOrder.ENGAGEMENT, 0, 10)
                .hits().stream().filter(x -> x.postId() == 6).findFirst().orElseThrow().highlight();
        assertThat(h).contains("<mark>Runway</mark>").contains("<mark>Lionsgate</mark>");
    }

    @Test
    void shouldEscapeHtmlInHighlights() throws IOException {
        index.apply(List.of(doc(5, "en", "2024-09-18T10:00:00Z", 0, "<script>alert('runway')</script>",
                null, null)), 5);
        String h = searcher.search("runway", TimeWindow.ALL, PostSearcher.SortOrder.RECENT, 0, 10).hits().stream()
                .filter(x -> x.postId() == 5).findFirst().orElseThrow().highlight();
        assertThat(h).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void shouldRejectAMalformedQueryWithItsPosition() {
        assertThatThrownBy(() -> searcher.search("lionsgate AND (runway", TimeWindow.ALL,
                PostSearcher.SortOrder.RELEVANCE, 0, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("could not be read")
                .satisfies(e -> assertThat(((UserInputException) e).details()).containsKey("column"));
    }

    @Test
    void shouldCountEachDayBySentimentAndFillEmptyDays() {
        List<PostSearcher.Bucket> days = searcher.timeline("", TimeWindow.ALL, ChronoUnit.DAYS);
        assertThat(days).extracting(b -> b.start().toString()).containsExactly("2024-09-18T00:00:00Z",
                "2024-09-19T00:00:00Z", "2024-09-20T00:00:00Z", "2024-09-21T00:00:00Z");
        PostSearcher.Bucket first = days.get(0);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.negative()).isEqualTo(1);
        assertThat(first.positive()).isEqualTo(1);
        assertThat(first.meanScore()).isCloseTo(-0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(days.get(1).unscored()).isEqualTo(1);
        assertThat(days.get(1).meanScore()).isNull();
        assertThat(days.get(2).total()).isZero();
        assertThat(days.get(3).pending()).isEqualTo(1);
    }

    @Test
    void shouldPutPostsOutOfTimeOrderInTheirOwnBucketsHourDayAndWeek() throws IOException {
        // indexed after later posts, in the same segment: the counter goes back in time
        index.apply(List.of(doc(5, "en", "2024-09-21T10:30:00Z", 1, "Runway late", SentimentLabel.NEUTRAL, 0.0),
                doc(6, "en", "2024-09-18T14:59:59Z", 1, "Runway early", SentimentLabel.NEGATIVE, -1.0),
                doc(7, "en", "2024-09-15T23:59:59Z", 1, "Runway before", SentimentLabel.POSITIVE, 1.0)), 7);
        assertThat(searcher.timeline("", TimeWindow.ALL, ChronoUnit.DAYS)).extracting(b -> b.start().toString(),
                PostSearcher.Bucket::total).startsWith(tuple("2024-09-15T00:00:00Z", 1L), tuple("2024-09-16T00:00:00Z", 0L),
                tuple("2024-09-17T00:00:00Z", 0L), tuple("2024-09-18T00:00:00Z", 3L));
        assertThat(searcher.timeline("runway", TimeWindow.parse("2024-09-18", "2024-09-18"), ChronoUnit.HOURS))
                .extracting(PostSearcher.Bucket::total).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                        0L, 0L, 0L, 2L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        // weeks start on Monday: the 15th is a Sunday
        assertThat(searcher.timeline("", TimeWindow.ALL, ChronoUnit.WEEKS)).extracting(b -> b.start().toString(),
                PostSearcher.Bucket::total).containsExactly(tuple("2024-09-09T00:00:00Z", 1L),
                        tuple("2024-09-16T00:00:00Z", 6L));
    }

    @Test
    void shouldCountDistinctAuthorsOfTheMatches() throws IOException {
        index.apply(List.of(PostDocuments.of(new Post(8, 8, "bluesky", "ext-8", null, new Author("user1", null, null),
                "Runway again from the same author", "en", Instant.parse("2024-09-20T10:00:00Z"),
                Metrics.UNKNOWN, null, null, Instant.parse("2024-09-20T10:00:00Z")), null)), 8);
        PostSearcher.Reach reach = searcher.reach("runway OR lionsgate", TimeWindow.ALL);
        assertThat(reach.posts()).isEqualTo(4);
        assertThat(reach.authors()).isEqualTo(3);
    }

    @Test
    void shouldRankAuthorsByTheEngagementOfTheirMatchingPostsAcrossSegments() throws IOException {
        index.apply(List.of(PostDocuments.of(new Post(8, 8, "bluesky", "ext-8", null, new Author("user1", null, null),
                "Runway again from the same author", "en", Instant.parse("2024-09-20T10:00:00Z"),
                new Metrics(1000, 10, 5, 0), null, null, Instant.parse("2024-09-20T10:00:00Z")), null)), 8);
        assertThat(searcher.topAuthors("runway OR lionsgate", TimeWindow.ALL, 2)).containsExactly(
                new PostSearcher.AuthorEngagement("user1", 2, 1020), new PostSearcher.AuthorEngagement("user2", 1, 900));
        assertThat(searcher.topAuthors("lionsgate", TimeWindow.ALL, 10))
                .extracting(PostSearcher.AuthorEngagement::author).containsExactly("user3", "user1");
    }

    @Test
    void shouldVisitEveryMatchOldestFirst() {
        List<Long> ids = new ArrayList<>();
        long n = searcher.forEachMatch("lionsgate OR runway", TimeWindow.ALL, ids::add);
        assertThat(n).isEqualTo(3);
        assertThat(ids).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldReplaceAPostsDocumentWhenItIsIndexedAgain() throws IOException {
        index.apply(List.of(doc(1, "en", "2024-09-18T14:00:00Z", 5, "Lionsgate and Runway, now analysed.",
                SentimentLabel.NEUTRAL, 0.0)), 9);
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.watermark()).isEqualTo(9);
        assertThat(searcher.search("sentiment:neutral", TimeWindow.ALL, PostSearcher.SortOrder.RECENT, 0, 10).hits())
                .extracting(PostSearcher.Hit::postId).containsExactly(1L);
    }
}
