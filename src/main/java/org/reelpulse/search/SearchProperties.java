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
 * @param batchSize    posts indexed per commit
 * @param pollInterval pause between looks for new or changed posts
 * @param maxPageSize  the largest page {@code /api/search} returns
 */
@Validated
@ConfigurationProperties("reelpulse.search")
public record SearchProperties(
        boolean indexing,
        @NotNull Path indexDir,
        @Min(1) @Max(100_000) int batchSize,
        @NotNull Duration pollInterval,
        @Min(1) @Max(10_000) int maxPageSize) {
}
