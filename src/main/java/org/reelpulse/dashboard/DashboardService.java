package org.reelpulse.dashboard;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.event.EventRepository;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.search.PostSearcher;
import org.springframework.stereotype.Service;

/** The statistics the dashboard shows, computed from the index with the event's own query. */
@Service
public class DashboardService {

    private final EventRepository events;
    private final PostSearcher searcher;

    DashboardService(EventRepository events, PostSearcher searcher) {
        this.events = events;
        this.searcher = searcher;
    }

    public List<TrackedEvent> events() {
        return events.findAll();
    }

    /** The event with this slug, or the first one when the slug is null or unknown. */
    public Optional<TrackedEvent> event(String slug) {
        List<TrackedEvent> all = events();
        return all.stream().filter(e -> e.slug().equals(slug)).findFirst().or(() -> all.stream().findFirst());
    }

    public EventOverview overview(TrackedEvent event) {
        TimeWindow window = new TimeWindow(event.from(), event.to());
        List<PostSearcher.Bucket> days = searcher.timeline(event.query(), window, ChronoUnit.DAYS);
        PostSearcher.Reach reach = searcher.reach(event.query(), window);
        long negative = days.stream().mapToLong(PostSearcher.Bucket::negative).sum();
        long neutral = days.stream().mapToLong(PostSearcher.Bucket::neutral).sum();
        long positive = days.stream().mapToLong(PostSearcher.Bucket::positive).sum();
        long unscored = days.stream().mapToLong(PostSearcher.Bucket::unscored).sum();
        long pending = days.stream().mapToLong(PostSearcher.Bucket::pending).sum();
        long scored = negative + neutral + positive;
        Double net = scored == 0 ? null : 100.0 * (positive - negative) / scored;
        return new EventOverview(event, reach.posts(), reach.authors(), negative, neutral, positive, unscored, pending,
                scored, net, days);
    }
}
