package org.reelpulse.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.query.QueryAnalyzers;
import org.reelpulse.query.QueryParsing;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creating, changing and removing tracked events, for the API and the views alike. Everything is
 * checked before it is stored, and a refusal says what to change: a query is read by the same parser
 * as the search box, so a mistake comes back with the parser's message and position.
 */
@Service
public class EventService {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern HEX6 = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern HEX3 = Pattern.compile("#[0-9a-fA-F]{3}");
    static final int MAX_PARTIES = 20;
    static final int MAX_QUERY = 4000;

    private final EventRepository repository;
    private final Analyzer analyzer = QueryAnalyzers.create();

    EventService(EventRepository repository) {
        this.repository = repository;
    }

    /** Every event, in the order they were added. */
    public List<TrackedEvent> list() {
        return repository.findAll();
    }

    public Optional<TrackedEvent> find(String slug) {
        return slug == null ? Optional.empty() : repository.find(slug);
    }

    /** The event with this slug, or a {@link NotFoundException} naming it. */
    public TrackedEvent get(String slug) {
        return find(slug).orElseThrow(() -> new NotFoundException("There is no tracked event '" + slug
                + "'; GET /api/events lists them."));
    }

    /** Stores a new event; refuses a slug that is taken. */
    public TrackedEvent create(EventInput input) {
        TrackedEvent e = checked(input);
        if (repository.find(e.slug()).isPresent()) {
            throw taken(e.slug());
        }
        try {
            return repository.save(e);
        } catch (DuplicateKeyException race) {
            throw taken(e.slug());
        }
    }

    /**
     * Replaces the event with this slug by the input (every field; a slug in the input must be the
     * same, as searches and links use it).
     */
    public TrackedEvent update(String slug, EventInput input) {
        TrackedEvent existing = get(slug);
        if (input.slug() != null && !input.slug().isBlank() && !input.slug().strip().equals(slug)) {
            throw new UserInputException("The slug cannot change ('" + slug + "' to '" + input.slug().strip()
                    + "'): searches and links use it. Create a new event and delete this one instead.",
                    Map.of("field", "slug"));
        }
        TrackedEvent e = checked(new EventInput(slug, input.name(), input.description(), input.parties(),
                input.announcedAt(), input.query(), input.queries(), input.colour(), input.from(), input.to()));
        return repository.save(new TrackedEvent(existing.id(), e.slug(), e.name(), e.description(), e.parties(),
                e.announcedAt(), e.query(), e.queries(), e.colour(), e.from(), e.to()));
    }

    /** Removes the event with this slug. */
    public void delete(String slug) {
        if (!repository.delete(slug)) {
            throw new NotFoundException("There is no tracked event '" + slug + "' to delete.");
        }
    }

    private static UserInputException taken(String slug) {
        return new UserInputException("An event '" + slug + "' exists already: choose another slug, or change that "
                + "event with PUT /api/events/" + slug + ".", Map.of("field", "slug"));
    }

    /** The event the input describes, normalised, or the first problem found. */
    TrackedEvent checked(EventInput in) {
        String slug = in.slug() == null ? "" : in.slug().strip();
        if (slug.isEmpty() || slug.length() > 100 || !SLUG.matcher(slug).matches()) {
            throw problem("slug", "The slug is lower-case letters and digits in words joined by hyphens, at most 100 "
                    + "characters, e.g. 'studio-x-ai-deal'" + (slug.isEmpty() ? "; it is missing." : "; '" + slug
                    + "' is not one."));
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw problem("name", "Give the event a name of 1 to 200 characters.");
        }
        String description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
        if (description != null && description.length() > 2000) {
            throw problem("description", "The description is longer than 2,000 characters.");
        }
        List<String> parties = new ArrayList<>();
        for (String p : in.parties() == null ? List.<String>of() : in.parties()) {
            String party = p == null ? "" : p.strip().replaceAll("\\s+", " ");
            if (party.isEmpty() || party.length() > 100) {
                throw problem("parties", "Each party is a name of 1 to 100 characters, e.g. \"Lionsgate\".");
            }
            parties.add(party);
        }
        if (parties.size() > MAX_PARTIES) {
            throw problem("parties", "An event has at most " + MAX_PARTIES + " parties.");
        }
        String query = in.query() == null ? "" : in.query().strip();
        if (query.isEmpty()) {
            throw problem("query", "The default query is missing: write the words that find the event's posts in "
                    + "any language, e.g. lionsgate OR runway.");
        }
        checkQuery("query", query);
        Map<String, String> queries = new LinkedHashMap<>();
        if (in.queries() != null) {
            for (Map.Entry<String, String> q : in.queries().entrySet()) {
                String lang = q.getKey() == null ? "" : q.getKey().strip().toLowerCase(Locale.ROOT);
                if (!TrackedEvent.LANGUAGES.contains(lang)) {
                    throw problem("queries", "Queries by language take " + String.join(", ", TrackedEvent.LANGUAGES)
                            + "; not '" + q.getKey() + "'. The default query covers every other language.");
                }
                if (q.getValue() != null && !q.getValue().isBlank()) {
                    checkQuery("queries." + lang, q.getValue().strip());
                    queries.put(lang, q.getValue().strip());
                }
            }
        }
        String colour = colour(in.colour());
        if (in.from() == null || in.to() == null) {
            throw problem(in.from() == null ? "from" : "to", "Give the window in which reactions are followed: 'from' "
                    + "and 'to' (days like 2024-09-18, or instants like 2024-09-18T13:00:00Z).");
        }
        if (!in.from().isBefore(in.to())) {
            throw problem("from", "The window is empty: 'from' (" + in.from() + ") must be before 'to' (" + in.to()
                    + ").");
        }
        return new TrackedEvent(null, slug, name, description, parties, in.announcedAt(), query, queries, colour,
                in.from(), in.to());
    }

    /** A colour as {@code #rrggbb} in lower case; null for one picked from the slug. */
    static String colour(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String c = value.strip();
        if (HEX3.matcher(c).matches()) {
            c = "#" + c.charAt(1) + c.charAt(1) + c.charAt(2) + c.charAt(2) + c.charAt(3) + c.charAt(3);
        }
        if (!HEX6.matcher(c).matches()) {
            throw problem("colour", "The colour is a hex colour like #d9480f; '" + value + "' is not one.");
        }
        return c.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a query as the search box would. An event's query cannot stand on another event's
     * ({@code event:}), so that every event reads on its own, in the index and in the stance rules.
     */
    private void checkQuery(String field, String q) {
        if (q.length() > MAX_QUERY) {
            throw problem(field, "The query is longer than " + String.format(Locale.ENGLISH, "%,d", MAX_QUERY)
                    + " characters.");
        }
        List<String> referenced = new ArrayList<>();
        try {
            QueryParsing.parse(q, TimeWindow.ALL, analyzer, slug -> {
                referenced.add(slug);
                return "*:*";
            });
        } catch (UserInputException e) {
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("field", field);
            throw new UserInputException("'" + field + "': " + e.getMessage(), details);
        }
        if (!referenced.isEmpty()) {
            throw problem(field, "An event's query cannot use another event (event:" + referenced.get(0)
                    + "): write out the words that find its posts.");
        }
    }

    private static UserInputException problem(String field, String message) {
        return new UserInputException(message, Map.of("field", field));
    }
}
