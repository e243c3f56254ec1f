package org.reelpulse.dashboard;

/**
 * The arithmetic of headline figures against the previous period, in one place: changes, relative
 * changes, shares, and when a figure rests on too few posts.
 */
final class Figures {

    private Figures() {
    }

    /** A count now and before: change in posts, relative change when there was something before. */
    static Dashboard.Kpi count(String definition, long value, long previous, long basis, long previousBasis,
            int fewPosts, DrillDown now, DrillDown before) {
        return new Dashboard.Kpi(definition, value, previous, value - previous, relativeChange(value, previous), basis,
                previousBasis, basis < fewPosts, previousBasis < fewPosts, now, before);
    }

    /** A ratio now and before: the change is the difference of the two ratios; no relative change. */
    static Dashboard.Kpi ratio(String definition, Double value, Double previous, long basis, long previousBasis,
            int fewPosts, DrillDown now, DrillDown before) {
        Double change = value == null || previous == null ? null : round(value - previous);
        return new Dashboard.Kpi(definition, round(value), round(previous), change, null, basis, previousBasis,
                basis < fewPosts, previousBasis < fewPosts, now, before);
    }

    /** (value − previous) / previous, rounded; null when previous is 0. */
    static Double relativeChange(long value, long previous) {
        return previous == 0 ? null : round((double) (value - previous) / previous);
    }

    /** part / whole, rounded; null when whole is 0. */
    static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    /** Four decimals: enough for shares and net sentiment, short in JSON. */
    static Double round(Double v) {
        return v == null || v.isNaN() ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
