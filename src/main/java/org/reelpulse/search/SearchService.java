package org.reelpulse.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.Sentiment;
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

    SearchService(PostSearcher searcher, PostRepository posts, AnalysisRepository analyses) {
        this.searcher = searcher;
        this.posts = posts;
        this.analyses = analyses;
    }

    /** One hit: the stored post, its analysis (null until analysed) and its highlighted text. */
    public record Result(Post post, Sentiment sentiment, String highlight) {
    }

    /** A page of results and the total number of matches. */
    public record Page(long total, List<Result> results) {
    }

    /** Searches; a malformed query throws {@link org.reelpulse.base.UserInputException} with the position. */
    public Page search(String q, TimeWindow window, PostSearcher.SortOrder order, int offset, int size) {
        PostSearcher.SearchPage page = searcher.search(q, window, order, offset, size);
        List<Long> ids = page.hits().stream().map(PostSearcher.Hit::postId).toList();
        Map<Long, Post> found = posts.findByIds(ids);
        Map<Long, Sentiment> sentiments = analyses.findSummaries(ids);
        List<Result> results = new ArrayList<>(ids.size());
        for (PostSearcher.Hit h : page.hits()) {
            Post p = found.get(h.postId());
            if (p != null) { // absent when deleted since it was indexed
                results.add(new Result(p, sentiments.get(p.id()), h.highlight()));
            }
        }
        return new Page(page.total(), results);
    }

    /** The number of matches, without fetching them. */
    public long count(String q, TimeWindow window) {
        return searcher.search(q, window, PostSearcher.SortOrder.RECENT, 0, 1).total();
    }

    /** A post with its full analysis (sentences included), if it exists. */
    public Optional<Result> post(long id) {
        return posts.findById(id).map(p -> new Result(p, analyses.find(id).orElse(null), null));
    }
}
