package org.reelpulse.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the values of keyword fields over the matching posts, by doc-value ordinal per segment
 * (no strings per document): one value per post for {@link IndexFields#SINGLE_VALUED} fields,
 * several for {@link IndexFields#MULTI_VALUED} ones.
 */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, Map<String, Map<String, Long>>> {

    private final List<String> fields;

    FacetCounting(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public Counter newCollector() {
        return new Counter(fields);
    }

    @Override
    public Map<String, Map<String, Long>> reduce(Collection<Counter> counters) {
        Map<String, Map<String, Long>> merged = new LinkedHashMap<>();
        fields.forEach(f -> merged.put(f, new HashMap<>()));
        for (Counter c : counters) {
            c.flush();
            c.totals.forEach((field, counts) -> counts.forEach((v, n) -> merged.get(field).merge(v, n, Long::sum)));
        }
        return merged;
    }

    static final class Counter extends SimpleCollector {
        private final List<String> fields;
        private final Map<String, Map<String, Long>> totals = new HashMap<>();
        private final SortedDocValues[] single;
        private final SortedSetDocValues[] multi;
        private final OrdinalCounts[] counts;

        Counter(List<String> fields) {
            this.fields = fields;
            this.single = new SortedDocValues[fields.size()];
            this.multi = new SortedSetDocValues[fields.size()];
            this.counts = new OrdinalCounts[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                counts[i] = new OrdinalCounts();
                totals.put(fields.get(i), new HashMap<>());
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                if (IndexFields.MULTI_VALUED.contains(f)) {
                    multi[i] = DocValues.getSortedSet(context.reader(), f);
                    counts[i].segment((int) multi[i].getValueCount());
                } else {
                    single[i] = DocValues.getSorted(context.reader(), f);
                    counts[i].segment(single[i].getValueCount());
                }
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            for (int i = 0; i < counts.length; i++) {
                if (multi[i] != null) {
                    if (multi[i].advanceExact(doc)) {
                        for (int k = 0; k < multi[i].docValueCount(); k++) {
                            counts[i].add((int) multi[i].nextOrd());
                        }
                    }
                } else if (single[i].advanceExact(doc)) {
                    counts[i].add(single[i].ordValue());
                }
            }
        }

        /** Turns the current segment's ordinal counts into value counts. */
        void flush() {
            try {
                for (int i = 0; i < counts.length; i++) {
                    if (multi[i] == null && single[i] == null) {
                        continue;
                    }
                    Map<String, Long> t = totals.get(fields.get(i));
                    SortedSetDocValues m = multi[i];
                    SortedDocValues s = single[i];
                    counts[i].drain((ord, n) -> t.merge((m != null ? m.lookupOrd(ord) : s.lookupOrd(ord))
                            .utf8ToString(), (long) n, Long::sum));
                    multi[i] = null;
                    single[i] = null;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /**
     * Counts by ordinal within one segment at a time, remembering which ordinals were counted, so a
     * narrow query pays for the values it meets rather than for every value of the field (an author
     * field has hundreds of thousands). The arrays are reused from segment to segment.
     */
    static final class OrdinalCounts {
        private int[] counts = new int[0];
        /** The ordinals counted in this segment, in the order first met. */
        private int[] met = new int[0];
        private int size;
        private int values;

        /** Starts a segment whose field has {@code values} distinct values. */
        void segment(int values) {
            this.values = values;
            if (counts.length < values) {
                counts = new int[values];
                met = new int[values];
            }
        }

        void add(int ord) {
            if (counts[ord]++ == 0) {
                met[size++] = ord;
            }
        }

        /** Hands over every counted ordinal with its count, in ordinal order, and starts empty again. */
        void drain(OrdinalCount to) throws IOException {
            if (size > values / 16) {
                for (int ord = 0; ord < values; ord++) {
                    if (counts[ord] > 0) {
                        to.accept(ord, counts[ord]);
                        counts[ord] = 0;
                    }
                }
            } else {
                Arrays.sort(met, 0, size);
                for (int k = 0; k < size; k++) {
                    to.accept(met[k], counts[met[k]]);
                    counts[met[k]] = 0;
                }
            }
            size = 0;
        }
    }

    /** An ordinal and how many matching posts carry it. */
    @FunctionalInterface
    interface OrdinalCount {
        void accept(int ord, int count) throws IOException;
    }

    /**
     * The first {@code k} items in {@code order}, in that order, without sorting them all (an author
     * facet over every post has hundreds of thousands of values).
     */
    static <T> List<T> first(Collection<T> items, Comparator<T> order, int k) {
        if (k <= 0) {
            return List.of();
        }
        PriorityQueue<T> kept = new PriorityQueue<>(k + 1, order.reversed()); // the last of those kept on top
        for (T item : items) {
            if (kept.size() < k) {
                kept.add(item);
            } else if (order.compare(item, kept.peek()) < 0) {
                kept.poll();
                kept.add(item);
            }
        }
        List<T> first = new ArrayList<>(kept);
        first.sort(order);
        return first;
    }

    /** The fields that can be counted. */
    static List<String> countable() {
        List<String> all = new ArrayList<>(IndexFields.SINGLE_VALUED);
        all.addAll(IndexFields.MULTI_VALUED);
        return all;
    }
}
