package org.reelpulse.query;

import java.io.IOException;
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

/**
 * Named definitions written in the query language analysts use, one query per language (labour
 * themes, crafts, tracked deals): a text matches a definition when the query of its language
 * matches it, and the words that matched are the reason.
 */
public final class NamedQueries {

    /** The language whose query is used when a definition has none for the text's language. */
    public static final String FALLBACK_LANG = "en";

    /** A definition: its name (as in {@code theme:name}), a label for people, and its query per language. */
    public record Definition(String name, String label, Map<String, String> queries) {

        public Definition {
            queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        }
    }

    /** A definition a text matches, which language's query matched, and the words of the text that matched. */
    public record Match(String name, String label, String lang, List<String> words) {

        /** Why the text carries the name: the matched words. */
        public String reason() {
            return words.isEmpty() ? "matched the definition"
                    : "matched " + String.join(", ", words.stream().map(w -> "'" + w + "'").toList());
        }
    }

    private record Compiled(Definition definition, Map<String, Query> queries) {
    }

    private final List<Compiled> compiled;
    private final Analyzer analyzer;

    private NamedQueries(List<Compiled> compiled, Analyzer analyzer) {
        this.compiled = compiled;
        this.analyzer = analyzer;
    }

    /**
     * Parses every definition; a query that cannot be read stops with a {@link UserInputException}
     * naming the definition and the language.
     */
    public static NamedQueries of(List<Definition> definitions, Analyzer analyzer) {
        List<Compiled> compiled = new ArrayList<>();
        for (Definition d : definitions) {
            compiled.add(new Compiled(d, parseAll(d, analyzer)));
        }
        return new NamedQueries(List.copyOf(compiled), analyzer);
    }

    /** Parses the queries of one definition; throws a {@link UserInputException} naming the language. */
    public static Map<String, Query> parseAll(Definition d, Analyzer analyzer) {
        Map<String, Query> queries = new LinkedHashMap<>();
        d.queries().forEach((lang, q) -> {
            if (q == null || q.isBlank()) {
                return;
            }
            try {
                queries.put(lang, QueryParsing.parse(q, TimeWindow.ALL, analyzer));
            } catch (UserInputException e) {
                throw new UserInputException("'" + d.name() + "', language '" + lang + "': " + e.getMessage(),
                        e.details());
            }
        });
        return queries;
    }

    public List<Definition> all() {
        return compiled.stream().map(Compiled::definition).toList();
    }

    /**
     * The definitions a text in {@code lang} matches, in order; a definition without a query for
     * the language is read with its {@link #FALLBACK_LANG} query.
     */
    public List<Match> match(String text, String lang) {
        String l = lang == null || !QueryFields.TEXT_BY_LANG.containsKey(lang) ? FALLBACK_LANG : lang;
        MemoryIndex memory = new MemoryIndex(true);
        memory.addField(QueryFields.TEXT, text, analyzer);
        memory.addField(QueryFields.TEXT_BY_LANG.get(l), text, analyzer);
        Map<String, String> textByField = Map.of(QueryFields.TEXT, text, QueryFields.TEXT_BY_LANG.get(l), text);
        List<Match> found = new ArrayList<>();
        for (Compiled c : compiled) {
            String used = c.queries().containsKey(l) ? l : FALLBACK_LANG;
            Query q = c.queries().get(used);
            if (q == null || memory.search(q) <= 0) {
                continue;
            }
            found.add(new Match(c.definition().name(), c.definition().label(), used, matchedWords(memory, q, textByField)));
        }
        return found;
    }

    /**
     * The words that matched a query in a memory index, lower-cased, in order of first appearance;
     * {@code textByField} gives the text each field was filled with.
     */
    public static List<String> matchedWords(MemoryIndex memory, Query query, Map<String, String> textByField) {
        IndexSearcher searcher = memory.createSearcher();
        Set<String> words = new LinkedHashSet<>();
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
            Matches matches = weight.matches(searcher.getIndexReader().leaves().get(0), 0);
            if (matches != null) {
                for (String field : matches) {
                    String text = textByField.get(field);
                    MatchesIterator it = matches.getMatches(field);
                    while (text != null && it != null && it.next()) {
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
