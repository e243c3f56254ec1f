package org.reelpulse.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.AnalysisWorker;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.search.PostIndexer;
import org.reelpulse.search.SearchService;
import org.reelpulse.support.StagesOffContext;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the store does when a platform edits or deletes a post, and when an author posts the same words
 * twice: through the analysis stage and the index, on H2 and on PostgreSQL. Each test uses words of its
 * own, since the database is shared by the tests of the class.
 */
abstract class PostLifecycleContract extends StagesOffContext {

    @Autowired
    PostRepository posts;
    @Autowired
    AnalysisWorker analysis;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    PostIndexer indexer;
    @Autowired
    SearchService search;

    private static NewPost post(String id, String handle, String text, String at, int likes) {
        return new NewPost("mastodon", id, "https://mastodon.example/@" + handle + "/" + id,
                new Author(handle + "@mastodon.example", "Name of " + handle, "Bio of " + handle), text, "en",
                Instant.parse(at), new Metrics(likes, 1, 0, 0), null, null, "mastodon.example");
    }

    private void settle() throws Exception {
        while (analysis.runBatch() > 0) {
            // analyse everything pending
        }
        indexer.catchUp();
    }

    private long count(String q) {
        return search.count(q, TimeWindow.ALL);
    }

    private Post stored(String externalId) {
        return posts.findAfterSeq(0, 10_000).stream().filter(p -> p.externalId().equals(externalId)).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldReplaceAnEditedTextAndAnalyseItAgain() throws Exception {
        assertThat(posts.insertCollected(List.of(post("edit-1", "editor", "The quinceword deal is wonderful news",
                "2024-09-18T14:00:00Z", 3)))).isEqualTo(new InsertOutcome(1, 0, 0, 0));
        settle();
        long id = stored("edit-1").id();
        assertThat(count("quinceword")).isEqualTo(1);
        assertThat(analyses.find(id)).isPresent();

        InsertOutcome edit = posts.insertCollected(List.of(post("edit-1", "editor",
                "The quinceword deal is a disaster for the lanternword crews", "2024-09-18T14:00:00Z", 3)));
        assertThat(edit).isEqualTo(new InsertOutcome(0, 0, 1, 0));
        assertThat(analyses.find(id)).as("the old text's analysis is dropped").isEmpty();
        settle();
        assertThat(analyses.find(id)).as("the new text is analysed").isPresent();
        assertThat(count("lanternword")).isEqualTo(1);
        assertThat(count("wonderful AND quinceword")).isZero();
        assertThat(stored("edit-1").id()).as("the same post, not a new one").isEqualTo(id);
    }

    @Test
    void shouldRefreshCountsWithoutCallingItAnEdit() throws Exception {
        posts.insertCollected(List.of(post("likes-1", "counter", "The plumword strike vote is on", "2024-09-18T14:00:00Z",
                3)));
        settle();
        long seq = stored("likes-1").seq();
        assertThat(count("plumword AND likes:>50")).isZero();

        InsertOutcome again = posts.insertCollected(List.of(post("likes-1", "counter", "The plumword strike vote is on",
                "2024-09-18T14:00:00Z", 80)));
        assertThat(again).isEqualTo(new InsertOutcome(0, 1, 0, 0));
        assertThat(stored("likes-1").seq()).as("raised so the index shows the new counts").isGreaterThan(seq);
        settle();
        assertThat(count("plumword AND likes:>50")).isEqualTo(1);

        long unchanged = stored("likes-1").seq();
        posts.insertCollected(List.of(post("likes-1", "counter", "The plumword strike vote is on", "2024-09-18T14:00:00Z",
                80)));
        assertThat(stored("likes-1").seq()).as("nothing changed, nothing to index").isEqualTo(unchanged);
    }

    @Test
    void shouldKeepATombstoneOfADeletedPostAndNeverStoreItAgain() throws Exception {
        posts.insertCollected(List.of(post("gone-1", "deleter", "Mangoword animators deserve better than this deal",
                "2024-09-18T14:00:00Z", 3)));
        settle();
        assertThat(count("mangoword")).isEqualTo(1);

        assertThat(posts.tombstone("mastodon", "gone-1")).isTrue();
        assertThat(posts.tombstone("mastodon", "gone-1")).as("already a tombstone").isFalse();
        assertThat(posts.tombstone("mastodon", "never-stored")).isFalse();
        Post tomb = stored("gone-1");
        assertThat(tomb.isTombstone()).isTrue();
        assertThat(tomb.text()).isEmpty();
        assertThat(tomb.author().name()).isNull();
        assertThat(tomb.author().bio()).isNull();
        assertThat(analyses.find(tomb.id())).isEmpty();
        settle();
        assertThat(count("mangoword")).as("gone from searches and figures").isZero();
        assertThat(analyses.find(tomb.id())).as("a tombstone is not analysed").isEmpty();

        InsertOutcome offered = posts.insertCollected(List.of(post("gone-1", "deleter",
                "Mangoword animators deserve better than this deal", "2024-09-18T14:00:00Z", 3)));
        assertThat(offered).isEqualTo(new InsertOutcome(0, 1, 0, 0));
        settle();
        assertThat(count("mangoword")).isZero();
        assertThat(stored("gone-1").isTombstone()).isTrue();
    }

    @Test
    void shouldRecogniseTheSameTextCrossPostedByOneAuthor() throws Exception {
        String text = "Kiwiword: the guild's statement on the studio deal is out, read it and share it widely.";
        posts.insertCollected(List.of(post("cross-1", "poster", text, "2024-09-18T14:00:00Z", 3)));
        InsertOutcome again = posts.insertCollected(List.of(
                // the same words with another link and other punctuation, a day later: a cross-post
                post("cross-2", "poster", text.replace("out,", "out —") + " https://example.org/x", "2024-09-19T10:00:00Z", 1),
                // the same words by someone else: their own post
                post("cross-3", "quoter", text, "2024-09-18T15:00:00Z", 1),
                // the same words by the same author a week later: posted again on purpose, kept
                post("cross-4", "poster", text, "2024-09-25T14:00:00Z", 1),
                // a short reply repeated is no copy
                post("cross-5", "poster", "Kiwiword agreed!", "2024-09-18T14:10:00Z", 1),
                post("cross-6", "poster", "Kiwiword agreed!", "2024-09-18T14:20:00Z", 1)));
        assertThat(again).isEqualTo(new InsertOutcome(4, 0, 0, 1));
        // within one batch as well
        InsertOutcome batch = posts.insertCollected(List.of(
                post("cross-7", "batcher", text, "2024-09-20T10:00:00Z", 1),
                post("cross-8", "batcher", text, "2024-09-20T11:00:00Z", 1)));
        assertThat(batch).isEqualTo(new InsertOutcome(1, 0, 0, 1));
        settle();
        assertThat(count("kiwiword")).isEqualTo(6);

        // imports keep every row they are given
        InsertOutcome imported = posts.insertNew(List.of(post("cross-9", "poster", text, "2024-09-18T16:00:00Z", 1)));
        assertThat(imported.inserted()).isEqualTo(1);
    }
}
