package org.reelpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

    /** Days: baseline of 14, k = 3, at least 10 posts. */
    private final SpikeDetector days = new SpikeDetector(SpikeDetector.method(Interval.DAY, 3, 10));

    @Test
    void shouldFlagABucketAboveMedianPlusKScaledMads() {
        // baseline 2,4,2,4,...: median 3, MAD 1, threshold 3 + 3 × 1.4826 = 7.45
        long[] counts = {2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 30};
        SpikeDetector.Judged last = days.judge(counts, 14).get(0);
        assertThat(last.median()).isEqualTo(3.0);
        assertThat(last.mad()).isEqualTo(1.0);
        assertThat(last.threshold()).isCloseTo(3 + 3 * 1.4826, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(last.spike()).isTrue();
    }

    @Test
    void shouldNotCallARiseBelowTheMinimumCountASpike() {
        long[] flat = new long[15];
        java.util.Arrays.fill(flat, 1);
        flat[14] = 9; // far above a flat baseline, but fewer than 10 posts
        assertThat(days.judge(flat, 14).get(0).spike()).isFalse();
        flat[14] = 10;
        assertThat(days.judge(flat, 14).get(0).spike()).isTrue();
    }

    @Test
    void shouldKeepAFlatBaselineFromCallingAnyRiseASpike() {
        long[] flat = new long[15];
        java.util.Arrays.fill(flat, 10);
        flat[14] = 12; // MAD 0: the floor of one post makes the threshold 10 + 3
        SpikeDetector.Judged j = days.judge(flat, 14).get(0);
        assertThat(j.threshold()).isEqualTo(13.0);
        assertThat(j.spike()).isFalse();
    }

    @Test
    void shouldNotLetOneHugeBucketHideTheNextJump() {
        // a mean and standard deviation would be dragged up by the 114; the median and MAD are not
        long[] counts = {2, 1, 5, 2, 4, 4, 4, 114, 49, 22, 15, 9, 9, 6, 30};
        SpikeDetector.Judged j = days.judge(counts, 14).get(0);
        assertThat(j.median()).isEqualTo(5.5);
        assertThat(j.spike()).isTrue();
        double mean = java.util.Arrays.stream(counts, 0, 14).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(counts, 0, 14).mapToDouble(c -> (c - mean) * (c - mean)).sum() / 13);
        assertThat(30).isLessThan((int) (mean + 3 * sd)); // what a mean-based rule would have missed
    }

    @Test
    void shouldJudgeOnlyBucketsWithEnoughBaseline() {
        long[] counts = {0, 0, 0, 0, 0, 0, 50, 0, 50};
        List<SpikeDetector.Judged> judged = days.judge(counts, 0);
        assertThat(judged.get(6).spike()).as("6 buckets of baseline, 7 needed").isFalse();
        assertThat(Double.isNaN(judged.get(6).threshold())).isTrue();
        assertThat(judged.get(8).spike()).isTrue();
    }

    @Test
    void shouldMergeSpikeBucketsInARowIntoOneSpikeWithItsPeak() {
        long[] counts = new long[20];
        java.util.Arrays.fill(counts, 2);
        counts[14] = 40;
        counts[15] = 90;
        counts[16] = 60;
        counts[18] = 200;
        List<SpikeDetector.Episode> episodes = SpikeDetector.episodes(days.judge(counts, 14));
        assertThat(episodes).hasSize(2);
        assertThat(episodes.get(0).first()).isEqualTo(14);
        assertThat(episodes.get(0).last()).isEqualTo(16);
        assertThat(episodes.get(0).peak().index()).isEqualTo(15);
        assertThat(episodes.get(1).first()).isEqualTo(18);
        assertThat(episodes.get(1).last()).isEqualTo(18);
    }

    @Test
    void shouldTakeTheBaselineOfEachIntervalAndDescribeTheMethod() {
        SpikeDetector.Method hours = SpikeDetector.method(Interval.HOUR, 3, 10);
        assertThat(hours.baselineBuckets()).isEqualTo(24);
        assertThat(hours.minBaselineBuckets()).isEqualTo(12);
        assertThat(SpikeDetector.method(Interval.WEEK, 3, 10).baselineBuckets()).isEqualTo(8);
        assertThat(hours.description()).contains("median + 3.0", "1.4826", "24 buckets", "at least 10 posts");
    }
}
