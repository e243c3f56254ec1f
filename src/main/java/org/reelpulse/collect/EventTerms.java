package org.reelpulse.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.reelpulse.event.EventService;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.query.QueryFields;
import org.reelpulse.query.QueryParsing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the tracked events ask collectors to look for: the words, phrases, hashtags and accounts of each
 * open event's queries, per language. Only what a query asks for is taken (words it excludes with
 * {@code NOT} or {@code -}, ranges and other fields are left out), and every part is asked for on its
 * own: a platform's search finds more than the event's query matches, and the event's query, run on the
 * index, decides what belongs to the event.
 */
@Component
class EventTerms {

    private static final Logger log = LoggerFactory.getLogger(EventTerms.class);

    private final EventService events;
    private final Clock clock;

    EventTerms(EventService events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** One entry per open event and query language; an event whose window has ended asks for nothing. */
    List<WatchTerms> current() {
        Instant now = clock.instant();
        List<WatchTerms> out = new ArrayList<>();
        for (TrackedEvent e : events.list()) {
            if (e.to() != null && !e.to().isAfter(now)) {
                continue;
            }
            add(out, e.slug(), null, e.query());
            e.queries().forEach((lang, q) -> add(out, e.slug(), lang, q));
        }
        return out;
    }

    private static void add(List<WatchTerms> out, String slug, String lang, String query) {
        try {
            WatchTerms t = of(slug, lang, query);
            if (!t.isEmpty()) {
                out.add(t);
            }
        } catch (ParseException | RuntimeException e) {
            // stored queries were checked when saved; one that no longer parses is skipped, not fatal
            log.warn("The query of event '{}' ({}) could not be read for collecting: {}", slug,
                    lang == null ? "any language" : lang, e.getMessage());
        }
    }

    /** The terms of one query in the search language. */
    static WatchTerms of(String slug, String lang, String query) throws ParseException {
        Set<String> phrases = new LinkedHashSet<>();
        Set<String> hashtags = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        if (query != null && !query.isBlank()) {
            walk(new Verbatim().parse(QueryParsing.comparisons(query)), phrases, hashtags, accounts);
        }
        return new WatchTerms(slug, lang, List.copyOf(phrases), List.copyOf(hashtags), List.copyOf(accounts));
    }

    /**
     * The search language's own parser, keeping each word or phrase as written (one term query per word,
     * field and text unanalysed) and leaving out what cannot be asked of a platform: ranges, wildcards,
     * fuzzy terms.
     */
    private static final class Verbatim extends QueryParser {
        Verbatim() {
            super(QueryFields.TEXT, new StandardAnalyzer());
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) {
            return new TermQuery(new Term(field, text));
        }

        @Override
        protected Query getFieldQuery(String field, String text, int slop) {
            return new TermQuery(new Term(field, text));
        }

        @Override
        protected Query getRangeQuery(String field, String a, String b, boolean startInclusive, boolean endInclusive) {
            return new MatchNoDocsQuery();
        }

        @Override
        protected Query getWildcardQuery(String field, String text) {
            return new MatchNoDocsQuery();
        }

        @Override
        protected Query getPrefixQuery(String field, String text) {
            return new MatchNoDocsQuery();
        }

        @Override
        protected Query getFuzzyQuery(String field, String text, float similarity) {
            return new MatchNoDocsQuery();
        }

        @Override
        protected Query getRegexpQuery(String field, String text) {
            return new MatchNoDocsQuery();
        }
    }

    private static void walk(Query q, Set<String> phrases, Set<String> hashtags, Set<String> accounts) {
        if (q instanceof BooleanQuery b) {
            for (BooleanClause c : b.clauses()) {
                if (c.getOccur() != BooleanClause.Occur.MUST_NOT) {
                    walk(c.getQuery(), phrases, hashtags, accounts);
                }
            }
        } else if (q instanceof BoostQuery b) {
            walk(b.getQuery(), phrases, hashtags, accounts);
        } else if (q instanceof TermQuery t) {
            term(t.getTerm().field(), t.getTerm().text().strip(), phrases, hashtags, accounts);
        }
    }

    private static void term(String field, String text, Set<String> phrases, Set<String> hashtags,
            Set<String> accounts) {
        if (text.isEmpty() || text.contains("*") || text.contains("?")) {
            return;
        }
        String f = field == null ? QueryFields.TEXT : field.toLowerCase(Locale.ROOT);
        if (f.equals(QueryFields.AUTHOR)) {
            accounts.add(text.startsWith("@") ? text.substring(1) : text);
        } else if (f.equals(QueryFields.TAG) || QueryFields.TEXT_FIELDS.contains(f)) {
            if (text.startsWith("#") && text.length() > 1) {
                hashtags.add(text.substring(1));
            } else if (text.startsWith("@") && text.length() > 1) {
                accounts.add(text.substring(1));
            } else if (QueryFields.TEXT_FIELDS.contains(f)) {
                phrases.add(text.replaceAll("\\s+", " "));
            }
        }
    }
}
