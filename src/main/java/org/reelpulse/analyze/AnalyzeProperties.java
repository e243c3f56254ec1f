package org.reelpulse.analyze;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code reelpulse.analyze.*}: the background analysis stage.
 *
 * @param enabled        whether the background stage runs
 * @param batchSize      posts taken and committed together
 * @param threads        posts scored in parallel
 * @param parseMaxLength sentences longer than this many tokens are not parsed (too slow), and score
 *                       from a flat tree instead
 * @param pollInterval   pause between looks for new posts when there is nothing to do
 * @param parser         CoreNLP's constituency parser for the sentence explanations: {@code
 *                       shift-reduce} (fast) or {@code pcfg} (the models jar's default)
 * @param entities       whether CoreNLP's named-entity recogniser reads English posts for the
 *                       organisations and people they name (the alias list is read in any case)
 * @param sentences      which model explains a post sentence by sentence: {@code model} (the tweet
 *                       model that scores the post reads each sentence; CoreNLP only splits
 *                       sentences and finds names, no parsing: fast) or {@code corenlp} (CoreNLP's
 *                       own sentence sentiment model, which needs the parser: slow)
 */
@Validated
@ConfigurationProperties("reelpulse.analyze")
public record AnalyzeProperties(
        boolean enabled,
        @Min(1) @Max(10_000) int batchSize,
        @Min(1) @Max(64) int threads,
        @Min(10) @Max(500) int parseMaxLength,
        @NotNull Duration pollInterval,
        @NotNull @jakarta.validation.constraints.Pattern(regexp = "shift-reduce|pcfg") String parser,
        boolean entities,
        @NotNull @jakarta.validation.constraints.Pattern(regexp = "model|corenlp") String sentences) {

    /** Whether CoreNLP's parser and sentence sentiment model run on every English post. */
    public boolean parses() {
        return sentences.equals("corenlp");
    }


    /** The shift-reduce parser's model in the models-english jar. */
    public static final String SHIFT_REDUCE_MODEL = "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
}
