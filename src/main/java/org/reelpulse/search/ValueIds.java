package org.reelpulse.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Ids for the values of the keyword fields that are counted (facets, top authors, reach), the same
 * in every segment. Each segment's value ordinals are mapped to ids once, the first time the
 * segment is counted, and the map is kept as long as the segment exists (a segment's values never
 * change; deletions only hide documents). Counting then adds up ids across segments without
 * turning every ordinal into a string, and only the values shown are read. A new segment costs one
 * pass over its own values; an id is never taken back, so the ids of a field are every value it
 * has had since the application started.
 */
final class ValueIds {

    private final Map<String, Field> fields = new ConcurrentHashMap<>();

    /** The ids of one field's values. */
    Field field(String name) {
        return fields.computeIfAbsent(name, Field::new);
    }

    static final class Field {
        private final String name;
        private final boolean multiValued;
        /** Keyed by the value's bytes, so mapping a segment makes no string for a value already known. */
        private final Map<BytesRef, Integer> ids = new HashMap<>();
        private String[] values = new String[64];
        private int size;
        private final Map<IndexReader.CacheKey, int[]> segments = new ConcurrentHashMap<>();

        Field(String name) {
            this.name = name;
            this.multiValued = IndexFields.MULTI_VALUED.contains(name);
        }

        String name() {
            return name;
        }

        /** The id of each value ordinal of this field in the segment. */
        int[] of(LeafReader segment) throws IOException {
            IndexReader.CacheHelper core = segment.getCoreCacheHelper();
            if (core == null) {
                return map(segment);
            }
            int[] found = segments.get(core.getKey());
            if (found != null) {
                return found;
            }
            synchronized (this) {
                found = segments.get(core.getKey());
                if (found == null) {
                    found = map(segment);
                    segments.put(core.getKey(), found);
                    core.addClosedListener(segments::remove);
                }
                return found;
            }
        }

        private synchronized int[] map(LeafReader segment) throws IOException {
            TermsEnum terms;
            long count;
            if (multiValued) {
                SortedSetDocValues v = DocValues.getSortedSet(segment, name);
                terms = v.termsEnum();
                count = v.getValueCount();
            } else {
                SortedDocValues v = DocValues.getSorted(segment, name);
                terms = v.termsEnum();
                count = v.getValueCount();
            }
            int[] map = new int[(int) count];
            int ord = 0;
            for (BytesRef t = terms.next(); t != null; t = terms.next()) {
                Integer id = ids.get(t);
                if (id == null) {
                    id = size;
                    ids.put(BytesRef.deepCopyOf(t), id);
                    if (size == values.length) {
                        values = Arrays.copyOf(values, size * 2);
                    }
                    values[size++] = t.utf8ToString();
                }
                map[ord++] = id;
            }
            return map;
        }

        /** How many ids there are: every id handed out so far is below. */
        synchronized int size() {
            return size;
        }

        /** The values by id: every id handed out so far has its value there, and keeps it. */
        synchronized String[] values() {
            return values;
        }
    }

    /**
     * Counts by id over the segments of one search, remembering which ids were met, so a narrow
     * query pays for the values it meets rather than for every value of the field.
     */
    static final class Counts {
        private int[] counts = new int[0];
        private int[] met = new int[0];
        private int size;

        /** Makes room for ids below {@code ids}. */
        void ensure(int ids) {
            if (counts.length < ids) {
                int n = Math.max(ids, counts.length + counts.length / 2);
                counts = Arrays.copyOf(counts, n);
                met = Arrays.copyOf(met, n);
            }
        }

        /** Adds one; returns whether it is the first for this id. */
        boolean add(int id) {
            if (counts[id]++ == 0) {
                met[size++] = id;
                return true;
            }
            return false;
        }

        void addAll(Counts other) {
            ensure(other.counts.length);
            for (int k = 0; k < other.size; k++) {
                int id = other.met[k];
                if (counts[id] == 0) {
                    met[size++] = id;
                }
                counts[id] += other.counts[id];
            }
        }

        int count(int id) {
            return counts[id];
        }

        /** How many different ids were met. */
        int distinct() {
            return size;
        }

        /** The ids met, in no particular order. */
        int[] met() {
            return Arrays.copyOf(met, size);
        }
    }

    /** Compares two ids. */
    @FunctionalInterface
    interface IdOrder {
        int compare(int a, int b);
    }

    /** The first {@code k} of {@code ids} in {@code order}, in that order, without sorting them all. */
    static int[] first(int[] ids, IdOrder order, int k) {
        int n = Math.min(k, ids.length);
        if (n <= 0) {
            return new int[0];
        }
        int[] kept = new int[n];
        int size = 0;
        for (int id : ids) {
            if (size == n && order.compare(id, kept[n - 1]) >= 0) {
                continue; // not before the last one kept
            }
            // insertion into the kept ones, in order; the last one drops out when full
            int at = size == n ? n - 1 : size++;
            while (at > 0 && order.compare(id, kept[at - 1]) < 0) {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = id;
        }
        return kept;
    }
}
