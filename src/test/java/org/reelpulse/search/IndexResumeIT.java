package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.query.QueryAnalyzers;
import org.reelpulse.collect.NdjsonImporter;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.support.StagesOffContext;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Indexing stopped mid-way resumes from the committed watermark: every post exactly once. */
class IndexResumeIT extends StagesOffContext {

    @Autowired
    NdjsonImporter importer;
    @Autowired
    PostRepository posts;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    LabelRepository labels;

    @Test
    void shouldResumeFromTheCommittedWatermarkAfterACrash() throws Exception {
        String ndjson = IntStream.range(0, 25).mapToObj(i -> TestData.post("bluesky", "index-" + i, "en",
                "2024-09-18T14:00:00Z", i, "Lionsgate post " + i)).collect(Collectors.joining("\n"));
        importer.importFrom(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
        Path dir = TestData.newDataDir("index-resume");
        // batches of 10, a commit every 20 posts while catching up (so the resumed catch-up commits only at its end)
        SearchProperties props = new SearchProperties(true, dir, 10, 20, java.time.Duration.ofSeconds(1), 100, 1);

        PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create());
        PostIndexer indexer = new PostIndexer(index, posts, analyses, props, labels);
        // posts of other tests share the database; a tombstone among the first ten has no document
        long live = posts.findAfterSeq(0, 10).stream().filter(p -> !p.isTombstone()).count();
        assertThat(indexer.indexBatch()).isEqualTo(10);
        long committed = index.watermark();

        // the next batch is written but the process dies before the commit
        List<Post> uncommitted = posts.findAfterSeq(committed, 10);
        Map<Long, Sentiment> none = Map.of();
        index.stage(uncommitted.stream().map(p -> PostDocuments.of(p, none.get(p.id()))).toList());
        index.rollbackForTest();

        // restart on the same folder
        PostIndex reopened = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create());
        assertThat(reopened.watermark()).isEqualTo(committed);
        assertThat(reopened.size()).isEqualTo(live);
        PostIndexer resumed = new PostIndexer(reopened, posts, analyses, props,
                labels);
        assertThat(resumed.catchUp()).isEqualTo(posts.count() - live);

        assertThat(reopened.size()).isEqualTo((int) posts.count());
        assertThat(reopened.watermark()).isEqualTo(posts.maxSeq());
        for (Post p : posts.findAfterSeq(0, 1000)) {
            int copies = reopened.read(s -> s.getIndexReader().docFreq(new Term(IndexFields.ID, Long.toString(p.id()))));
            assertThat(copies).as("documents of post %s", p.id()).isEqualTo(p.isTombstone() ? 0 : 1);
        }
        reopened.close();
    }
}
