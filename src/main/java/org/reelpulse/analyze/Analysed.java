package org.reelpulse.analyze;

import java.util.List;

/** What analysing a post gives: its sentiment and the names CoreNLP recognised in it (English only). */
public record Analysed(Sentiment sentiment, List<EntityMention> recognised) {

    public Analysed {
        recognised = List.copyOf(recognised);
    }

    static Analysed of(Sentiment sentiment) {
        return new Analysed(sentiment, List.of());
    }
}
