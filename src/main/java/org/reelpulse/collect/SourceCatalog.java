package org.reelpulse.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.reelpulse.base.UserInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped catalog of public sources worth watching ({@code data/sources.yml}): at startup, each
 * entry whose name is not stored yet is added, disabled, so an admin turns it on (and gives credentials
 * where its kind needs them). A name stored once is never touched again, so an admin's changes stick;
 * a deleted entry comes back (disabled) at the next start, so pausing is how to keep one off. Entries
 * of a kind this version cannot collect, and entries that do not pass the checks, are skipped with a
 * log line: the catalog never stops the application from starting.
 * {@code reelpulse.collect.sources.catalog.enabled=false} turns it off.
 */
@Component
class SourceCatalog {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

    /** What one load did, by source name. */
    record Loaded(List<String> added, List<String> present, List<String> skipped) {
    }

    private final SourceService sources;
    private final SourceProperties properties;
    private final ResourceLoader resources;

    SourceCatalog(SourceService sources, SourceProperties properties, ResourceLoader resources) {
        this.sources = sources;
        this.properties = properties;
        this.resources = resources;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAtStartup() {
        if (!properties.catalog().enabled()) {
            return;
        }
        try {
            Loaded l = load(properties.catalog().location());
            log.info("Source catalog {}: {} added (disabled), {} present already, {} skipped",
                    properties.catalog().location(), l.added().size(), l.present().size(), l.skipped().size());
        } catch (RuntimeException e) {
            log.warn("The source catalog {} could not be read; no source was added from it: {}",
                    properties.catalog().location(), e.getMessage());
        }
    }

    /** Adds the catalog's sources whose names are not stored yet, disabled; safe to repeat. */
    Loaded load(String location) {
        JsonNode root = read(location);
        JsonNode entries = root.path("sources");
        if (!entries.isArray()) {
            throw new IllegalArgumentException(location + " has no list 'sources'");
        }
        Set<String> kinds = Set.copyOf(sources.kinds());
        Set<String> stored = new java.util.HashSet<>(sources.list().stream().map(CollectSource::name).toList());
        List<String> added = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (JsonNode e : entries) {
            index++;
            String name = e.path("name").asText("").strip();
            String kind = e.path("kind").asText("").strip();
            String label = name.isEmpty() ? "entry " + index : "'" + name + "'";
            if (!name.isEmpty() && stored.contains(name)) {
                present.add(name);
                continue;
            }
            if (!kinds.contains(kind)) {
                log.info("Source catalog: {} is of the kind '{}', which this version cannot collect; skipped", label,
                        kind);
                skipped.add(label);
                continue;
            }
            try {
                sources.createFromCatalog(input(e, kind, name));
                stored.add(name);
                added.add(name);
            } catch (UserInputException refused) {
                log.warn("Source catalog: {} skipped ({}: {})", label, refused.details().getOrDefault("field", "entry"),
                        refused.getMessage());
                skipped.add(label);
            } catch (RuntimeException failed) {
                log.warn("Source catalog: {} skipped", label, failed);
                skipped.add(label);
            }
        }
        return new Loaded(added, present, skipped);
    }

    private static SourceInput input(JsonNode e, String kind, String name) {
        JsonNode settings = e.get("settings");
        String baseUrl = e.hasNonNull("baseUrl") ? e.get("baseUrl").asText() : null;
        String schedule = e.hasNonNull("schedule") ? e.get("schedule").asText() : null;
        // disabled whatever the file says: an admin decides what is collected
        return new SourceInput(kind, name, baseUrl, settings, Map.of(), schedule, false);
    }

    private JsonNode read(String location) {
        Resource r = resources.getResource(location);
        try (InputStream in = r.getInputStream()) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
