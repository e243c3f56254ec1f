package org.reelpulse.collect;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reelpulse.post.InsertOutcome;
import org.reelpulse.post.NewPost;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an adapter gets for one run of one source: its settings and opened credentials, an HTTP session
 * that counts requests, its cursors, and where to store posts. Counts what it saw and stored.
 */
public final class CollectContext {

    /** Where a source's cursors live. */
    public interface Cursors {
        Optional<String> get(String key);

        void put(String key, String value);
    }

    /** Where posts go; idempotent on (source, externalId). */
    public interface PostSink {
        InsertOutcome insertNew(List<NewPost> posts);
    }

    private final CollectSource source;
    private final Map<String, String> credentials;
    private final PoliteHttp.Session http;
    private final Cursors cursors;
    private final PostSink posts;
    private final Clock clock;
    private final List<String> warnings = new ArrayList<>();
    private int seen;
    private int stored;
    private int skipped;

    public CollectContext(CollectSource source, Map<String, String> credentials, PoliteHttp.Session http,
            Cursors cursors, PostSink posts, Clock clock) {
        this.source = source;
        this.credentials = Map.copyOf(credentials);
        this.http = http;
        this.cursors = cursors;
        this.posts = posts;
        this.clock = clock;
    }

    public CollectSource source() {
        return source;
    }

    public JsonNode settings() {
        return source.settings();
    }

    /** Opened credentials: never log them. */
    public Map<String, String> credentials() {
        return credentials;
    }

    public PoliteHttp.Session http() {
        return http;
    }

    public Optional<String> cursor(String key) {
        return cursors.get(key);
    }

    /** Moves a cursor; call it after the posts it covers are stored, so a crash re-reads rather than skips. */
    public void cursor(String key, String value) {
        if (value != null) {
            cursors.put(key, value);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Stores the posts (seen counts all, new only those not stored before). */
    public InsertOutcome store(List<NewPost> batch) {
        seen += batch.size();
        InsertOutcome o = posts.insertNew(batch);
        stored += o.inserted();
        return o;
    }

    /**
     * Items seen but left out on purpose (an author who opted out of indexing): they count as seen, never
     * as new, and do not make the run degraded.
     */
    public void skip(int count) {
        seen += count;
        skipped += count;
    }

    public int skipped() {
        return skipped;
    }

    /** Something went wrong that does not stop the run (an item skipped); the run ends degraded. */
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public int seen() {
        return seen;
    }

    public int stored() {
        return stored;
    }
}
