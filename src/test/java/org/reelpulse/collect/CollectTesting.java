package org.reelpulse.collect;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.reelpulse.post.InsertOutcome;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;

/** Properties, a recording sleeper and in-memory stores for the collectors' unit tests. */
final class CollectTesting {

    private CollectTesting() {
    }

    static CollectProperties properties(boolean allowPrivate, Duration readTimeout) {
        return new CollectProperties(false, Duration.ofSeconds(30), allowPrivate, "https://reelpulse.example/about",
                Duration.ofSeconds(2), readTimeout, Duration.ZERO, 3, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMinutes(5), 1_000_000, Duration.ofMinutes(15), 5, 3, "test-node", "data/import");
    }

    /** Records each wait instead of sleeping, so tests never depend on time passing. */
    static final class RecordingSleeper implements PoliteHttp.Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    /** Cursors in a map. */
    static final class MapCursors implements CollectContext.Cursors {
        final Map<String, String> values = new HashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }
    }

    /** Posts in a list, deduplicated on (source, externalId) like the post store. */
    static final class ListSink implements CollectContext.PostSink {
        final List<NewPost> posts = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        @Override
        public InsertOutcome insertNew(List<NewPost> batch) {
            int inserted = 0;
            for (NewPost p : batch) {
                if (keys.add(p.source() + "|" + p.externalId())) {
                    posts.add(p);
                    inserted++;
                }
            }
            return new InsertOutcome(inserted, batch.size() - inserted);
        }

        /** Tombstoned keys, in order; the post's text is emptied like the store does. */
        final List<String> tombstones = new ArrayList<>();

        @Override
        public boolean tombstone(String source, String externalId) {
            for (int i = 0; i < posts.size(); i++) {
                NewPost p = posts.get(i);
                if (p.source().equals(source) && p.externalId().equals(externalId)) {
                    posts.set(i, new NewPost(p.source(), p.externalId(), p.url(), p.author(), "", p.lang(),
                            p.publishedAt(), p.metrics(), p.replyTo(), p.repostOf(), p.sourceName()));
                    tombstones.add(source + "|" + externalId);
                    return true;
                }
            }
            return false;
        }
    }

    static CollectSource source(String name, JsonNode settings) {
        return new CollectSource(1, FeedCollector.KIND, name, null, settings, List.of(), Duration.ofMinutes(15), true,
                CollectSource.NEW, null, null, null, null, null, null);
    }

    static Clock clock() {
        return Clock.fixed(java.time.Instant.parse("2024-09-25T12:00:00Z"), java.time.ZoneOffset.UTC);
    }
}
