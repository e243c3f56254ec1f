package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.reelpulse.query.QueryAnalyzers;

class PostIndexTest {

    @Test
    void shouldEmptyAnIndexWrittenWithAnotherDocumentLayoutSoItIsRebuilt() throws Exception {
        java.nio.file.Path dir = org.reelpulse.support.TestData.newDataDir("index-layout");
        try (FSDirectory d0 = FSDirectory.open(dir);
                IndexWriter old = new IndexWriter(d0, new IndexWriterConfig(QueryAnalyzers.create()))) {
            Document d = new Document();
            d.add(new StringField(IndexFields.ID, "1", Field.Store.YES));
            old.addDocument(d);
            old.setLiveCommitData(Map.of(PostIndex.WATERMARK_KEY, "42").entrySet()); // no layout: the first one
            old.commit();
        }
        try (PostIndex index = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create())) {
            assertThat(index.size()).isZero();
            assertThat(index.watermark()).isZero();
            index.apply(java.util.List.of(), 7);
        }
        try (PostIndex again = new PostIndex(FSDirectory.open(dir), QueryAnalyzers.create())) {
            assertThat(again.watermark()).as("an index of the current layout is kept").isEqualTo(7);
        }
    }
}
