package org.reelpulse.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.reelpulse.dashboard.DrillDown;

/** Links from a dashboard figure to the search view that finds the same posts. */
class DrillDownsTest {

    @Test
    void shouldPassWholeDaysAsTheSearchViewsPeriod() {
        String url = DrillDowns.url(new DrillDown("event:lionsgate-runway AND group:union-guild",
                Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2024-09-25T00:00:00Z"), null, 12L));
        assertThat(url).startsWith("search?q=")
                .endsWith("&from=2024-09-18&to=2024-09-24");
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8))
                .contains("q=event:lionsgate-runway AND group:union-guild&");
    }

    @Test
    void shouldPutAnHourInTheQueryAsAPublishedRangeThatExcludesItsEnd() {
        String url = DrillDowns.url(new DrillDown("event:lionsgate-runway", Instant.parse("2024-09-18T13:00:00Z"),
                Instant.parse("2024-09-18T14:00:00Z"), "engagement", 3L));
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8)).isEqualTo("search?q=(event:lionsgate-runway) AND "
                + "published:[\"2024-09-18T13:00:00Z\" TO \"2024-09-18T14:00:00Z\"}&sort=engagement");
        assertThat(url).doesNotContain(" ", "+");
    }
}
