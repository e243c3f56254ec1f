package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Picking the most frequent values without sorting them all. */
class FacetCountingTest {

    @Test
    void shouldKeepTheFirstItemsInOrderAsAFullSortWould() {
        List<Integer> items = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            items.add(random.nextInt(300)); // with ties
        }
        Comparator<Integer> order = Comparator.reverseOrder();
        List<Integer> sorted = new ArrayList<>(items);
        sorted.sort(order);
        for (int k : new int[] {0, 1, 10, 999, 1000, 2000}) {
            assertThat(FacetCounting.first(items, order, k)).as("k = %d", k)
                    .isEqualTo(sorted.subList(0, Math.min(k, sorted.size())));
        }
        assertThat(FacetCounting.first(Collections.<Integer>emptyList(), order, 5)).isEmpty();
    }
}
