package org.reelpulse.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.reelpulse.post.Author;
import org.reelpulse.post.InsertOutcome;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.NewPost;
import org.reelpulse.post.PostRepository;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports posts in the canonical NDJSON format, one post per line. Idempotent on (source,
 * externalId). A bad line is reported with its number and reason and the good lines are still
 * imported; posts are committed in batches as the stream is read, so a large file never sits in
 * memory.
 */
@Service
public class NdjsonImporter {

    static final int BATCH = 500;
    static final int MAX_REPORTED_REJECTIONS = 1000;
    static final int MAX_TEXT = 100_000;

    private final PostRepository posts;
    private final ObjectMapper json;
    private final Clock clock;

    NdjsonImporter(PostRepository posts, ObjectMapper json, Clock clock) {
        this.posts = posts;
        this.json = json;
        this.clock = clock;
    }

    public ImportResult importFrom(InputStream in) throws IOException {
        Set<String> sources = posts.sourceIds();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<NewPost> batch = new ArrayList<>(BATCH);
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        int rejectedCount = 0;
        int received = 0;
        int inserted = 0;
        int duplicates = 0;
        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            received++;
            try {
                batch.add(parse(json, line, sources, clock.instant(), null));
            } catch (LineException e) {
                rejectedCount++;
                if (rejected.size() < MAX_REPORTED_REJECTIONS) {
                    rejected.add(new ImportResult.Rejection(lineNumber, e.getMessage()));
                }
            }
            if (batch.size() == BATCH) {
                InsertOutcome o = posts.insertNew(batch);
                inserted += o.inserted();
                duplicates += o.duplicates();
                batch.clear();
            }
        }
        InsertOutcome o = posts.insertNew(batch);
        return new ImportResult(received, inserted + o.inserted(), duplicates + o.duplicates(), rejected,
                rejectedCount);
    }

    /**
     * One line of canonical NDJSON as a post; the file collector reads dropped exports through it too. A
     * line without a {@code source} takes {@code defaultSource} when one is given.
     */
    static NewPost parse(ObjectMapper json, String line, Set<String> sources, Instant now, String defaultSource) {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new LineException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new LineException("not a JSON object; each line must be one post like {\"source\":…}");
        }
        if (defaultSource != null && !n.hasNonNull("source")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("source", defaultSource);
        }
        return post(n, sources, now);
    }

    /** A post in the canonical shape (as a JSON object) checked and turned into a post. */
    static NewPost post(JsonNode n, Set<String> sources, Instant now) {
        String source = required(n, "source");
        if (!sources.contains(source)) {
            throw new LineException("unknown source '" + source + "'; use one of " + new TreeSet<>(sources));
        }
        String externalId = required(n, "externalId");
        if (externalId.length() > 512) {
            throw new LineException("'externalId' is longer than 512 characters");
        }
        JsonNode author = n.get("author");
        if (author == null || !author.isObject()) {
            throw new LineException("'author' is missing; it must be an object with at least a 'handle'");
        }
        String handle = required(author, "author.handle", "handle");
        String text = required(n, "text");
        if (text.length() > MAX_TEXT) {
            throw new LineException("'text' is longer than " + MAX_TEXT + " characters");
        }
        Instant publishedAt = instant(required(n, "publishedAt"));
        if (publishedAt.isAfter(now.plus(Duration.ofDays(1)))) {
            throw new LineException("'publishedAt' (" + publishedAt + ") is in the future");
        }
        String url = optional(n, "url");
        if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new LineException("'url' must start with https:// or http://");
        }
        String lang = optional(n, "lang");
        if (lang != null && !lang.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")) {
            throw new LineException("'lang' must be a language code like en or fr-CA, not '" + lang + "'");
        }
        return new NewPost(source, externalId, url,
                new Author(handle, optional(author, "name"), optional(author, "bio")),
                text, lang, publishedAt, metrics(n.get("metrics")), optional(n, "replyTo"), optional(n, "repostOf"));
    }

    private static String required(JsonNode n, String field) {
        return required(n, field, field);
    }

    private static String required(JsonNode parent, String path, String field) {
        String v = optional(parent, field);
        if (v == null || v.isBlank()) {
            throw new LineException("'" + path + "' is missing or empty");
        }
        return v;
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new LineException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Instant instant(String v) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new LineException("'publishedAt' is not an ISO-8601 time with offset like 2024-09-18T14:03:00Z: '"
                    + v + "'");
        }
    }

    private static Metrics metrics(JsonNode m) {
        if (m == null || m.isNull()) {
            return Metrics.UNKNOWN;
        }
        if (!m.isObject()) {
            throw new LineException("'metrics' must be an object like {\"likes\":3}");
        }
        return new Metrics(count(m, "likes"), count(m, "reposts"), count(m, "replies"), count(m, "quotes"));
    }

    private static Integer count(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new LineException("'metrics." + field + "' must be a whole number of at least 0");
        }
        return v.asInt();
    }

    /** A line that cannot be imported; the message says why. */
    static final class LineException extends RuntimeException {
        LineException(String message) {
            super(message, null, false, false);
        }
    }
}
