package org.reelpulse.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the buckets where an event's volume jumps above its own recent level, robustly: a few huge
 * buckets in the baseline do not hide the next jump the way they would inflate a mean and a
 * standard deviation.
 *
 * <p>A bucket is a <b>spike</b> when
 * <ul>
 * <li>it holds at least {@code minPosts} posts, and</li>
 * <li>its volume exceeds {@code median + k · max(1.4826 · MAD, 1)} of the {@code baseline} buckets
 * right before it, where MAD is the median absolute deviation from the median (1.4826 · MAD estimates
 * the standard deviation of normally distributed counts; the floor of 1 post keeps a flat baseline
 * from calling any rise a spike).</li>
 * </ul>
 * A bucket needs at least half its baseline ({@link Method#minBaselineBuckets()}) to be judged: the
 * first buckets of the event's history are not. Spike buckets that follow each other form one spike,
 * reported with its peak.
 */
public final class SpikeDetector {

    /** Scales a MAD to a standard deviation for normally distributed values. */
    public static final double MAD_SCALE = 1.4826;

    /**
     * The method's parameters, returned with every dashboard so a spike can be checked by hand.
     *
     * @param baselineBuckets    how many buckets before a bucket are its baseline
     * @param minBaselineBuckets the fewest baseline buckets a bucket is judged on
     * @param k                  how many (scaled) MADs above the median a spike must be
     * @param minPosts           the fewest posts a spike bucket holds
     */
    public record Method(int baselineBuckets, int minBaselineBuckets, double k, long minPosts) {

        public String description() {
            return "A bucket is a spike when it holds at least " + minPosts + " posts and more than median + " + k
                    + " × max(" + MAD_SCALE + " × MAD, 1) of the " + baselineBuckets + " buckets before it (MAD: "
                    + "median absolute deviation; at least " + minBaselineBuckets + " buckets of baseline). "
                    + "Consecutive spike buckets form one spike.";
        }
    }

    /** How one bucket compares with its baseline. */
    public record Judged(int index, long posts, double median, double mad, double threshold, boolean spike) {
    }

    /** Consecutive spike buckets: from {@code first} to {@code last} (indices into the series), and the peak. */
    public record Episode(int first, int last, Judged peak) {
    }

    private final Method method;

    public SpikeDetector(Method method) {
        this.method = method;
    }

    public Method method() {
        return method;
    }

    /** The method with the baseline of an interval, half of it as the least, and the given k and minimum. */
    public static Method method(Interval interval, double k, long minPosts) {
        return new Method(interval.baselineBuckets(), (interval.baselineBuckets() + 1) / 2, k, minPosts);
    }

    /**
     * Judges each bucket of {@code counts} from index {@code from} on against the buckets before it
     * (which may start before {@code from}: they are the baseline of the first ones).
     */
    public List<Judged> judge(long[] counts, int from) {
        List<Judged> judged = new ArrayList<>();
        for (int i = Math.max(0, from); i < counts.length; i++) {
            int start = Math.max(0, i - method.baselineBuckets());
            if (i - start < method.minBaselineBuckets()) {
                judged.add(new Judged(i, counts[i], Double.NaN, Double.NaN, Double.NaN, false));
                continue;
            }
            double[] baseline = new double[i - start];
            for (int j = start; j < i; j++) {
                baseline[j - start] = counts[j];
            }
            double median = median(baseline);
            double[] deviations = Arrays.stream(baseline).map(v -> Math.abs(v - median)).toArray();
            double mad = median(deviations);
            double threshold = median + method.k() * Math.max(MAD_SCALE * mad, 1.0);
            judged.add(new Judged(i, counts[i], median, mad, threshold,
                    counts[i] >= method.minPosts() && counts[i] > threshold));
        }
        return judged;
    }

    /** The spikes among judged buckets, consecutive spike buckets merged, in time order. */
    public static List<Episode> episodes(List<Judged> judged) {
        List<Episode> episodes = new ArrayList<>();
        Judged first = null;
        Judged last = null;
        Judged peak = null;
        for (Judged j : judged) {
            if (j.spike() && last != null && j.index() == last.index() + 1) {
                last = j;
                peak = j.posts() > peak.posts() ? j : peak;
                continue;
            }
            if (first != null) {
                episodes.add(new Episode(first.index(), last.index(), peak));
                first = null;
                last = null;
            }
            if (j.spike()) {
                first = j;
                last = j;
                peak = j;
            }
        }
        if (first != null) {
            episodes.add(new Episode(first.index(), last.index(), peak));
        }
        return episodes;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
