package org.reelpulse.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * The one Lucene index of posts: one {@link IndexWriter}, one {@link SearcherManager}. The highest
 * post seq whose changes are in the index is kept in each commit's user data, so after a restart
 * indexing resumes exactly where the last commit stopped.
 */
public class PostIndex implements Closeable {

    static final String WATERMARK_KEY = "reelpulse.seq";
    static final String SCHEMA_KEY = "reelpulse.schema";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostIndex.class);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ExecutorService searchThreads;

    /** An index searched on the calling thread alone. */
    PostIndex(Directory directory, Analyzer analyzer) {
        this(directory, analyzer, 1);
    }

    /**
     * An index whose searches run on up to {@code threads} threads at once: a query over a large index
     * is split into slices of segments that are searched side by side (1: on the calling thread alone).
     */
    PostIndex(Directory directory, Analyzer analyzer, int threads) {
        this.directory = directory;
        this.analyzer = analyzer;
        this.searchThreads = threads <= 1 ? null : Executors.newFixedThreadPool(threads, new SearchThreads());
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, searchThreads == null ? null : new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                        org.apache.lucene.index.IndexReader previous) {
                    return new IndexSearcher(reader, searchThreads);
                }
            });
            String schema = commitData(SCHEMA_KEY);
            if (writer.getDocStats().numDocs > 0 && !IndexFields.SCHEMA.equals(schema)) {
                log.info("The search index was written with document layout {}, this version uses {}: "
                        + "emptying it; it is rebuilt from the database in the background", schema, IndexFields.SCHEMA);
                clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + directory
                    + "; if it is damaged, delete the folder and ReelPulse rebuilds it from the database", e);
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The highest post seq committed to the index; 0 for a new index. */
    public long watermark() {
        String w = commitData(WATERMARK_KEY);
        return w == null ? 0 : Long.parseLong(w);
    }

    private String commitData(String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (key.equals(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** Adds or replaces the documents of these posts and commits them with the new watermark. */
    synchronized void apply(List<PostDocument> documents, long watermark) throws IOException {
        stage(documents);
        commit(watermark);
    }

    /** Adds or replaces documents without committing: invisible after a crash. */
    synchronized void stage(List<PostDocument> documents) throws IOException {
        for (PostDocument d : documents) {
            writer.updateDocument(new Term(IndexFields.ID, Long.toString(d.postId())), d.document());
        }
    }

    /** Removes the documents of these posts (tombstones) without committing. */
    synchronized void unstage(List<Long> postIds) throws IOException {
        for (long id : postIds) {
            writer.deleteDocuments(new Term(IndexFields.ID, Long.toString(id)));
        }
    }

    /** Empties the index and sets the watermark to 0, so everything is indexed again. */
    synchronized void clear() throws IOException {
        writer.deleteAll();
        commit(0);
    }

    /** Commits what is staged with the new watermark and makes it visible to searches. */
    synchronized void commit(long watermark) throws IOException {
        writer.setLiveCommitData(Map.of(WATERMARK_KEY, Long.toString(watermark), SCHEMA_KEY, IndexFields.SCHEMA)
                .entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Drops everything not committed, as a crash would; for tests of resuming. */
    void rollbackForTest() throws IOException {
        writer.rollback();
    }

    /** Runs a read against a current searcher. */
    <T> T read(SearcherFunction<T> fn) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return fn.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the search index failed", e);
        }
    }

    /** Number of documents in the index. */
    public int size() {
        return read(s -> s.getIndexReader().numDocs());
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        if (searchThreads != null) {
            searchThreads.shutdownNow();
        }
        if (writer.isOpen()) {
            writer.close();
        }
        directory.close();
    }

    /** A read of the index. */
    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Daemon threads named for the index, so that a stuck search is easy to spot in a thread dump. */
    private static final class SearchThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "search-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** A post's document and the post id it belongs to. */
    record PostDocument(long postId, Document document) {
    }
}
