package org.reelpulse.analyze.labour;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Author;
import org.reelpulse.query.NamedQueries;
import org.reelpulse.query.QueryFields;
import org.reelpulse.query.QueryParsing;

/**
 * The stakeholder groups of {@code stakeholders.yml} and the rules that put an author in one:
 * curated accounts, then the source, then the profile, else the general public.
 */
public final class Stakeholders {

    /** The field of a profile query that holds the author's name and handle. */
    static final String NAME_FIELD = "author_name";
    /** The group of authors no rule places. */
    public static final String PUBLIC = "public";

    /**
     * A group: name, label, the sources that speak for it, its curated accounts, its profile query,
     * and words that place an author when they appear inside the handle.
     */
    public record Group(String name, String label, List<String> sources, Map<String, List<String>> accounts,
            String profile, List<String> handles) {
    }

    private record Compiled(Group group, Query profile) {
    }

    private final List<Compiled> groups;
    private final Map<String, String> groupByAccount = new HashMap<>();
    private final Map<String, String> groupBySource = new HashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Analyzer analyzer;

    Stakeholders(List<Group> groups, Analyzer analyzer) {
        this.analyzer = analyzer;
        List<Compiled> compiled = new ArrayList<>();
        for (Group g : groups) {
            labels.put(g.name(), g.label());
            g.accounts().forEach((source, handles) -> handles.forEach(
                    h -> groupByAccount.putIfAbsent(account(source, h), g.name())));
            g.sources().forEach(s -> groupBySource.putIfAbsent(s.toLowerCase(Locale.ROOT), g.name()));
            Query q = null;
            if (g.profile() != null && !g.profile().isBlank()) {
                try {
                    q = QueryParsing.parse(g.profile(), TimeWindow.ALL, analyzer);
                } catch (UserInputException e) {
                    throw new UserInputException("Stakeholder group '" + g.name() + "', profile query: "
                            + e.getMessage(), e.details());
                }
            }
            compiled.add(new Compiled(g, q));
        }
        labels.putIfAbsent(PUBLIC, "General public");
        this.groups = List.copyOf(compiled);
    }

    public List<Group> all() {
        return groups.stream().map(Compiled::group).toList();
    }

    /** The group names with their labels, in file order. */
    public Map<String, String> labels() {
        return labels;
    }

    public boolean exists(String group) {
        return labels.containsKey(group);
    }

    /** The group of an author posting on a source, with the rule that placed them there. */
    public Label classify(String source, Author author) {
        String byAccount = groupByAccount.get(account(source, author.handle()));
        if (byAccount != null) {
            return label(byAccount, "listed as a " + labels.get(byAccount).toLowerCase(Locale.ROOT) + " account",
                    "accounts: " + source + "/" + author.handle());
        }
        String bySource = groupBySource.get(source.toLowerCase(Locale.ROOT));
        if (bySource != null) {
            return label(bySource, "posted through the " + source + " source", "source: " + source);
        }
        String bio = author.bio() == null ? "" : author.bio();
        String name = (author.name() == null ? "" : author.name()) + " " + author.handle();
        if (!bio.isBlank() || author.name() != null) {
            MemoryIndex memory = new MemoryIndex(true);
            memory.addField(QueryFields.TEXT, bio, analyzer);
            memory.addField(NAME_FIELD, name, analyzer);
            for (Compiled c : groups) {
                if (c.profile() != null && memory.search(c.profile()) > 0) {
                    List<String> words = NamedQueries.matchedWords(memory, c.profile(),
                            Map.of(QueryFields.TEXT, bio, NAME_FIELD, name));
                    return label(c.group().name(), "profile says " + String.join(", ",
                            words.stream().map(w -> "'" + w + "'").toList()), "profile: " + c.group().name());
                }
            }
        }
        String local = localPart(author.handle());
        for (Compiled c : groups) {
            for (String word : c.group().handles()) {
                if (local.contains(word.toLowerCase(Locale.ROOT))) {
                    return label(c.group().name(), "handle contains '" + word + "'", "handle: " + c.group().name());
                }
            }
        }
        return label(PUBLIC, "no account list, source, profile or handle rule applies", "default");
    }

    /** The part of a handle that the author chose: without @, instance or the Bluesky suffix. */
    static String localPart(String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = h.indexOf('@');
        if (at > 0) {
            h = h.substring(0, at);
        }
        if (h.endsWith(".bsky.social")) {
            h = h.substring(0, h.length() - ".bsky.social".length());
        }
        return h.toLowerCase(Locale.ROOT);
    }

    Label label(String group, String reason, String rule) {
        return new Label(LabelKind.GROUP, group, labels.getOrDefault(group, group), reason, rule);
    }

    private static String account(String source, String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        return source.toLowerCase(Locale.ROOT) + "/" + h.toLowerCase(Locale.ROOT);
    }

    /** For the definitions' fingerprint. */
    List<NamedQueries.Definition> asDefinitions() {
        return all().stream().map(g -> new NamedQueries.Definition(g.name(), g.label(),
                Map.of("profile", String.valueOf(g.profile()), "accounts", String.valueOf(g.accounts()),
                        "sources", String.valueOf(g.sources()), "handles", String.valueOf(g.handles())))).toList();
    }
}
