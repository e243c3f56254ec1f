package org.reelpulse.search;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Sums the engagement of the matching posts per author, by doc-value ordinal per segment (no
 * strings per document), and keeps the authors with the most.
 */
final class TopAuthors implements CollectorManager<TopAuthors.Summer, List<PostSearcher.AuthorEngagement>> {

    /** Most engagement first, then most posts, then the handle. */
    static final Comparator<PostSearcher.AuthorEngagement> ORDER = Comparator
            .comparingLong(PostSearcher.AuthorEngagement::engagement).reversed()
            .thenComparing(Comparator.comparingLong(PostSearcher.AuthorEngagement::posts).reversed())
            .thenComparing(PostSearcher.AuthorEngagement::author);

    private final int top;

    TopAuthors(int top) {
        this.top = top;
    }

    @Override
    public Summer newCollector() {
        return new Summer();
    }

    @Override
    public List<PostSearcher.AuthorEngagement> reduce(Collection<Summer> summers) {
        Map<String, long[]> merged = new HashMap<>();
        for (Summer s : summers) {
            s.flush();
            s.totals.forEach((author, t) -> merged.merge(author, t, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        }
        List<PostSearcher.AuthorEngagement> all = new java.util.ArrayList<>(merged.size());
        merged.forEach((author, t) -> all.add(new PostSearcher.AuthorEngagement(author, t[0], t[1])));
        return FacetCounting.first(all, ORDER, top);
    }

    static final class Summer extends SimpleCollector {
        /** Per author: posts, engagement. */
        private final Map<String, long[]> totals = new HashMap<>();
        private final FacetCounting.OrdinalCounts posts = new FacetCounting.OrdinalCounts();
        /** Engagement by ordinal in the current segment, reused; zero where {@link #posts} has nothing. */
        private long[] sums = new long[0];
        private SortedDocValues authors;
        private NumericDocValues engagement;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            authors = DocValues.getSorted(context.reader(), IndexFields.AUTHOR);
            engagement = DocValues.getNumeric(context.reader(), IndexFields.ENGAGEMENT);
            posts.segment(authors.getValueCount());
            if (sums.length < authors.getValueCount()) {
                sums = new long[authors.getValueCount()];
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            if (authors.advanceExact(doc)) {
                int ord = authors.ordValue();
                posts.add(ord);
                if (engagement.advanceExact(doc)) {
                    sums[ord] += engagement.longValue();
                }
            }
        }

        /** Turns the current segment's ordinal sums into sums per author. */
        void flush() {
            if (authors == null) {
                return;
            }
            try {
                posts.drain((ord, n) -> {
                    long[] t = totals.computeIfAbsent(authors.lookupOrd(ord).utf8ToString(), k -> new long[2]);
                    t[0] += n;
                    t[1] += sums[ord];
                    sums[ord] = 0;
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            authors = null;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
