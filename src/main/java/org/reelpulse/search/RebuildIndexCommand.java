package org.reelpulse.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The command {@code --rebuild-index}: empties the search index, indexes every post again from the
 * database, and exits. For a damaged index or after changing how posts are indexed.
 */
@Component
@Order(100)
class RebuildIndexCommand implements ApplicationRunner {

    static final String OPTION = "rebuild-index";
    private static final Logger log = LoggerFactory.getLogger(RebuildIndexCommand.class);

    private final PostIndexer indexer;
    private final ConfigurableApplicationContext context;

    RebuildIndexCommand(PostIndexer indexer, ConfigurableApplicationContext context) {
        this.indexer = indexer;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int n = indexer.rebuild();
        log.info("--{}: {} posts indexed; exiting", OPTION, n);
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
