package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Value ids shared by all segments, and picking the first ids in an order. */
class ValueIdsTest {

    @Test
    void shouldGiveAValueTheSameIdInEverySegmentAndKeepASegmentsMapWhileItLives() throws IOException {
        ValueIds ids = new ValueIds();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
            add(writer, "carol", "alice");
            writer.commit(); // a segment with alice (ordinal 0) and carol (1)
            add(writer, "bob", "carol");
            writer.commit(); // one with bob (0) and carol (1)
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                List<LeafReaderContext> leaves = reader.leaves();
                ValueIds.Field authors = ids.field(IndexFields.AUTHOR);
                int[] first = authors.of(leaves.get(0).reader());
                int[] second = authors.of(leaves.get(1).reader());
                String[] values = authors.values();
                assertThat(values[first[0]]).isEqualTo("alice");
                assertThat(values[first[1]]).isEqualTo("carol");
                assertThat(values[second[0]]).isEqualTo("bob");
                assertThat(second[1]).isEqualTo(first[1]);
                assertThat(authors.size()).isEqualTo(3);
                assertThat(authors.of(leaves.get(0).reader())).isSameAs(first);
            }
        }
    }

    private static void add(IndexWriter writer, String... authors) throws IOException {
        for (String a : authors) {
            Document d = new Document();
            d.add(new SortedDocValuesField(IndexFields.AUTHOR, new BytesRef(a)));
            writer.addDocument(d);
        }
    }

    @Test
    void shouldKeepTheFirstIdsInOrderAsAFullSortWould() {
        Random random = new Random(7);
        int[] score = new int[1000];
        int[] ids = new int[score.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            score[i] = random.nextInt(300); // with ties, broken by id
        }
        Comparator<Integer> order = Comparator.<Integer>comparingInt(i -> -score[i]).thenComparingInt(i -> i);
        List<Integer> sorted = new ArrayList<>();
        for (int id : ids) {
            sorted.add(id);
        }
        sorted.sort(order);
        for (int k : new int[] {0, 1, 10, 999, 1000, 2000}) {
            int[] first = ValueIds.first(ids, (a, b) -> order.compare(a, b), k);
            assertThat(first).as("k = %d", k).containsExactly(sorted.subList(0, Math.min(k, ids.length)).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
    }
}
