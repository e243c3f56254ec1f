package org.reelpulse.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.yaml.snakeyaml.Yaml;

/**
 * The labour themes (job displacement, consent and likeness, ...), each a query per language in the
 * search language, read from {@code themes.yml}. A post's themes are the queries of its language
 * that match it, and the words that matched are the reason.
 */
public class Themes {

    /** A theme: its name (as in {@code theme:name}), a label for people, and its query per language. */
    public record Theme(String name, String label, Map<String, String> definitions, Map<String, Query> queries) {
    }

    /** A theme a post matches, and the words of the post that matched it. */
    public record Match(String name, String label, List<String> words) {

        /** Why the post carries the theme. */
        public String reason() {
            return "matched " + String.join(", ", words.stream().map(w -> "'" + w + "'").toList());
        }
    }

    private final List<Theme> themes;
    private final Analyzer analyzer;

    Themes(List<Theme> themes, Analyzer analyzer) {
        this.themes = List.copyOf(themes);
        this.analyzer = analyzer;
    }

    /** Reads and checks the theme file; a query that cannot be read stops with the theme and language named. */
    @SuppressWarnings("unchecked")
    static Themes load(InputStream yaml, Analyzer analyzer) {
        Map<String, Object> root = new Yaml().load(yaml);
        List<Theme> themes = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) root.get("themes")) {
            String name = String.valueOf(t.get("name")).toLowerCase(Locale.ROOT);
            Map<String, String> definitions = new LinkedHashMap<>((Map<String, String>) t.get("query"));
            Map<String, Query> queries = new LinkedHashMap<>();
            definitions.forEach((lang, q) -> {
                try {
                    queries.put(lang, QueryParsing.parse(q, TimeWindow.ALL, analyzer));
                } catch (UserInputException e) {
                    throw new IllegalStateException("Theme '" + name + "', language '" + lang + "': "
                            + e.getMessage(), e);
                }
            });
            themes.add(new Theme(name, String.valueOf(t.get("label")), definitions, queries));
        }
        return new Themes(themes, analyzer);
    }

    static Themes loadShipped(Analyzer analyzer) {
        try (InputStream in = Themes.class.getClassLoader().getResourceAsStream("themes.yml")) {
            if (in == null) {
                throw new IllegalStateException("themes.yml is missing from the classpath");
            }
            return load(in, analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read themes.yml", e);
        }
    }

    public List<Theme> all() {
        return themes;
    }

    /** The themes a text in {@code lang} matches, in the file's order; English queries when the language has none. */
    public List<Match> match(String text, String lang) {
        String l = lang == null || !IndexFields.TEXT_BY_LANG.containsKey(lang) ? "en" : lang;
        MemoryIndex memory = new MemoryIndex(true);
        memory.addField(IndexFields.TEXT, text, analyzer);
        memory.addField(IndexFields.TEXT_BY_LANG.get(l), text, analyzer);
        IndexSearcher searcher = memory.createSearcher();
        List<Match> found = new ArrayList<>();
        for (Theme t : themes) {
            Query q = t.queries().getOrDefault(l, t.queries().get("en"));
            if (q == null || memory.search(q) <= 0) {
                continue;
            }
            found.add(new Match(t.name(), t.label(), words(searcher, q, text)));
        }
        return found;
    }

    private static List<String> words(IndexSearcher searcher, Query query, String text) {
        Set<String> words = new LinkedHashSet<>();
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
            Matches matches = weight.matches(searcher.getIndexReader().leaves().get(0), 0);
            if (matches != null) {
                for (String field : matches) {
                    MatchesIterator it = matches.getMatches(field);
                    while (it != null && it.next()) {
                        if (it.startOffset() >= 0 && it.endOffset() <= text.length()) {
                            words.add(text.substring(it.startOffset(), it.endOffset()).toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(words);
    }
}
