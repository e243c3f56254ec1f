package org.reelpulse.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;

import org.reelpulse.collect.ImportResult;
import org.reelpulse.collect.NdjsonImporter;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.post.PostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the demo corpus and its tracked events, in the background, on the first start of the
 * embedded default: only when the demo is enabled, the database is the embedded H2, it holds no
 * posts and the demo was never loaded before. Scoring and indexing follow by themselves.
 */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final DemoProperties properties;
    private final DemoSettings settings;
    private final PostRepository posts;
    private final NdjsonImporter importer;
    private final EventRepository events;
    private final ObjectMapper json;

    DemoLoader(DemoProperties properties, DemoSettings settings, PostRepository posts, NdjsonImporter importer,
            EventRepository events, ObjectMapper json) {
        this.properties = properties;
        this.settings = settings;
        this.posts = posts;
        this.importer = importer;
        this.events = events;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!shouldLoad()) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                load();
            } catch (IOException | RuntimeException e) {
                log.error("Loading the demo corpus failed; delete the data folder and start again", e);
            }
        }, "demo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    boolean shouldLoad() {
        if (!properties.enabled()) {
            return false;
        }
        String product = settings.databaseProduct();
        if (!"H2".equalsIgnoreCase(product)) {
            log.warn("The demo corpus is only loaded into the embedded H2 database, not into {}; "
                    + "set reelpulse.demo.enabled=false to silence this", product);
            return false;
        }
        if (settings.isLoaded()) {
            return false;
        }
        if (posts.count() > 0) {
            log.info("The database already holds posts; the demo corpus is not loaded");
            return false;
        }
        return true;
    }

    /** Imports every post file and the events; returns the total number of posts inserted. */
    int load() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Resource[] files = resolver.getResources(properties.location());
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        if (files.length == 0) {
            throw new IOException("No demo post files match " + properties.location());
        }
        int inserted = 0;
        StringBuilder summary = new StringBuilder();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                ImportResult r = importer.importFrom(in);
                inserted += r.inserted();
                summary.append(file.getFilename()).append(": ").append(r.inserted()).append(' ');
                if (r.rejectedCount() > 0) {
                    log.warn("Demo file {}: {} lines rejected, first: {}", file.getFilename(), r.rejectedCount(),
                            r.rejected().get(0));
                }
            }
        }
        Resource eventsFile = files[0].createRelative("events.json");
        if (eventsFile.exists()) {
            try (InputStream in = eventsFile.getInputStream()) {
                for (JsonNode e : json.readTree(in)) {
                    java.util.List<String> parties = new java.util.ArrayList<>();
                    e.path("parties").forEach(p -> parties.add(p.asText()));
                    java.util.Map<String, String> queries = new java.util.LinkedHashMap<>();
                    e.path("queries").fields().forEachRemaining(q -> queries.put(q.getKey(), q.getValue().asText()));
                    events.save(new TrackedEvent(null, e.path("slug").asText(), e.path("name").asText(),
                            e.path("description").asText(null), parties, instant(e.get("announcedAt")),
                            e.path("query").asText(), queries, e.path("colour").asText(null), instant(e.get("from")),
                            instant(e.get("to"))));
                }
            }
        }
        settings.markLoaded(summary.toString().trim());
        log.info("Demo corpus loaded: {} posts ({}); scoring and indexing continue in the background", inserted,
                summary.toString().trim());
        return inserted;
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
