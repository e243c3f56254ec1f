package org.reelpulse.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Sums the engagement of the matching posts per author, by {@link ValueIds value id} (no strings
 * per document or per segment), and keeps the authors with the most: most engagement first, then
 * most posts, then the handle.
 */
final class TopAuthors implements CollectorManager<TopAuthors.Summer, List<PostSearcher.AuthorEngagement>> {

    private final ValueIds.Field authors;
    private final int top;

    TopAuthors(ValueIds ids, int top) {
        this.authors = ids.field(IndexFields.AUTHOR);
        this.top = top;
    }

    @Override
    public Summer newCollector() {
        return new Summer(authors);
    }

    @Override
    public List<PostSearcher.AuthorEngagement> reduce(Collection<Summer> summers) {
        Summer all = new Summer(authors);
        for (Summer s : summers) {
            all.ensure(s.sums.length);
            for (int id : s.posts.met()) {
                all.sums[id] += s.sums[id];
            }
            all.posts.addAll(s.posts);
        }
        String[] handles = authors.values();
        ValueIds.Counts posts = all.posts;
        long[] sums = all.sums;
        int[] best = ValueIds.first(posts.met(), (a, b) -> sums[a] != sums[b] ? Long.compare(sums[b], sums[a])
                : posts.count(a) != posts.count(b) ? Integer.compare(posts.count(b), posts.count(a))
                : handles[a].compareTo(handles[b]), top);
        return Arrays.stream(best).mapToObj(id -> new PostSearcher.AuthorEngagement(handles[id], posts.count(id),
                sums[id])).toList();
    }

    static final class Summer extends SimpleCollector {
        private final ValueIds.Field field;
        private final ValueIds.Counts posts = new ValueIds.Counts();
        /** Engagement by author id. */
        private long[] sums = new long[0];
        private SortedDocValues authors;
        private int[] idOf;
        private NumericDocValues engagement;

        Summer(ValueIds.Field field) {
            this.field = field;
        }

        void ensure(int ids) {
            posts.ensure(ids);
            if (sums.length < ids) {
                sums = Arrays.copyOf(sums, Math.max(ids, sums.length + sums.length / 2));
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            authors = DocValues.getSorted(context.reader(), IndexFields.AUTHOR);
            engagement = DocValues.getNumeric(context.reader(), IndexFields.ENGAGEMENT);
            idOf = field.of(context.reader());
            ensure(field.size());
        }

        @Override
        public void collect(int doc) throws IOException {
            if (authors.advanceExact(doc)) {
                int id = idOf[authors.ordValue()];
                posts.add(id);
                if (engagement.advanceExact(doc)) {
                    sums[id] += engagement.longValue();
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
