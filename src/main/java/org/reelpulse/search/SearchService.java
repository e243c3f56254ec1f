package org.reelpulse.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.springframework.stereotype.Service;

/**
 * What the API and the views ask of search: pages of hits joined with the stored post and its
 * analysis, and one post with every sentence of its score.
 */
@Service
public class SearchService {

    private final PostSearcher searcher;
    private final PostRepository posts;
    private final AnalysisRepository analyses;
    private final LabelRepository labels;

    SearchService(PostSearcher searcher, PostRepository posts, AnalysisRepository analyses, LabelRepository labels) {
        this.labels = labels;
        this.searcher = searcher;
        this.posts = posts;
        this.analyses = analyses;
    }

    /**
     * One hit: the stored post, its analysis (null until analysed), its highlighted text, and its
     * labels (themes, crafts, group, entities, stance; none until analysed).
     */
    public record Result(Post post, Sentiment sentiment, String highlight, Labels labels) {
    }

    /** The language a post is read in: the detected one once analysed, else its own tag. */
    static String language(Post p, Sentiment s) {
        return s != null && s.lang() != null ? s.lang() : p.language();
    }

    /** A page of results, the total number of matches, and the cursor of the next page (null on the last). */
    public record Page(long total, List<Result> results, String next) {
    }

    /** Searches; a malformed query throws {@link org.reelpulse.base.UserInputException} with the position. */
    public Page search(String q, TimeWindow window, PostSearcher.SortOrder order, int offset, int size) {
        return search(q, window, order, offset, size, null);
    }

    /** A page with reposts, boosts and copies collapsed into their best-ranked post. */
    public Page searchCollapsed(String q, TimeWindow window, PostSearcher.SortOrder order, int offset, int size) {
        return page(searcher.searchCollapsed(q, window, order, offset, size));
    }

    /** The number of matches with reposts, boosts and copies counted once. */
    public long countCollapsed(String q, TimeWindow window) {
        return searcher.countCollapsed(q, window);
    }

    /** Searches from a search-after cursor ({@code after}, the {@code next} of the page before) when given. */
    public Page search(String q, TimeWindow window, PostSearcher.SortOrder order, int offset, int size,
            String after) {
        return page(searcher.search(q, window, order, offset, size, after));
    }

    private Page page(PostSearcher.SearchPage page) {
        List<Long> ids = page.hits().stream().map(PostSearcher.Hit::postId).toList();
        Map<Long, Post> found = posts.findByIds(ids);
        Map<Long, Sentiment> sentiments = analyses.findSummaries(ids);
        Map<Long, Labels> labelled = labels.find(ids);
        List<Result> results = new ArrayList<>(ids.size());
        for (PostSearcher.Hit h : page.hits()) {
            Post p = found.get(h.postId());
            if (p != null) { // absent when deleted since it was indexed
                Sentiment s = sentiments.get(p.id());
                results.add(new Result(p, s, h.highlight(), labelled.getOrDefault(p.id(), Labels.NONE)));
            }
        }
        return new Page(page.total(), results, page.next());
    }

    /** The words and phrases most over-represented in the matches. */
    public List<PostSearcher.SignificantTerm> significantTerms(String q, TimeWindow window, int size) {
        return searcher.significantTerms(q, window, size);
    }

    /** The matches per bucket by sentiment. */
    public List<PostSearcher.Bucket> timeline(String q, TimeWindow window, java.time.temporal.ChronoUnit interval) {
        return searcher.timeline(q, window, interval);
    }

    /** The most frequent values of keyword fields over all matches. */
    public Map<String, List<PostSearcher.FacetValue>> facets(String q, TimeWindow window, List<String> fields, int top) {
        return searcher.facets(q, window, fields, top);
    }

    /** The number of matches, without fetching them. */
    public long count(String q, TimeWindow window) {
        return searcher.count(q, window);
    }

    /** A post with its full analysis (sentences included), if it exists. */
    public Optional<Result> post(long id) {
        return posts.findById(id).map(p -> {
            Sentiment s = analyses.find(id).orElse(null);
            return new Result(p, s, null, labels.find(List.of(id)).getOrDefault(id, Labels.NONE));
        });
    }
}
