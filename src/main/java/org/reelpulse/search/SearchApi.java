package org.reelpulse.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The analysts' JSON API: search, timeline, one post, export, and the index's state. */
@RestController
@RequestMapping("/api")
class SearchApi {

    private static final int EXPORT_CHUNK = 500;

    private final PostSearcher searcher;
    private final SearchService service;
    private final PostIndexer indexer;
    private final PostRepository posts;
    private final AnalysisRepository analyses;
    private final SearchProperties properties;
    private final ObjectMapper json;
    private final LabelRepository labels;
    private final Comparison comparison;
    private final SavedSearchService saved;
    private final QueryCompletion completion;

    SearchApi(QueryCompletion completion, LabelRepository labels, Comparison comparison, SavedSearchService saved,
            PostSearcher searcher, SearchService service, PostIndexer indexer,
            PostRepository posts, AnalysisRepository analyses, SearchProperties properties, ObjectMapper json) {
        this.searcher = searcher;
        this.service = service;
        this.indexer = indexer;
        this.posts = posts;
        this.analyses = analyses;
        this.properties = properties;
        this.json = json;
        this.labels = labels;
        this.comparison = comparison;
        this.saved = saved;
        this.completion = completion;
    }

    @GetMapping("/search")
    Map<String, Object> search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "relevance") String sort, @RequestParam(required = false) String facets,
            @RequestParam(defaultValue = "10") int facetSize, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "false") boolean collapse) {
        if (size < 1 || size > properties.maxPageSize()) {
            throw new UserInputException("'size' must be between 1 and " + properties.maxPageSize()
                    + "; use offset to page, or /api/export for everything.");
        }
        if (offset < 0 || offset > 100_000) {
            throw new UserInputException("'offset' must be between 0 and 100000; page deeper with 'after' (each page's 'next'), or "
                    + "export everything with /api/export.");
        }
        if (after != null && offset != 0) {
            throw new UserInputException("Use either 'offset' or 'after', not both: 'after' (the 'next' of the "
                    + "previous page) already says where the page starts.");
        }
        if (collapse && after != null) {
            throw new UserInputException("With collapse=true, page with 'offset' (up to the first "
                    + PostSearcher.COLLAPSE_SCAN + " hits); 'after' pages the full ranking.");
        }
        SearchService.Page page = collapse
                ? service.searchCollapsed(q, TimeWindow.parse(from, to), sortOrder(sort), offset, size)
                : service.search(q, TimeWindow.parse(from, to), sortOrder(sort), offset, size, after);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchService.Result r : page.results()) {
            Map<String, Object> hit = PostJson.of(r.post(), r.sentiment(), r.labels());
            hit.put("highlight", r.highlight());
            hits.add(hit);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        if (collapse) {
            // reposts, boosts and copies of the same text counted once
            body.put("collapsedTotal", searcher.countCollapsed(q, TimeWindow.parse(from, to)));
        }
        body.put("offset", offset);
        body.put("hits", hits);
        body.put("next", page.next());
        if (facets != null && !facets.isBlank()) {
            if (facetSize < 1 || facetSize > 1000) {
                throw new UserInputException("'facetSize' must be between 1 and 1000.");
            }
            List<String> fields = java.util.Arrays.stream(facets.split(",")).map(String::strip)
                    .filter(f -> !f.isEmpty()).toList();
            Map<String, Object> counted = new LinkedHashMap<>();
            searcher.facets(q, TimeWindow.parse(from, to), fields, facetSize).forEach((field, values) ->
                    counted.put(field, values.stream().map(v -> Map.of("value", v.value(), "count", v.count()))
                            .toList()));
            body.put("facets", counted);
        }
        return body;
    }

    @GetMapping("/timeline")
    Map<String, Object> timeline(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "day") String interval) {
        TimeWindow window = TimeWindow.parse(from, to);
        ChronoUnit unit = interval(interval, window);
        List<Map<String, Object>> buckets = searcher.timeline(q, window, unit).stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", b.start().toString());
            m.put("total", b.total());
            m.put("negative", b.negative());
            m.put("neutral", b.neutral());
            m.put("positive", b.positive());
            m.put("unscored", b.unscored());
            m.put("pending", b.pending());
            m.put("meanScore", b.meanScore());
            return m;
        }).toList();
        return Map.of("interval", interval.toLowerCase(Locale.ROOT), "buckets", buckets);
    }

    /**
     * Up to five queries side by side: volume, share of voice and net sentiment per bucket and in
     * total, and the posts each pair of queries shares ({@code overlap[i][j]}).
     */
    @GetMapping("/compare")
    Map<String, Object> compare(@RequestParam(name = "q", required = false) List<String> queries,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "day") String interval) {
        TimeWindow window = TimeWindow.parse(from, to);
        if (window.from() == null || window.to() == null) {
            throw new UserInputException("A comparison needs 'from' and 'to' (days like 2024-09-18).");
        }
        ChronoUnit unit = interval(interval, window);
        Comparison.Result r = comparison.compare(queries == null ? List.of() : queries, window, unit);
        List<Map<String, Object>> series = r.series().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", s.query());
            m.put("total", s.total());
            m.put("share", s.share());
            m.put("net", s.net());
            m.put("points", s.points().stream().map(p -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("start", p.start().toString());
                b.put("total", p.total());
                b.put("negative", p.negative());
                b.put("neutral", p.neutral());
                b.put("positive", p.positive());
                b.put("share", p.share());
                b.put("net", p.net());
                return b;
            }).toList());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval.toLowerCase(Locale.ROOT));
        body.put("series", series);
        body.put("overlap", r.overlap());
        return body;
    }

    private static ChronoUnit interval(String interval, TimeWindow window) {
        ChronoUnit unit = switch (interval.toLowerCase(Locale.ROOT)) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            default -> throw new UserInputException("'interval' must be hour, day or week, not '" + interval + "'.");
        };
        if (unit == ChronoUnit.HOURS && (window.from() == null || window.to() == null
                || java.time.Duration.between(window.from(), window.to()).toDays() > 62)) {
            throw new UserInputException("Hourly buckets need 'from' and 'to' at most 62 days apart.");
        }
        return unit;
    }

    @GetMapping("/posts/{id}")
    Map<String, Object> post(@PathVariable long id) {
        SearchService.Result r = service.post(id)
                .orElseThrow(() -> new NotFoundException("There is no post with id " + id + "."));
        return PostJson.withSentences(r.post(), r.sentiment(), r.labels());
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "ndjson") String format) {
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "ndjson" -> false;
            default -> throw new UserInputException("'format' must be ndjson or csv, not '" + format + "'.");
        };
        // 8 bytes per match; the posts themselves are read and written a chunk at a time
        java.util.stream.LongStream.Builder matches = java.util.stream.LongStream.builder();
        searcher.forEachMatch(q, TimeWindow.parse(from, to), matches::add);
        long[] ids = matches.build().toArray();
        StreamingResponseBody body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                w.write(Csv.line(PostJson.CSV_COLUMNS));
            }
            for (int start = 0; start < ids.length; start += EXPORT_CHUNK) {
                List<Long> chunk = java.util.Arrays.stream(ids, start, Math.min(ids.length, start + EXPORT_CHUNK))
                        .boxed().toList();
                Map<Long, Post> found = posts.findByIds(chunk);
                Map<Long, Sentiment> sentiments = analyses.findSummaries(chunk);
                Map<Long, Labels> labelled = labels.find(chunk);
                for (Long id : chunk) {
                    Post p = found.get(id);
                    if (p == null) {
                        continue;
                    }
                    Sentiment s = sentiments.get(id);
                    Labels matched = labelled.getOrDefault(id, Labels.NONE);
                    if (csv) {
                        w.write(Csv.line(PostJson.csvRow(p, s, matched)));
                    } else {
                        w.write(json.writeValueAsString(PostJson.of(p, s, matched)));
                        w.write('\n');
                    }
                }
                w.flush();
            }
            w.flush();
        };
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reelpulse-export." + (csv ? "csv" : "ndjson") + "\"")
                .header("X-Total-Count", Integer.toString(ids.length))
                .body(body);
    }

    /**
     * Completion for a query being typed: what can replace the word at {@code caret} (the end of
     * {@code q} by default), each with the range of {@code q} it replaces.
     */
    @GetMapping("/search/complete")
    Map<String, Object> complete(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) Integer caret) {
        return Map.of("suggestions", completion.complete(q, caret == null ? q.length() : caret));
    }

    /** The words and phrases most over-represented in the matches against the whole corpus. */
    @GetMapping("/significant-terms")
    Map<String, Object> significantTerms(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "20") int size) {
        TimeWindow window = TimeWindow.parse(from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        long total = searcher.count(q, window);
        body.put("total", total);
        body.put("sampled", Math.min(total, SignificantTerms.SAMPLE));
        body.put("terms", searcher.significantTerms(q, window, size).stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("term", t.term());
            m.put("inResults", t.inResults());
            m.put("inCorpus", t.inCorpus());
            m.put("score", Math.round(t.score() * 1000) / 1000.0);
            return m;
        }).toList());
        return body;
    }

    /** The caller's saved searches, each with the URL that reproduces it. */
    @GetMapping("/saved-searches")
    List<Map<String, Object>> savedSearches(java.security.Principal user) {
        return saved.list(user.getName()).stream().map(SearchApi::saved).toList();
    }

    /** Saves a search: {@code {"name","q","from","to","sort"}}; the same name replaces the earlier one. */
    @PostMapping("/saved-searches")
    Map<String, Object> saveSearch(@org.springframework.web.bind.annotation.RequestBody Map<String, String> body,
            java.security.Principal user) {
        return saved(saved.save(user.getName(), body.get("name"), body.get("q"), body.get("from"), body.get("to"),
                body.get("sort")));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/saved-searches/{id}")
    Map<String, Object> deleteSearch(@PathVariable long id, java.security.Principal user) {
        if (!saved.delete(user.getName(), id)) {
            throw new NotFoundException("You have no saved search with id " + id + ".");
        }
        return Map.of("deleted", id);
    }

    private static Map<String, Object> saved(SavedSearch s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("q", s.query());
        m.put("from", s.from());
        m.put("to", s.to());
        m.put("sort", s.sort());
        m.put("url", s.url());
        m.put("createdAt", s.createdAt().toString());
        return m;
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        PostIndexer.IndexStatus index = indexer.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posts", posts.count());
        m.put("analysed", analyses.countAnalysed());
        m.put("indexed", index.documents());
        m.put("indexUpToDate", index.indexedSeq() >= index.storedSeq());
        return m;
    }

    @PostMapping("/admin/index/rebuild")
    Map<String, Object> rebuild() throws IOException {
        return Map.of("indexed", indexer.rebuild());
    }

    private static PostSearcher.SortOrder sortOrder(String sort) {
        try {
            return PostSearcher.SortOrder.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'sort' must be relevance, recent or engagement, not '" + sort + "'.");
        }
    }
}
