package org.reelpulse.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.reelpulse.collect.NdjsonImporter;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.support.StagesOffContext;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** A crash in the middle of an analysis batch loses nothing and scores nothing twice. */
class AnalysisResumeIT extends StagesOffContext {

    @Autowired
    NdjsonImporter importer;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    AnalysisWorker worker;
    @Autowired
    PostAnalyzer analyzer;
    @Autowired
    PostRepository posts;

    @Test
    void shouldResumeAfterACrashMidBatchAndAnalyseEveryPostExactlyOnce() throws Exception {
        String ndjson = IntStream.range(0, 70).mapToObj(i -> TestData.post("mastodon", "resume-" + i, "en",
                "2024-09-18T14:00:00Z", i, "Runway post number " + i + " is a good idea."))
                .collect(Collectors.joining("\n"));
        importer.importFrom(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
        long before = analyses.countAnalysed();

        // the first batch commits
        assertThat(worker.runBatch()).isEqualTo(32);
        assertThat(analyses.countAnalysed()).isEqualTo(before + 32);

        // the second batch dies while being written: a post id that does not exist breaks the transaction
        List<Post> next = analyses.findUnanalysed(32);
        Map<Long, Sentiment> results = new LinkedHashMap<>();
        for (Post p : next) {
            results.put(p.id(), analyzer.analyse(p).sentiment());
        }
        results.put(Long.MAX_VALUE, Sentiment.unscored("en", "crash", Instant.now()));
        assertThatThrownBy(() -> analyses.saveAll(results, analyzer.version())).isInstanceOf(RuntimeException.class);
        assertThat(analyses.countAnalysed()).isEqualTo(before + 32);
        assertThat(analyses.findUnanalysed(1000)).extracting(Post::id).containsAll(
                next.stream().map(Post::id).toList());

        // a restart picks the uncommitted posts up again
        while (worker.runBatch() > 0) {
            // until done
        }
        assertThat(analyses.countAnalysed()).isEqualTo(posts.count());
        assertThat(analyses.findUnanalysed(10)).isEmpty();
        Sentiment one = analyses.find(next.get(0).id()).orElseThrow();
        assertThat(one.sentences()).hasSize(1);
        assertThat(one.method()).isEqualTo(PostAnalyzer.METHOD_PREFIX + "en");
        assertThat(one.drivers()).isNotEmpty();
    }

    @Test
    void shouldRescorePostsOfAnOlderAnalysisVersionNewestFirst() throws Exception {
        String ndjson = IntStream.range(0, 3).mapToObj(i -> TestData.post("reddit", "stale-" + i, "en",
                "2024-10-0" + (i + 1) + "T10:00:00Z", i, "Stale Runway take number " + i))
                .collect(Collectors.joining("\n"));
        importer.importFrom(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
        while (worker.runBatch() > 0) {
            // analyse everything with the current version
        }
        List<Post> mine = posts.findAfterSeq(0, 10_000).stream()
                .filter(p -> p.externalId().startsWith("stale-")).toList();
        Map<Long, Sentiment> old = new LinkedHashMap<>();
        for (Post p : mine) {
            old.put(p.id(), Sentiment.unscored("en", "scored by an old version", Instant.now()));
        }
        analyses.saveAll(old, "old-version");

        List<Post> stale = analyses.findStale(analyzer.version(), 10);
        assertThat(stale).extracting(Post::externalId).containsExactly("stale-2", "stale-1", "stale-0");
        // their labels are made again first (quick), then they are scored again
        assertThat(worker.runBatch()).isEqualTo(3);
        assertThat(analyses.findStale(analyzer.version(), 10)).hasSize(3);
        assertThat(worker.runBatch()).isEqualTo(3);
        assertThat(analyses.findStale(analyzer.version(), 10)).isEmpty();
        assertThat(analyses.find(mine.get(0).id()).orElseThrow().method()).isEqualTo("tweet-lr-1/en");
    }

    @Test
    void shouldDropTheResultOfAPostEditedOrDeletedWhileItWasAnalysed() throws Exception {
        importer.importFrom(new ByteArrayInputStream((TestData.post("mastodon", "race-edit", "en", "2024-09-18T14:00:00Z", 1,
                "Racing post about Runway is fine.") + "\n" + TestData.post("mastodon", "race-gone", "en",
                        "2024-09-18T14:00:00Z", 1, "Racing post about Runway will vanish.") + "\n" + TestData.post(
                                "mastodon", "race-kept", "en", "2024-09-18T14:00:00Z", 1, "Racing post about Runway stays."))
                .getBytes(StandardCharsets.UTF_8)));
        List<Post> read = analyses.findUnanalysed(1000).stream().filter(p -> p.externalId().startsWith("race-")).toList();
        assertThat(read).hasSize(3);
        Map<Long, Sentiment> results = new LinkedHashMap<>();
        Map<Long, String> texts = new LinkedHashMap<>();
        for (Post p : read) {
            results.put(p.id(), analyzer.analyse(p).sentiment());
            texts.put(p.id(), p.text());
        }
        // meanwhile a collector stores an edit of one and learns the other was deleted
        Post edited = read.stream().filter(p -> p.externalId().equals("race-edit")).findFirst().orElseThrow();
        posts.insertNew(List.of(new org.reelpulse.post.NewPost("mastodon", "race-edit", edited.url(), edited.author(),
                "Racing post about Runway is a disaster, edited.", "en", edited.publishedAt(), edited.metrics(), null,
                null)));
        assertThat(posts.tombstone("mastodon", "race-gone")).isTrue();

        analyses.saveAll(results, Map.of(), analyzer.version(), null, texts);

        Map<String, Long> ids = read.stream().collect(Collectors.toMap(Post::externalId, Post::id));
        assertThat(analyses.find(ids.get("race-kept"))).isPresent();
        assertThat(analyses.find(ids.get("race-edit"))).as("scored from the old text: dropped").isEmpty();
        assertThat(analyses.find(ids.get("race-gone"))).isEmpty();
        assertThat(analyses.findUnanalysed(1000)).extracting(Post::externalId).contains("race-edit")
                .doesNotContain("race-gone", "race-kept");
    }
}
