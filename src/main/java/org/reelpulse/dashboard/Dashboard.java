package org.reelpulse.dashboard;

import java.time.Instant;
import java.util.List;

import org.reelpulse.event.TrackedEvent;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the reaction to a tracked event went over a period, against the period of equal length before
 * it: what {@code GET /api/dashboard}, the dashboard view and the weekly report show. Every figure
 * carries a {@link DrillDown}: the search that finds the posts it counts.
 *
 * <p>Net sentiment is (positive − negative) / (positive + negative) in [-1, 1], null when no post took
 * a side. A figure is {@code few} when it rests on fewer than {@code fewPosts} posts. Times are UTC.
 *
 * @param query    the search for every post of the dashboard: {@code event:slug} and the filters
 * @param fewPosts below this many posts a figure is flagged {@code few}
 */
@Schema(description = "The reaction to a tracked event over a period, against the period of equal length before it")
public record Dashboard(TrackedEvent event, PeriodInfo period, Filters filters,
        @Schema(example = "event:lionsgate-runway") String query, int fewPosts, Kpis kpis, Timeline timeline,
        Spikes spikes, List<GroupVoice> groups, List<ThemeStat> themes, List<CraftStat> crafts,
        Statements statements, TopPosts topPosts, List<TopAuthor> topAuthors, List<Share> sources,
        List<Share> languages) {

    /** The period shown, the previous period it is compared with, and the width of the time buckets. */
    public record PeriodInfo(Instant from, Instant to, Instant previousFrom, Instant previousTo, Interval interval,
            boolean intervalChosen) {
    }

    /** The filters applied to the event's posts (empty: all). */
    public record Filters(List<String> sources, List<String> langs, List<String> groups) {
    }

    /**
     * One headline figure, now and in the previous period.
     *
     * @param value          the figure; null when it cannot be computed (a ratio over no post)
     * @param change         value − previous; for shares and net sentiment a difference of ratios
     * @param relativeChange (value − previous) / previous, for counts only; null when previous is 0
     * @param basis          the posts the figure rests on (net sentiment: the posts scored positive or
     *                       negative; otherwise every post counted)
     * @param few            basis &lt; fewPosts: read with care
     */
    @Schema(description = "A headline figure now and in the previous period")
    public record Kpi(String definition, Number value, Number previous, Number change, Double relativeChange,
            long basis, long previousBasis, boolean few, boolean previousFew, DrillDown drillDown,
            DrillDown previousDrillDown) {
    }

    /**
     * The headline figures.
     *
     * @param posts           posts matching the event's query and the filters
     * @param authors         distinct authors of those posts (drill-down: the posts)
     * @param netSentiment    (positive − negative) / (positive + negative)
     * @param labourShare     the share of posts that raise at least one labour concern (carry a theme)
     * @param unionStatements posts by the union and guild stakeholder group
     */
    public record Kpis(Kpi posts, Kpi authors, Kpi netSentiment, Kpi labourShare, Kpi unionStatements) {
    }

    /** Volume by sentiment per bucket, with the announcement and the union statements marked. */
    public record Timeline(Interval interval, List<Bucket> buckets, List<Marker> markers) {
    }

    /**
     * One time bucket, cut to the period at either end.
     *
     * @param spike whether the bucket is part of a spike (see {@link Spikes#method()})
     */
    public record Bucket(Instant start, Instant end, long posts, long negative, long neutral, long positive,
            long unscored, long pending, Double net, boolean few, boolean spike, DrillDown drillDown) {
    }

    /**
     * A moment marked on the timeline.
     *
     * @param type   {@code announcement} or {@code statement}
     * @param postId the statement's post; null for the announcement
     */
    public record Marker(@Schema(allowableValues = {"announcement", "statement"}) String type, Instant at,
            String label, Long postId) {
    }

    /** The method and its parameters, and the spikes found in the period (the largest, in time order). */
    public record Spikes(SpikeMethod method, List<Spike> spikes) {
    }

    /** How spikes are found; see {@link SpikeDetector}. */
    public record SpikeMethod(String description, Interval interval, int baselineBuckets, int minBaselineBuckets,
            double k, double madScale, long minPosts) {
    }

    /**
     * A spike: buckets in a row well above the event's own recent level, and what explains it.
     *
     * @param peak           the start of its busiest bucket
     * @param threshold      the volume the peak bucket had to exceed: median + k · max(1.4826 · MAD, 1)
     * @param baselineFrom   the baseline: the buckets before the spike that it is judged and explained against
     * @param terms          words and phrases most over-represented in the spike against the baseline
     * @param termsRead      posts of the spike read for terms (all of them up to
     *                       {@code reelpulse.dashboard.spike-term-sample}, 300; beyond, a random sample)
     * @param hashtags       hashtags and mentions most over-represented in the spike against the baseline
     * @param firstPosts     the first posts of the spike
     * @param topPosts       the posts of the spike with the most engagement
     * @param topAuthors     the authors whose posts in the spike drew the most engagement
     * @param groups         stakeholder groups: their share of the spike against their share of the baseline
     */
    public record Spike(Instant start, Instant end, Instant peak, long peakPosts, double baselineMedian,
            double baselineMad, double threshold, long posts, Instant baselineFrom, Instant baselineTo,
            long baselinePosts, List<Term> terms, int termsRead, int baselineRead, List<Term> hashtags,
            List<PostCard> firstPosts, List<PostCard> topPosts, List<TopAuthor> topAuthors, List<GroupShift> groups,
            DrillDown drillDown, DrillDown baselineDrillDown) {
    }

    /**
     * A word, phrase or hashtag over-represented in a spike.
     *
     * @param score (share in the spike − share in the baseline) × (share in the spike / share in the
     *              baseline); absent from the baseline counts as half a post
     */
    public record Term(String term, long inSpike, long inBaseline, double score, DrillDown drillDown) {
    }

    /** A stakeholder group's posts and share in a spike and in its baseline; {@code shareChange} in points of share. */
    public record GroupShift(String group, String label, long inSpike, double spikeShare, long inBaseline,
            Double baselineShare, Double shareChange, DrillDown drillDown) {
    }

    /** Who is speaking: a stakeholder group's posts and net sentiment, overall and per bucket. */
    public record GroupVoice(String group, String label, long posts, Double share, Double net, boolean few,
            long previousPosts, Double relativeChange, DrillDown drillDown, List<Point> series) {
    }

    /** One bucket of a series. */
    public record Point(Instant start, Instant end, long posts, Double net, DrillDown drillDown) {
    }

    /**
     * A labour concern: posts raising it (share of all posts), their net sentiment, and the trend against
     * the previous period.
     */
    public record ThemeStat(String theme, String label, long posts, Double share, Double net, boolean few,
            long previousPosts, Double previousNet, long change, Double relativeChange, DrillDown drillDown) {
    }

    /** A craft: posts about it, against the previous period. */
    public record CraftStat(String craft, String label, long posts, long previousPosts, long change,
            Double relativeChange, DrillDown drillDown) {
    }

    /**
     * Union and guild statements in the period: {@code total} of them, the latest {@code items} listed in time
     * order.
     */
    public record Statements(String definition, long total, List<Statement> items, DrillDown drillDown) {
    }

    /** One statement, its key sentence, and the public reaction in the hours after it. */
    public record Statement(long postId, Instant at, String author, String authorName, String source, String stance,
            String sentiment, Double score, KeySentence keySentence, String url, Reaction reaction) {
    }

    /** The sentence that sums a statement up, and why it was picked. */
    public record KeySentence(String text, Double score, String why) {
    }

    /**
     * The event's posts by everyone but the unions and guilds, from a statement on.
     *
     * @param from the statement's time
     * @param to   {@code reactionHours} later
     */
    public record Reaction(Instant from, Instant to, long posts, long negative, long positive, Double net,
            boolean few, DrillDown drillDown) {
    }

    /** The posts with the most engagement (likes + reposts + replies + quotes). */
    public record TopPosts(List<PostCard> posts, DrillDown drillDown) {
    }

    /** A post in a list. {@code excerpt} is at most 280 characters of its text. */
    public record PostCard(long postId, Instant publishedAt, String source, String author, String authorName,
            String group, String lang, String sentiment, Double score, long engagement, String excerpt, String url) {
    }

    /** An author, their stakeholder group, their posts and the engagement those drew. */
    public record TopAuthor(String author, String group, String groupLabel, long posts, long engagement,
            DrillDown drillDown) {
    }

    /** A value of a field (a source, a language) with its posts, share of all posts and net sentiment. */
    public record Share(String value, long posts, Double share, Double net, DrillDown drillDown) {
    }
}
