package org.reelpulse.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the values of keyword fields over the matching posts and keeps the most frequent: by
 * {@link ValueIds value id}, through each segment's doc-value ordinals (no strings per document or
 * per segment): one value per post for {@link IndexFields#SINGLE_VALUED} fields, several for
 * {@link IndexFields#MULTI_VALUED} ones.
 */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, Map<String, List<PostSearcher.FacetValue>>> {

    private final ValueIds ids;
    private final List<String> fields;
    private final int top;

    FacetCounting(ValueIds ids, List<String> fields, int top) {
        this.ids = ids;
        this.fields = List.copyOf(fields);
        this.top = top;
    }

    @Override
    public Counter newCollector() {
        return new Counter(ids, fields);
    }

    /** Most posts first, then the value. */
    @Override
    public Map<String, List<PostSearcher.FacetValue>> reduce(Collection<Counter> counters) {
        Map<String, List<PostSearcher.FacetValue>> result = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            ValueIds.Counts counts = new ValueIds.Counts();
            for (Counter c : counters) {
                counts.addAll(c.counts[i]);
            }
            String[] values = ids.field(fields.get(i)).values();
            int[] best = ValueIds.first(counts.met(), (a, b) -> counts.count(a) != counts.count(b)
                    ? Integer.compare(counts.count(b), counts.count(a)) : values[a].compareTo(values[b]), top);
            List<PostSearcher.FacetValue> list = new ArrayList<>(best.length);
            for (int id : best) {
                list.add(new PostSearcher.FacetValue(values[id], counts.count(id)));
            }
            result.put(fields.get(i), list);
        }
        return result;
    }

    static final class Counter extends SimpleCollector {
        private final ValueIds.Field[] fields;
        private final SortedDocValues[] single;
        private final SortedSetDocValues[] multi;
        /** Per field, the value id of each ordinal of the current segment. */
        private final int[][] idOf;
        private final ValueIds.Counts[] counts;

        Counter(ValueIds ids, List<String> names) {
            this.fields = names.stream().map(ids::field).toArray(ValueIds.Field[]::new);
            this.single = new SortedDocValues[names.size()];
            this.multi = new SortedSetDocValues[names.size()];
            this.idOf = new int[names.size()][];
            this.counts = new ValueIds.Counts[names.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new ValueIds.Counts();
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            for (int i = 0; i < fields.length; i++) {
                String f = fields[i].name();
                if (IndexFields.MULTI_VALUED.contains(f)) {
                    multi[i] = DocValues.getSortedSet(context.reader(), f);
                } else {
                    single[i] = DocValues.getSorted(context.reader(), f);
                }
                idOf[i] = fields[i].of(context.reader());
                counts[i].ensure(fields[i].size());
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            for (int i = 0; i < counts.length; i++) {
                if (multi[i] != null) {
                    if (multi[i].advanceExact(doc)) {
                        for (int k = 0; k < multi[i].docValueCount(); k++) {
                            counts[i].add(idOf[i][(int) multi[i].nextOrd()]);
                        }
                    }
                } else if (single[i].advanceExact(doc)) {
                    counts[i].add(idOf[i][single[i].ordValue()]);
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** How many posts match and how many distinct values of one single-valued field they carry. */
    static final class Distinct implements CollectorManager<Distinct.Counter, long[]> {
        private final ValueIds.Field field;

        Distinct(ValueIds ids, String field) {
            this.field = ids.field(field);
        }

        @Override
        public Counter newCollector() {
            return new Counter(field);
        }

        /** Posts, distinct values. */
        @Override
        public long[] reduce(Collection<Counter> counters) {
            ValueIds.Counts all = new ValueIds.Counts();
            long posts = 0;
            for (Counter c : counters) {
                all.addAll(c.counts);
                posts += c.posts;
            }
            return new long[] {posts, all.distinct()};
        }

        static final class Counter extends SimpleCollector {
            private final ValueIds.Field field;
            private final ValueIds.Counts counts = new ValueIds.Counts();
            private SortedDocValues values;
            private int[] idOf;
            private long posts;

            Counter(ValueIds.Field field) {
                this.field = field;
            }

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                values = DocValues.getSorted(context.reader(), field.name());
                idOf = field.of(context.reader());
                counts.ensure(field.size());
            }

            @Override
            public void collect(int doc) throws IOException {
                posts++;
                if (values.advanceExact(doc)) {
                    counts.add(idOf[values.ordValue()]);
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }
    }

    /** The fields that can be counted. */
    static List<String> countable() {
        List<String> all = new ArrayList<>(IndexFields.SINGLE_VALUED);
        all.addAll(IndexFields.MULTI_VALUED);
        return all;
    }
}
