package org.reelpulse.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code reelpulse.dashboard.*}: what the dashboard counts and when it warns.
 *
 * @param fewPosts        a figure resting on fewer posts than this is flagged {@code few}
 * @param statementGroup  the stakeholder group whose posts are union and guild statements
 * @param spikeK          how many scaled MADs above the baseline's median a spike bucket must be
 * @param spikeMinPosts   the fewest posts a spike bucket holds
 * @param maxSpikes       the most spikes explained (the largest, shown in time order)
 * @param spikeTermSample how many posts of a spike, and of its baseline, are read to find the words that
 *                        set it apart (all of them when there are no more; beyond, a random sample)
 * @param statements      the most statements listed (the latest, shown in time order)
 * @param reactionHours   how long after a statement its public reaction is counted
 * @param topPosts        posts in the top posts by engagement
 * @param topAuthors      authors in the top authors by engagement
 */
@Validated
@ConfigurationProperties("reelpulse.dashboard")
public record DashboardProperties(
        @Min(1) int fewPosts,
        @NotBlank String statementGroup,
        @DecimalMin("0.5") double spikeK,
        @Min(1) int spikeMinPosts,
        @Min(0) @Max(20) int maxSpikes,
        @Min(10) @Max(10_000) int spikeTermSample,
        @Min(0) @Max(500) int statements,
        @Min(1) @Max(24 * 14) int reactionHours,
        @Min(0) @Max(100) int topPosts,
        @Min(0) @Max(100) int topAuthors) {
}
