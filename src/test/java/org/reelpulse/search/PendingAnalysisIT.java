package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reelpulse.support.StagesOffContext;
import org.reelpulse.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;

/** A post that is searchable but not analysed yet says so with "sentiment": null. */
class PendingAnalysisIT extends StagesOffContext {

    @Autowired
    TestRestTemplate http;
    @Autowired
    PostIndexer indexer;

    @Test
    void shouldAnswerNullSentimentForAPostNotAnalysedYet() throws Exception {
        http.withBasicAuth("analyst", "reelpulse-demo").exchange("/api/import", HttpMethod.POST,
                new HttpEntity<>(TestData.post("reddit", "pending-1", "en", "2024-09-18T14:00:00Z", 1,
                        "Waiting for Runway analysis")), String.class);
        indexer.catchUp();
        Map<String, Object> body = http.withBasicAuth("analyst", "reelpulse-demo").exchange(
                "/api/search?q=externalid OR waiting", HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {
                }).getBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hits = (List<Map<String, Object>>) body.get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0)).containsEntry("externalId", "pending-1").containsEntry("sentiment", null);
        assertThat(hits.get(0).get("highlight").toString()).contains("<mark>Waiting</mark>");
    }
}
