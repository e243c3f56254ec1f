package org.reelpulse.search;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code reelpulse.search.*}: the Lucene index.
 *
 * @param indexing     whether this node feeds the index in the background (searching works either way)
 * @param indexDir     where the index lives (default {@code <data-dir>/index})
 * @param batchSize    posts read from the database and indexed at a time
 * @param commitEvery  posts indexed between two commits while catching up: each commit waits for a few
 *                     fsyncs, which at one commit per 1,000 posts took most of the time of a rebuild
 * @param pollInterval pause between looks for new or changed posts
 * @param maxPageSize  the largest page {@code /api/search} returns
 * @param threads      how many threads one search may use: a query over a large index is searched in
 *                     slices of segments side by side (0: one per core; 1: the calling thread alone)
 */
@Validated
@ConfigurationProperties("reelpulse.search")
public record SearchProperties(
        boolean indexing,
        @NotNull Path indexDir,
        @Min(1) @Max(100_000) int batchSize,
        @Min(1) @Max(1_000_000) int commitEvery,
        @NotNull Duration pollInterval,
        @Min(1) @Max(10_000) int maxPageSize,
        @Min(0) @Max(256) int threads) {

    public SearchProperties {
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
    }
}
