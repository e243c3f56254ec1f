package org.reelpulse.analyze.labour;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.reelpulse.base.UserInputException;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.query.NamedQueries;
import org.reelpulse.query.QueryAnalyzers;
import org.springframework.stereotype.Service;

/**
 * The label rules in force: the shipped files, with the themes and crafts an ADMIN edited in place
 * of the shipped ones, and the tracked deals' queries. Rebuilt when an edit or an event changes.
 */
@Service
public class LabelRulesService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final LabelRepository repository;
    private final EventRepository events;
    private final Clock clock;
    private final LabelRules.Shipped shipped = LabelRules.shipped();
    private volatile Snapshot snapshot;

    private record Snapshot(String fingerprint, LabelRules rules) {
    }

    LabelRulesService(LabelRepository repository, EventRepository events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** The rules in force now. */
    public LabelRules current() {
        List<TrackedEvent> tracked = events.findAll();
        String fingerprint = repository.rulesFingerprint() + "|" + tracked.stream()
                .map(e -> e.slug() + "=" + e.effectiveQuery()).toList();
        Snapshot s = snapshot;
        if (s == null || !s.fingerprint().equals(fingerprint)) {
            s = new Snapshot(fingerprint, shipped.with(merged(LabelKind.THEME), merged(LabelKind.CRAFT),
                    deals(tracked)));
            snapshot = s;
        }
        return s.rules();
    }

    /** The shipped definitions of a kind with the edited ones in their place (and new ones at the end). */
    private List<NamedQueries.Definition> merged(LabelKind kind) {
        Map<String, NamedQueries.Definition> result = new LinkedHashMap<>();
        (kind == LabelKind.THEME ? shipped.themes() : shipped.crafts()).forEach(d -> result.put(d.name(), d));
        for (NamedQueries.Definition edited : repository.editedRules(kind)) {
            result.put(edited.name(), edited);
        }
        return new ArrayList<>(result.values());
    }

    private static List<NamedQueries.Definition> deals(List<TrackedEvent> tracked) {
        return tracked.stream()
                .map(e -> new NamedQueries.Definition(e.slug(), e.name(), e.queriesByLanguage()))
                .toList();
    }

    /** Whether a theme or craft of this name is shipped (so removing an edit restores it). */
    public boolean shipped(LabelKind kind, String name) {
        return (kind == LabelKind.THEME ? shipped.themes() : shipped.crafts()).stream()
                .anyMatch(d -> d.name().equals(name));
    }

    /**
     * Saves an ADMIN's definition of a theme or craft after checking every query; stored posts are
     * then labelled again in the background. A query that cannot be read is refused with the
     * language and the position.
     */
    public NamedQueries.Definition save(LabelKind kind, String name, String title, Map<String, String> queries,
            String by) {
        if (kind != LabelKind.THEME && kind != LabelKind.CRAFT) {
            throw new UserInputException("Only themes and crafts are defined by queries; '" + kind.key()
                    + "' is not.");
        }
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches() || n.length() > 100) {
            throw new UserInputException("A " + kind.key() + " name is lower-case words joined by hyphens, "
                    + "e.g. 'job-displacement'; '" + name + "' is not.");
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new UserInputException("Give the " + kind.key() + " a label of 1 to 200 characters.");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        queries.forEach((lang, q) -> {
            if (q != null && !q.isBlank()) {
                if (!List.of("en", "fr", "de", "es").contains(lang)) {
                    throw new UserInputException("Queries are per language: en, fr, de or es; not '" + lang + "'.");
                }
                if (q.length() > 4000) {
                    throw new UserInputException("The " + lang + " query is longer than 4,000 characters.");
                }
                kept.put(lang, q.strip());
            }
        });
        if (!kept.containsKey(NamedQueries.FALLBACK_LANG)) {
            throw new UserInputException("Give at least the English query: it is also used for languages "
                    + "without their own.");
        }
        NamedQueries.Definition d = new NamedQueries.Definition(n, title.strip(), kept);
        NamedQueries.parseAll(d, QueryAnalyzers.create()); // refuses a query that cannot be read
        repository.saveRule(kind, d, by, clock.instant());
        return d;
    }

    /** Drops an ADMIN's edit of a theme or craft: the shipped definition applies again (or none). */
    public boolean reset(LabelKind kind, String name) {
        return repository.removeRule(kind, name);
    }
}
