package org.reelpulse.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.springframework.stereotype.Service;

/**
 * Up to five queries side by side over time (per studio, per union, per theme): each one's volume,
 * share of voice and net sentiment per bucket and in total, and how many posts each pair shares.
 */
@Service
public class Comparison {

    public static final int MAX_QUERIES = 5;

    private final PostSearcher searcher;

    Comparison(PostSearcher searcher) {
        this.searcher = searcher;
    }

    /** One bucket of one query: posts, their split, share of voice among the queries, net sentiment. */
    public record Point(Instant start, long total, long negative, long neutral, long positive, Double share,
            Double net) {
    }

    /** One query's series and totals. */
    public record Series(String query, List<Point> points, long total, Double share, Double net) {
    }

    /** The comparison: a series per query and the posts each pair of queries has in common. */
    public record Result(List<Series> series, long[][] overlap) {
    }

    public Result compare(List<String> queries, TimeWindow window, ChronoUnit interval) {
        if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
            throw new UserInputException("Compare 1 to " + MAX_QUERIES + " queries: repeat 'q' for each; got "
                    + queries.size() + ".");
        }
        List<List<PostSearcher.Bucket>> timelines = new ArrayList<>();
        for (String q : queries) {
            timelines.add(searcher.timeline(q, window, interval));
        }
        int buckets = timelines.get(0).size();
        long[] bucketTotals = new long[buckets];
        long allTotal = 0;
        for (List<PostSearcher.Bucket> t : timelines) {
            for (int i = 0; i < buckets; i++) {
                bucketTotals[i] += t.get(i).total();
                allTotal += t.get(i).total();
            }
        }
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            List<Point> points = new ArrayList<>();
            long total = 0;
            long neg = 0;
            long pos = 0;
            for (int i = 0; i < buckets; i++) {
                PostSearcher.Bucket b = timelines.get(k).get(i);
                points.add(new Point(b.start(), b.total(), b.negative(), b.neutral(), b.positive(),
                        ratio(b.total(), bucketTotals[i]), net(b.positive(), b.negative())));
                total += b.total();
                neg += b.negative();
                pos += b.positive();
            }
            series.add(new Series(queries.get(k), points, total, ratio(total, allTotal), net(pos, neg)));
        }
        long[][] overlap = new long[queries.size()][queries.size()];
        for (int a = 0; a < queries.size(); a++) {
            overlap[a][a] = series.get(a).total();
            for (int b = a + 1; b < queries.size(); b++) {
                overlap[a][b] = overlap[b][a] = searcher.count(both(queries.get(a), queries.get(b)), window);
            }
        }
        return new Result(series, overlap);
    }

    private static String both(String a, String b) {
        return "(" + (a.isBlank() ? "*:*" : a) + ") AND (" + (b.isBlank() ? "*:*" : b) + ")";
    }

    /** (positive − negative) / (positive + negative); null when no post took a side. */
    static Double net(long positive, long negative) {
        return positive + negative == 0 ? null : (double) (positive - negative) / (positive + negative);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
