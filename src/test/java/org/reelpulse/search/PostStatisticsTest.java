package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.reelpulse.base.TimeWindow;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;

/** The dashboard's one-pass counts, first posts and contrasted terms, on an in-memory index. */
class PostStatisticsTest {

    private PostIndex index;
    private PostStatistics statistics;
    private PostSearcher searcher;

    @BeforeEach
    void indexPosts() throws IOException {
        index = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create());
        searcher = new PostSearcher(index);
        statistics = new PostStatistics(index, searcher);
        index.apply(List.of(
                doc(1, "alice", "2024-09-17T10:00:00Z", 5, "Runway ships a model update.", SentimentLabel.NEUTRAL,
                        "public", List.of()),
                doc(2, "alice", "2024-09-18T14:00:00Z", 100, "Runway and Lionsgate replace artists. #NoAI",
                        SentimentLabel.NEGATIVE, "public", List.of("job-displacement")),
                doc(3, "union", "2024-09-18T18:00:00Z", 40, "Our members oppose the Runway deal. #NoAI",
                        SentimentLabel.NEGATIVE, "union-guild", List.of("union-action", "job-displacement"))),
                3);
        // a second segment: counts by ordinal must merge by value
        index.apply(List.of(
                doc(4, "bob", "2024-09-18T20:00:00Z", 900, "Runway previs is great for indies.",
                        SentimentLabel.POSITIVE, "working-creative", List.of()),
                doc(5, "carol", "2024-09-19T08:00:00Z", 1, "Runway replace everyone? No thanks. #NoAI",
                        SentimentLabel.NEGATIVE, "public", List.of("job-displacement")),
                doc(6, "dan", "2024-09-19T09:00:00Z", 0, "Unrelated popcorn post.", null, "public", List.of())),
                6);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private static PostIndex.PostDocument doc(long id, String handle, String at, int likes, String text,
            SentimentLabel label, String group, List<String> themes) {
        Post p = new Post(id, id, "mastodon", "ext-" + id, null, new Author(handle, null, null), text, "en",
                Instant.parse(at), new Metrics(likes, 0, 0, 0), null, null, Instant.parse(at));
        Sentiment s = label == null ? null
                : new Sentiment(label, null, null, "test", null, "en", List.of(), Instant.now(), List.of());
        List<Label> t = new ArrayList<>();
        themes.forEach(n -> t.add(new Label(LabelKind.THEME, n, n, "test", "test")));
        return PostDocuments.of(p, s, new Labels(t, List.of(), new Label(LabelKind.GROUP, group, group, "t", "t"),
                List.of(), null));
    }

    @Test
    void shouldCountEverythingADashboardNeedsInOnePass() {
        PostStatistics.Grid days = new PostStatistics.Grid(Instant.parse("2024-09-01T00:00:00Z"), Duration.ofDays(1));
        PostStatistics.Summary s = statistics.summarize("runway", TimeWindow.parse("2024-09-18", "2024-09-19"),
                PostStatistics.Breakdown.totals().perBucket(days).overTime("group").byField("theme").authors(2));

        assertThat(s.total()).isEqualTo(new PostStatistics.Tally(4, 3, 0, 1, 0, 0, 3));
        assertThat(s.total().net()).isEqualTo(-0.5);
        assertThat(s.authors()).isEqualTo(4);
        assertThat(s.buckets().keySet()).containsExactly(Instant.parse("2024-09-18T00:00:00Z"),
                Instant.parse("2024-09-19T00:00:00Z"));
        assertThat(s.buckets().get(Instant.parse("2024-09-18T00:00:00Z")).posts()).isEqualTo(3);
        assertThat(s.of("group", "public").posts()).isEqualTo(2);
        assertThat(s.of("group", "union-guild").negative()).isEqualTo(1);
        assertThat(s.of("theme", "job-displacement").posts()).isEqualTo(3);
        assertThat(s.of("theme", "union-action").withTheme()).isEqualTo(1);
        assertThat(s.of("group", "press")).isEqualTo(PostStatistics.Tally.EMPTY);
        assertThat(s.byFieldOverTime().get("group").get("public"))
                .containsOnlyKeys(Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2024-09-19T00:00:00Z"));
        assertThat(s.topAuthors()).containsExactly(
                new PostStatistics.AuthorTotal("bob", "working-creative", 1, 900),
                new PostStatistics.AuthorTotal("alice", "public", 1, 100));
    }

    @Test
    void shouldCountPostsWithAThemeAsTheQueryLanguageFindsThem() {
        PostStatistics.Summary s = statistics.summarize("", TimeWindow.ALL, PostStatistics.Breakdown.totals());
        assertThat(s.authors()).as("not asked for").isZero();
        assertThat(s.total().withTheme()).isEqualTo(searcher.count("theme:[* TO *]", TimeWindow.ALL)).isEqualTo(3);
        assertThat(s.total().pending()).isEqualTo(1);
    }

    @Test
    void shouldSummariseAnEmptyIndex() throws IOException {
        try (PostIndex empty = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create())) {
            PostStatistics none = new PostStatistics(empty, new PostSearcher(empty));
            PostStatistics.Summary s = none.summarize("runway", TimeWindow.parse("2024-09-18", "2024-09-19"),
                    PostStatistics.Breakdown.totals().perBucket(new PostStatistics.Grid(Instant.EPOCH, Duration.ofDays(1)))
                            .overTime("group").authors(3));
            assertThat(s.total()).isEqualTo(PostStatistics.Tally.EMPTY);
            assertThat(s.authors()).isZero();
            assertThat(s.buckets()).isEmpty();
            assertThat(s.topAuthors()).isEmpty();
            assertThat(none.tallies("runway", List.of(TimeWindow.parse("2024-09-18", "2024-09-19"))))
                    .containsExactly(PostStatistics.Tally.EMPTY);
        }
    }

    @Test
    void shouldCountManyWindowsInOnePassExactlyAtTheirEdges() {
        List<PostStatistics.Tally> t = statistics.tallies("runway", List.of(
                new TimeWindow(Instant.parse("2024-09-18T14:00:00Z"), Instant.parse("2024-09-18T20:00:00Z")),
                new TimeWindow(Instant.parse("2024-09-18T14:00:00.001Z"), Instant.parse("2024-09-20T00:00:00Z")),
                new TimeWindow(Instant.parse("2024-09-01T00:00:00Z"), Instant.parse("2024-09-02T00:00:00Z"))));
        assertThat(t.get(0).posts()).as("from inclusive, to exclusive: posts 2 and 3").isEqualTo(2);
        assertThat(t.get(0).negative()).isEqualTo(2);
        assertThat(t.get(1).posts()).as("posts 3, 4 and 5").isEqualTo(3);
        assertThat(t.get(1).positive()).isEqualTo(1);
        assertThat(t.get(1).net()).isEqualTo(-1.0 / 3);
        assertThat(t.get(2)).isEqualTo(PostStatistics.Tally.EMPTY);
    }

    @Test
    void shouldCountEachValueOfAFieldAmongTheMatches() {
        assertThat(statistics.countEach("runway", TimeWindow.parse("2024-09-18", "2024-09-19"), "tag",
                List.of("#noai", "#other"))).containsExactly(java.util.Map.entry("#noai", 3L),
                        java.util.Map.entry("#other", 0L));
        assertThat(statistics.countEach("runway", TimeWindow.parse("2024-09-19", "2024-09-19"), "group",
                List.of("public"))).containsEntry("public", 1L);
    }

    @Test
    void shouldListTheFirstAndTheLatestMatches() {
        assertThat(statistics.inTimeOrder("runway", TimeWindow.ALL, 2, false))
                .extracting(PostStatistics.Dated::postId).containsExactly(1L, 2L);
        assertThat(statistics.inTimeOrder("runway", TimeWindow.ALL, 2, true))
                .containsExactly(new PostStatistics.Dated(5, Instant.parse("2024-09-19T08:00:00Z")),
                        new PostStatistics.Dated(4, Instant.parse("2024-09-18T20:00:00Z")));
    }

    @Test
    void shouldFindTheWordsThatSetAPeriodApartFromItsBaseline() {
        PostStatistics.Contrast c = statistics.contrast("runway", TimeWindow.parse("2024-09-18", "2024-09-19"),
                "", TimeWindow.ALL, 5, 100);
        assertThat(c.periodPosts()).isEqualTo(4);
        assertThat(c.periodRead()).isEqualTo(4);
        assertThat(c.baselinePosts()).isEqualTo(6);
        assertThat(c.terms()).extracting(PostStatistics.ContrastTerm::term).contains("runway", "replace")
                .doesNotContain("popcorn");
        PostStatistics.ContrastTerm replace = c.terms().stream().filter(t -> t.term().equals("replace")).findFirst()
                .orElseThrow();
        assertThat(replace.inPeriod()).isEqualTo(2);
        assertThat(replace.inBaseline()).isEqualTo(2);
    }

    @Test
    void shouldCountTheSameAndSampleAsAskedWhenSearchingSlicesSideBySide() throws IOException {
        PostStatistics.Grid days = new PostStatistics.Grid(Instant.parse("2024-09-01T00:00:00Z"), Duration.ofDays(1));
        PostStatistics.Breakdown everything = PostStatistics.Breakdown.totals().perBucket(days).overTime("group")
                .byField("theme").authors(5);
        TimeWindow week = TimeWindow.parse("2024-09-16", "2024-09-22");
        try (PostIndex alone = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create());
                PostIndex sliced = new PostIndex(new ByteBuffersDirectory(), org.reelpulse.query.QueryAnalyzers.create(),
                        3)) {
            // six segments of 50 posts, so that the sliced index is searched in several slices
            long id = 0;
            for (int segment = 0; segment < 6; segment++) {
                List<PostIndex.PostDocument> batch = new ArrayList<>();
                for (int k = 0; k < 50; k++) {
                    id++;
                    batch.add(doc(id, "author" + (id % 17), "2024-09-" + (16 + id % 6) + "T10:00:00Z", (int) (id % 7),
                            "Runway deal post " + id + (id % 3 == 0 ? " replace artists" : " studio savings"),
                            SentimentLabel.values()[(int) (id % 3)], id % 2 == 0 ? "public" : "press",
                            id % 4 == 0 ? List.of("job-displacement") : List.of()));
                }
                alone.apply(batch, id);
                sliced.apply(batch, id);
            }
            PostStatistics one = new PostStatistics(alone, new PostSearcher(alone));
            PostStatistics several = new PostStatistics(sliced, new PostSearcher(sliced));

            assertThat(several.summarize("runway", week, everything)).isEqualTo(one.summarize("runway", week,
                    everything));
            PostStatistics.Contrast c = several.contrast("runway AND replace", week, "runway AND NOT replace", week,
                    10, 40);
            assertThat(c.periodPosts()).isEqualTo(100);
            assertThat(c.periodRead()).isEqualTo(40);
            assertThat(c.baselinePosts()).isEqualTo(200);
            assertThat(c.baselineRead()).isEqualTo(40);
            assertThat(c.terms()).extracting(PostStatistics.ContrastTerm::term).contains("replace", "artists");
            assertThat(several.contrast("runway AND replace", week, "runway AND NOT replace", week, 10, 40))
                    .as("the same sample every time").isEqualTo(c);
        }
    }
}
