package org.reelpulse.dashboard;

import java.util.List;

import org.reelpulse.event.TrackedEvent;
import org.reelpulse.search.PostSearcher;

/**
 * The headline numbers of a tracked event over its window, and the daily reaction.
 *
 * @param posts         matching posts
 * @param authors       distinct authors of those posts
 * @param scored        posts with a sentiment score (negative + neutral + positive)
 * @param netSentiment  (positive − negative) / scored × 100, in [-100, 100]; null when nothing is scored
 * @param days          one bucket per UTC day of the window
 */
public record EventOverview(TrackedEvent event, long posts, long authors, long negative, long neutral, long positive,
        long unscored, long pending, long scored, Double netSentiment, List<PostSearcher.Bucket> days) {

    /** Below this many scored posts a net sentiment is shown with a warning. */
    public static final int FEW_SCORED = 30;

    public boolean fewScored() {
        return scored < FEW_SCORED;
    }
}
