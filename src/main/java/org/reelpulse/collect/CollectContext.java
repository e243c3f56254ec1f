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

    /**
     * Where posts go; idempotent on (source, externalId). A post stored before whose text changed since is
     * updated (an edit) and analysed again; {@code tombstone} removes a deleted post's text and keeps a
     * record that it existed.
     */
    public interface PostSink {
        InsertOutcome insertNew(List<NewPost> posts);

        /** Removes the stored text of a deleted post, keeping a tombstone; false when it was never stored. */
        boolean tombstone(String source, String externalId);
    }

    private final CollectSource source;
    private final Map<String, String> credentials;
    private final PoliteHttp.Session http;
    private final Cursors cursors;
    private final PostSink posts;
    private final Clock clock;
    private final java.util.function.Supplier<List<WatchTerms>> watchTerms;
    private List<WatchTerms> watch;
    private final List<String> warnings = new ArrayList<>();
    private int seen;
    private int stored;
    private int skipped;
    private int deleted;
    private int edited;
    private int crossPosts;

    public CollectContext(CollectSource source, Map<String, String> credentials, PoliteHttp.Session http,
            Cursors cursors, PostSink posts, Clock clock) {
        this(source, credentials, http, cursors, posts, clock, List.of());
    }

    /** With what the tracked events ask to look for ({@link #watch()}). */
    public CollectContext(CollectSource source, Map<String, String> credentials, PoliteHttp.Session http,
            Cursors cursors, PostSink posts, Clock clock, List<WatchTerms> watch) {
        this(source, credentials, http, cursors, posts, clock, () -> watch);
    }

    /**
     * With what the tracked events ask to look for, read only when the adapter asks ({@link #watch()}):
     * feeds, pages and files never do.
     */
    public CollectContext(CollectSource source, Map<String, String> credentials, PoliteHttp.Session http,
            Cursors cursors, PostSink posts, Clock clock, java.util.function.Supplier<List<WatchTerms>> watch) {
        this.watchTerms = watch;
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

    /**
     * What the tracked events look for, one entry per event and language (a language-neutral entry has
     * lang null). Adapters with a search API use these when their settings give no query of their own.
     */
    public List<WatchTerms> watch() {
        if (watch == null) {
            watch = List.copyOf(watchTerms.get());
        }
        return watch;
    }

    /**
     * A post the platform reports as deleted (or removed by moderators): its stored text is removed and a
     * tombstone kept, so it leaves searches and figures and is never stored again by a later run.
     */
    public void delete(String externalId) {
        if (posts.tombstone(source.kind(), externalId)) {
            deleted++;
        }
    }

    /** Posts turned into tombstones in this run. */
    public int deleted() {
        return deleted;
    }

    /** Stores the posts (seen counts all, new only those not stored before). */
    public InsertOutcome store(List<NewPost> batch) {
        seen += batch.size();
        InsertOutcome o = posts.insertNew(batch);
        stored += o.inserted();
        edited += o.edited();
        crossPosts += o.crossPosts();
        return o;
    }

    /** Stored posts whose text had changed, updated in this run. */
    public int edited() {
        return edited;
    }

    /** Posts recognised as their author's own text posted again elsewhere, not stored twice. */
    public int crossPosts() {
        return crossPosts;
    }

    /**
     * One page read: its posts (each once) stored, and the items it left out on purpose counted as
     * {@linkplain #skip skipped}.
     */
    public void storePage(java.util.Collection<NewPost> page, int skipped) {
        if (skipped > 0) {
            skip(skipped);
        }
        if (!page.isEmpty()) {
            store(new ArrayList<>(page));
        }
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
