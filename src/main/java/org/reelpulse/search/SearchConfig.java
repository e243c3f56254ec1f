package org.reelpulse.search;

import java.io.IOException;
import java.nio.file.Files;

import org.apache.lucene.store.FSDirectory;
import org.reelpulse.query.QueryAnalyzers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the index folder once for the application. */
@Configuration(proxyBeanMethods = false)
class SearchConfig {

    @Bean(destroyMethod = "close")
    PostIndex postIndex(SearchProperties properties) throws IOException {
        Files.createDirectories(properties.indexDir());
        return new PostIndex(FSDirectory.open(properties.indexDir()), QueryAnalyzers.create(), properties.threads());
    }
}
