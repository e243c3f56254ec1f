package org.reelpulse.collect;

/**
 * The answer to "collect now": the run, {@code finished} when it ended within {@code
 * reelpulse.collect.sources.answer-within}, otherwise still running (poll it by its id).
 */
public record CollectNow(SourceRun run, boolean finished) {
}
