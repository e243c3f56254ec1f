package org.reelpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reelpulse.Application;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.post.PostRepository;
import org.reelpulse.search.PostIndexer;
import org.reelpulse.support.TestData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default started twice on the same data folder, as a user would: the first start
 * loads and indexes the demo corpus, the second neither loads it again nor re-indexes.
 */
class DemoRestartIT {

    private static ConfigurableApplicationContext start(Path dataDir, boolean indexing) {
        return new SpringApplicationBuilder(Application.class).run(
                "--server.port=0",
                "--reelpulse.search.indexing=" + indexing,
                "--reelpulse.data-dir=" + dataDir,
                // scoring 580 posts is measured in the benchmarks, not waited for here
                "--reelpulse.analyze.enabled=false",
                "--reelpulse.search.poll-interval=PT0.2S");
    }

    @Test
    void shouldLoadTheDemoOnAnEmptyDatabaseAndNotAgainOnTheNextStart() throws Exception {
        Path dataDir = TestData.newDataDir("demo");
        long loaded;
        try (ConfigurableApplicationContext first = start(dataDir, true)) {
            PostRepository posts = first.getBean(PostRepository.class);
            PostIndexer indexer = first.getBean(PostIndexer.class);
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(posts.count()).isGreaterThanOrEqualTo(500);
                PostIndexer.IndexStatus s = indexer.status();
                assertThat(s.documents()).isEqualTo((int) posts.count());
                assertThat(s.indexedSeq()).isEqualTo(s.storedSeq());
            });
            loaded = posts.count();
            assertThat(posts.countBySource()).containsKeys("mastodon", "bluesky", "reddit", "hackernews", "news",
                    "union");
            List<TrackedEvent> events = first.getBean(EventRepository.class).findAll();
            assertThat(events).extracting(TrackedEvent::slug).containsExactlyInAnyOrder("lionsgate-runway",
                    "blumhouse-meta");
            assertThat(first.getBean(DemoSettings.class).isLoaded()).isTrue();
        }
        // the second start does not index in the background, so what the index knows came from disk
        try (ConfigurableApplicationContext second = start(dataDir, false)) {
            assertThat(second.getBean(DemoLoader.class).shouldLoad()).isFalse();
            PostIndexer indexer = second.getBean(PostIndexer.class);
            assertThat(indexer.status().indexedSeq()).isEqualTo(indexer.status().storedSeq());
            assertThat(indexer.catchUp()).as("posts indexed again after a restart").isZero();
            assertThat(second.getBean(PostRepository.class).count()).isEqualTo(loaded);
            assertThat(indexer.status().documents()).isEqualTo((int) loaded);
        }
    }
}
