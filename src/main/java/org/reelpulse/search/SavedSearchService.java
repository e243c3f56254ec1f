package org.reelpulse.search;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.springframework.stereotype.Service;

/** Saving an analyst's searches after checking that they can be run. */
@Service
public class SavedSearchService {

    private final SavedSearchRepository repository;
    private final PostSearcher searcher;
    private final Clock clock;

    SavedSearchService(SavedSearchRepository repository, PostSearcher searcher, Clock clock) {
        this.repository = repository;
        this.searcher = searcher;
        this.clock = clock;
    }

    public List<SavedSearch> list(String owner) {
        return repository.findByOwner(owner);
    }

    /**
     * Saves a search under a name (replacing the owner's search of that name). A query that cannot be
     * read, a bad date or an unknown order is refused, so a saved search always runs.
     */
    public SavedSearch save(String owner, String name, String query, String from, String to, String sort) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new UserInputException("Give the search a name of 1 to 200 characters.");
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > 4000) {
            throw new UserInputException("The query is longer than 4,000 characters.");
        }
        String order = sort == null || sort.isBlank() ? "relevance" : sort.strip().toLowerCase(Locale.ROOT);
        try {
            PostSearcher.SortOrder.valueOf(order.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'sort' must be relevance, recent or engagement, not '" + sort + "'.");
        }
        TimeWindow window = TimeWindow.parse(from, to);
        searcher.count(q, window); // refuses a query that cannot be read, with where
        return repository.save(owner, n, q, blank(from), blank(to), order, clock.instant());
    }

    public boolean delete(String owner, long id) {
        return repository.delete(owner, id);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
