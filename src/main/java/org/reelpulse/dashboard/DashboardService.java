package org.reelpulse.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.reelpulse.analyze.AnalysisRepository;
import org.reelpulse.analyze.SentenceSentiment;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelRepository;
import org.reelpulse.analyze.labour.LabelRules;
import org.reelpulse.analyze.labour.LabelRulesService;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.event.EventService;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.reelpulse.query.NamedQueries;
import org.reelpulse.query.QueryFields;
import org.reelpulse.search.PostStatistics;
import org.reelpulse.search.PostStatistics.Breakdown;
import org.reelpulse.search.PostStatistics.Summary;
import org.reelpulse.search.PostStatistics.Tally;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;

/**
 * The statistics of a tracked event for the dashboard view, {@code /api/dashboard}, the comparison of
 * events and the weekly report. Everything is counted from the index with the event's own query
 * ({@link PostStatistics}: a pass over doc values per period); only the handful of posts shown (top
 * posts, the posts of spikes, the statements) are read from the database, all at once.
 *
 * <p>Definitions:
 * <ul>
 * <li><b>Union and guild statements</b>: posts of the event (its query and the filters) whose author is
 * in the stakeholder group {@code reelpulse.dashboard.statement-group} ({@code union-guild}: the curated
 * union and guild accounts of {@code data/stakeholders.yml}, posts from union newsrooms, and authors
 * whose profile names a union or guild), whatever they say.</li>
 * <li><b>Labour concerns</b>: a post raises one when it carries at least one labour theme.</li>
 * <li><b>Public reaction</b> to a statement: the event's posts by every other group, from the statement
 * to {@code reaction-hours} (48) after it.</li>
 * <li><b>Spikes</b>: see {@link SpikeDetector}; the baseline is the event's own volume in the buckets
 * before.</li>
 * </ul>
 */
@Service
public class DashboardService {

    /** The most events compared side by side. */
    public static final int MAX_COMPARED = 4;
    /** The widest day range of a comparison. */
    public static final int MAX_DAYS = 366;

    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}|unknown");
    private static final String GROUP = QueryFields.GROUP;
    private static final String THEME = QueryFields.THEME;
    private static final String CRAFT = QueryFields.CRAFT;
    private static final String SOURCE = QueryFields.SOURCE;
    private static final String LANG_FIELD = QueryFields.LANG;
    private static final String TAG = QueryFields.TAG;
    private static final String AUTHOR = QueryFields.AUTHOR;
    private static final int SPIKE_TERMS = 10;
    private static final int SPIKE_TAGS = 8;
    /** The spike's most frequent hashtags whose count in the baseline is looked up. */
    private static final int SPIKE_TAG_CANDIDATES = 30;
    private static final int SPIKE_POSTS = 3;
    private static final int SPIKE_AUTHORS = 5;

    private final EventService events;
    private final PostStatistics statistics;
    private final PostRepository posts;
    private final AnalysisRepository analyses;
    private final LabelRepository labels;
    private final LabelRulesService rules;
    private final DashboardProperties properties;

    /**
     * Runs the parts of a dashboard that do not wait for each other side by side: one thread per core,
     * shared by every request (a busy server queues the parts instead of multiplying threads).
     */
    private final ExecutorService parts = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            r -> {
                Thread t = new Thread(r, "dashboard-part");
                t.setDaemon(true);
                return t;
            });

    DashboardService(EventService events, PostStatistics statistics, PostRepository posts, AnalysisRepository analyses,
            LabelRepository labels, LabelRulesService rules, DashboardProperties properties) {
        this.events = events;
        this.statistics = statistics;
        this.posts = posts;
        this.analyses = analyses;
        this.labels = labels;
        this.rules = rules;
        this.properties = properties;
    }

    @PreDestroy
    void stop() {
        parts.shutdownNow();
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, parts);
    }

    /** The part's result; its failure as it was thrown (a refusal stays a refusal). */
    private static <T> T join(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public List<TrackedEvent> events() {
        return events.list();
    }

    /** The event with this slug, if it is tracked (unlike {@link #event}, no fallback to another one). */
    public Optional<TrackedEvent> find(String slug) {
        return events.find(slug);
    }

    /** The event with this slug, or the first one when the slug is null or unknown. */
    public Optional<TrackedEvent> event(String slug) {
        List<TrackedEvent> all = events();
        return all.stream().filter(e -> e.slug().equals(slug)).findFirst().or(() -> all.stream().findFirst());
    }

    public DashboardProperties properties() {
        return properties;
    }

    /** How spikes are found at this interval. */
    public SpikeDetector.Method spikeMethod(Interval interval) {
        return SpikeDetector.method(interval, properties.spikeK(), properties.spikeMinPosts());
    }

    /**
     * The dashboard of an event over a period. Refused with a message: an unknown event, an unknown
     * group or source, a malformed language, an empty period, or too many buckets for the interval.
     */
    public Dashboard overview(DashboardRequest request) {
        TrackedEvent event = request.event() == null || request.event().isBlank()
                ? events().stream().findFirst().orElseThrow(() -> new UserInputException(
                        "No event is tracked yet: create one with POST /api/events."))
                : known(request.event());
        LabelRules current = rules.current();
        Map<String, String> groupLabels = current.stakeholders().labels();
        checkFilters(request, groupLabels);
        Period period = new Period(request.from() != null ? request.from() : event.from(),
                request.to() != null ? request.to() : event.to());
        Interval interval = request.interval() != null ? request.interval() : Interval.auto(period.length());
        checkBuckets(period, interval);
        Period previous = period.previous();
        Scope scope = Scope.of(event, request.sources(), request.langs(), request.groups());
        PostStatistics.Grid grid = interval.grid();
        String union = Scope.term(GROUP, properties.statementGroup());

        // the counts that do not depend on each other run side by side (each search in slices too)
        CompletableFuture<Summary> nowCounted = async(() -> statistics.summarize(scope.compute(), period.window(),
                Breakdown.totals().perBucket(grid).overTime(GROUP).byField(THEME, CRAFT, SOURCE, LANG_FIELD)
                        .authors(properties.topAuthors())));
        CompletableFuture<Summary> beforeCounted = async(() -> statistics.summarize(scope.compute(),
                previous.window(), Breakdown.totals().perBucket(grid).overTime(GROUP).byField(THEME, CRAFT).authors(0)));
        CompletableFuture<List<PostStatistics.Dated>> statementsFound = async(() -> statistics.inTimeOrder(
                scope.compute(union), period.window(), properties.statements(), true));
        CompletableFuture<List<Long>> topFound = properties.topPosts() == 0
                ? CompletableFuture.completedFuture(List.of())
                : async(() -> statistics.topByEngagement(scope.compute(), period.window(), properties.topPosts()));

        // the buckets of the period, and the baseline before them for spikes
        SpikeDetector detector = new SpikeDetector(spikeMethod(interval));
        int baselineBuckets = detector.method().baselineBuckets();
        Instant firstStart = grid.bucketOf(period.from());
        Instant seriesStart = firstStart.minus(interval.length().multipliedBy(baselineBuckets));
        CompletableFuture<Summary> earlierCounted = seriesStart.isBefore(previous.from())
                ? async(() -> statistics.summarize(scope.compute(), new TimeWindow(seriesStart, previous.from()),
                        Breakdown.totals().perBucket(grid).overTime(GROUP)))
                : CompletableFuture.completedFuture(null);
        Summary now = join(nowCounted);
        Summary before = join(beforeCounted);
        NavigableMap<Instant, Long> volume = new TreeMap<>();
        // each group's posts per bucket too, for the baseline of each spike
        Map<Instant, Map<String, Long>> groupVolume = new HashMap<>();
        List<Summary> series = new ArrayList<>(List.of(before, now));
        if (join(earlierCounted) != null) {
            series.add(join(earlierCounted));
        }
        for (Summary part : series) {
            part.buckets().forEach((start, t) -> volume.merge(start, t.posts(), Long::sum));
            part.byFieldOverTime().get(GROUP).forEach((g, perBucket) -> perBucket.forEach((start, t) -> groupVolume
                    .computeIfAbsent(start, x -> new HashMap<>()).merge(g, t.posts(), Long::sum)));
        }
        List<Instant> starts = new ArrayList<>();
        for (Instant s = seriesStart; s.isBefore(period.to()); s = s.plus(interval.length())) {
            starts.add(s);
        }
        long[] counts = starts.stream().mapToLong(s -> volume.getOrDefault(s, 0L)).toArray();
        List<SpikeDetector.Judged> judged = detector.judge(counts, baselineBuckets);
        List<SpikeDetector.Episode> episodes = largest(SpikeDetector.episodes(judged), properties.maxSpikes());

        // the posts shown, read from the database at once
        List<CompletableFuture<SpikeParts>> spikesExplained = new ArrayList<>();
        for (SpikeDetector.Episode e : episodes) {
            spikesExplained.add(async(() -> spikeParts(scope, period, interval, starts, counts, groupVolume, e)));
        }
        List<PostStatistics.Dated> latestStatements = new ArrayList<>(join(statementsFound));
        java.util.Collections.reverse(latestStatements);
        List<Long> topIds = join(topFound);
        List<SpikeParts> spikeParts = spikesExplained.stream().map(DashboardService::join).toList();
        Set<Long> shown = new LinkedHashSet<>(topIds);
        latestStatements.forEach(d -> shown.add(d.postId()));
        spikeParts.forEach(p -> {
            p.first().forEach(d -> shown.add(d.postId()));
            shown.addAll(p.top());
        });
        Shown loaded = load(shown, latestStatements.stream().map(PostStatistics.Dated::postId).toList());

        Dashboard.Kpis kpis = kpis(scope, period, previous, now, before, union);
        List<Dashboard.Bucket> buckets = buckets(scope, period, interval, now, judged, starts);
        List<Dashboard.Statement> statements = statements(scope, event, latestStatements, loaded, union);
        List<Dashboard.Marker> markers = new ArrayList<>();
        if (event.announcedAt() != null && period.contains(event.announcedAt())) {
            markers.add(new Dashboard.Marker("announcement", event.announcedAt(), "Announced: " + event.name(), null));
        }
        statements.forEach(s -> markers.add(new Dashboard.Marker("statement", s.at(), s.authorName() != null
                ? s.authorName() : s.author(), s.postId())));
        List<Dashboard.Spike> spikes = new ArrayList<>();
        for (SpikeParts p : spikeParts) {
            spikes.add(spike(scope, p, loaded, groupLabels));
        }
        SpikeDetector.Method m = detector.method();
        Dashboard.Spikes spikeSection = new Dashboard.Spikes(new Dashboard.SpikeMethod(m.description(), interval,
                m.baselineBuckets(), m.minBaselineBuckets(), m.k(), SpikeDetector.MAD_SCALE, m.minPosts()), spikes);

        TimeWindow w = period.window();
        long total = now.total().posts();
        return new Dashboard(event,
                new Dashboard.PeriodInfo(period.from(), period.to(), previous.from(), previous.to(), interval,
                        request.interval() == null),
                new Dashboard.Filters(request.sources(), request.langs(), request.groups()),
                scope.search(), properties.fewPosts(), kpis,
                new Dashboard.Timeline(interval, buckets, markers), spikeSection,
                groups(scope, period, interval, now, before, groupLabels),
                themes(scope, w, now, before, labelsOf(current.themeDefinitions())),
                crafts(scope, w, now, before, labelsOf(current.craftDefinitions())),
                new Dashboard.Statements(statementsDefinition(), now.of(GROUP, properties.statementGroup()).posts(),
                        statements, scope.drill(w, now.of(GROUP, properties.statementGroup()).posts(), union)),
                new Dashboard.TopPosts(topIds.stream().map(loaded::card).flatMap(Optional::stream).toList(),
                        scope.ranked(w, "engagement")),
                now.topAuthors().stream().map(a -> author(scope, w, a, groupLabels)).toList(),
                shares(scope, w, now, SOURCE, total), shares(scope, w, now, LANG_FIELD, total));
    }

    /**
     * Events side by side from day {@code fromDay} to day {@code toDay} after each one's announcement
     * day. Refused with a message: no event or more than {@link #MAX_COMPARED}, an event named twice,
     * an unknown event, one without an announcement, or days out of range.
     */
    public EventComparison compare(List<String> slugs, int fromDay, int toDay) {
        if (slugs == null || slugs.isEmpty() || slugs.size() > MAX_COMPARED) {
            throw new UserInputException("Compare 1 to " + MAX_COMPARED + " events: repeat 'event' for each; got "
                    + (slugs == null ? 0 : slugs.size()) + ".");
        }
        if (new LinkedHashSet<>(slugs).size() < slugs.size()) {
            throw new UserInputException("Each event is compared once; " + slugs + " names one twice.");
        }
        if (toDay < 0 || toDay >= MAX_DAYS || fromDay > toDay || fromDay <= -MAX_DAYS) {
            throw new UserInputException("'days' (the last day) is 0 to " + (MAX_DAYS - 1) + " and 'fromDay' (the first "
                    + "day, 0 or negative for days before the announcement) at most 'days'; got fromDay=" + fromDay
                    + ", days=" + toDay + ".");
        }
        List<TrackedEvent> compared = new ArrayList<>();
        for (String slug : slugs) {
            TrackedEvent e = known(slug);
            if (e.announcedAt() == null) {
                throw new UserInputException("Event '" + slug + "' has no announcement date, so it has no day 0: set "
                        + "'announcedAt' (PUT /api/events/" + slug + ") to compare it.");
            }
            compared.add(e);
        }
        String union = Scope.term(GROUP, properties.statementGroup());
        List<EventComparison.Series> series = new ArrayList<>();
        for (TrackedEvent e : compared) {
            Scope scope = Scope.of(e, List.of(), List.of(), List.of());
            Instant day0 = Interval.DAY.align(e.announcedAt());
            TimeWindow window = new TimeWindow(day0.plus(Duration.ofDays(fromDay)), day0.plus(Duration.ofDays(toDay + 1L)));
            Summary s = statistics.summarize(scope.compute(), window, Breakdown.totals().perBucket(Interval.DAY.grid())
                    .overTime(GROUP));
            NavigableMap<Instant, Tally> unions = s.byFieldOverTime().get(GROUP).getOrDefault(properties.statementGroup(),
                    new TreeMap<>());
            List<EventComparison.Day> days = new ArrayList<>();
            for (int d = fromDay; d <= toDay; d++) {
                Instant start = day0.plus(Duration.ofDays(d));
                Instant end = start.plus(Duration.ofDays(1));
                Tally t = s.buckets().getOrDefault(start, Tally.EMPTY);
                days.add(new EventComparison.Day(d, start, end, t.posts(), t.negative(), t.positive(),
                        Figures.round(t.net()), Figures.share(t.withTheme(), t.posts()),
                        unions.getOrDefault(start, Tally.EMPTY).posts(), t.sided() < properties.fewPosts(),
                        scope.drill(start, end, t.posts())));
            }
            Tally t = s.total();
            long statements = s.of(GROUP, properties.statementGroup()).posts();
            series.add(new EventComparison.Series(e.slug(), e.name(), e.colour(), e.announcedAt(), day0, days,
                    new EventComparison.Totals(t.posts(), t.negative(), t.positive(), Figures.round(t.net()),
                            Figures.share(t.withTheme(), t.posts()), statements, t.sided() < properties.fewPosts(),
                            scope.drill(window, t.posts()), scope.drill(window, statements, union))));
        }
        return new EventComparison(fromDay, toDay, properties.fewPosts(), series);
    }

    private String statementsDefinition() {
        return "Posts matching the event's query and the filters whose author is in the stakeholder group '"
                + properties.statementGroup() + "' (curated union and guild accounts, union newsrooms, profiles that "
                + "name a union or guild). The public reaction to each is the event's posts by every other group in "
                + "the " + properties.reactionHours() + " hours after it.";
    }

    private TrackedEvent known(String slug) {
        return events.find(slug).orElseThrow(() -> new UserInputException("There is no tracked event '" + slug
                + "'; GET /api/events lists them."));
    }

    private void checkFilters(DashboardRequest r, Map<String, String> groupLabels) {
        for (String g : r.groups()) {
            if (!groupLabels.containsKey(g)) {
                throw new UserInputException("There is no stakeholder group '" + g + "'; groups are "
                        + String.join(", ", groupLabels.keySet()) + ".");
            }
        }
        if (!r.sources().isEmpty()) {
            Set<String> known = posts.sourceIds();
            for (String s : r.sources()) {
                if (!known.contains(s)) {
                    throw new UserInputException("There is no source '" + s + "'; sources are "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ".");
                }
            }
        }
        for (String l : r.langs()) {
            if (!LANG.matcher(l).matches()) {
                throw new UserInputException("'" + l + "' is not a language: use codes like en, fr, es, de.");
            }
        }
    }

    private static void checkBuckets(Period period, Interval interval) {
        long buckets = period.length().toMillis() / interval.length().toMillis() + 2;
        if (buckets > Interval.MAX_BUCKETS) {
            throw new UserInputException("A period of " + period.length().toDays() + " days has too many "
                    + interval.key() + "s to draw (at most " + Interval.MAX_BUCKETS + "); choose a wider interval "
                    + "or leave it out.");
        }
    }

    /** The {@code n} spikes that stand out most above their threshold, in time order. */
    private static List<SpikeDetector.Episode> largest(List<SpikeDetector.Episode> episodes, int n) {
        return episodes.stream()
                .sorted(Comparator.comparingDouble((SpikeDetector.Episode e) -> e.peak().posts() - e.peak().threshold())
                        .reversed())
                .limit(n).sorted(Comparator.comparingInt(SpikeDetector.Episode::first)).toList();
    }

    private Dashboard.Kpis kpis(Scope scope, Period period, Period previous, Summary now, Summary before,
            String union) {
        int few = properties.fewPosts();
        TimeWindow w = period.window();
        TimeWindow p = previous.window();
        Tally n = now.total();
        Tally b = before.total();
        long unionNow = now.of(GROUP, properties.statementGroup()).posts();
        long unionBefore = before.of(GROUP, properties.statementGroup()).posts();
        return new Dashboard.Kpis(
                Figures.count("Posts matching the event's query and the filters", n.posts(), b.posts(), n.posts(),
                        b.posts(), few, scope.drill(w, n.posts()), scope.drill(p, b.posts())),
                Figures.count("Distinct authors of those posts", now.authors(), before.authors(), n.posts(), b.posts(),
                        few, scope.drill(w, n.posts()), scope.drill(p, b.posts())),
                Figures.ratio("(positive − negative) / (positive + negative), from -1 to 1; the basis is the posts "
                        + "scored positive or negative", n.net(), b.net(), n.sided(), b.sided(), few,
                        scope.drill(w, n.sided(), Scope.SIDED), scope.drill(p, b.sided(), Scope.SIDED)),
                Figures.ratio("The share of posts that raise at least one labour concern (carry a labour theme); "
                        + "the drill-down finds those posts", Figures.share(n.withTheme(), n.posts()),
                        Figures.share(b.withTheme(), b.posts()), n.posts(), b.posts(), few,
                        scope.drill(w, n.withTheme(), Scope.LABOUR), scope.drill(p, b.withTheme(), Scope.LABOUR)),
                Figures.count("Posts by the union and guild stakeholder group ('" + properties.statementGroup() + "')",
                        unionNow, unionBefore, unionNow, unionBefore, few, scope.drill(w, unionNow, union),
                        scope.drill(p, unionBefore, union)));
    }

    private List<Dashboard.Bucket> buckets(Scope scope, Period period, Interval interval, Summary now,
            List<SpikeDetector.Judged> judged, List<Instant> starts) {
        Map<Instant, Boolean> spike = new HashMap<>();
        judged.forEach(j -> spike.put(starts.get(j.index()), j.spike()));
        List<Dashboard.Bucket> buckets = new ArrayList<>();
        for (Instant s : starts) {
            Instant end = s.plus(interval.length());
            if (!end.isAfter(period.from())) {
                continue; // the baseline before the period
            }
            Instant from = max(s, period.from());
            Instant to = min(end, period.to());
            Tally t = now.buckets().getOrDefault(s, Tally.EMPTY);
            buckets.add(new Dashboard.Bucket(from, to, t.posts(), t.negative(), t.neutral(), t.positive(),
                    t.unscored(), t.pending(), Figures.round(t.net()), t.sided() < properties.fewPosts(),
                    spike.getOrDefault(s, false), scope.drill(from, to, t.posts())));
        }
        return buckets;
    }

    /** What is counted and read for one spike before the posts shown are loaded. */
    private record SpikeParts(SpikeDetector.Episode episode, Instant peak, TimeWindow window, TimeWindow baseline,
            long posts, long baselinePosts, Summary summary, Map<String, Long> baselineGroups,
            Map<String, Long> baselineTags, PostStatistics.Contrast contrast, List<PostStatistics.Dated> first,
            List<Long> top) {
    }

    /**
     * Counts and reads what explains a spike. The baseline's volume and groups come from the buckets
     * already counted; only the hashtags of the spike are counted in the baseline, one by one.
     */
    private SpikeParts spikeParts(Scope scope, Period period, Interval interval, List<Instant> starts, long[] counts,
            Map<Instant, Map<String, Long>> groupVolume, SpikeDetector.Episode e) {
        Instant from = max(starts.get(e.first()), period.from());
        Instant to = min(starts.get(e.last()).plus(interval.length()), period.to());
        TimeWindow window = new TimeWindow(from, to);
        int baselineFirst = Math.max(0, e.first() - interval.baselineBuckets());
        TimeWindow baseline = new TimeWindow(starts.get(baselineFirst), starts.get(e.first()));
        long baselinePosts = 0;
        Map<String, Long> baselineGroups = new HashMap<>();
        for (int i = baselineFirst; i < e.first(); i++) {
            baselinePosts += counts[i];
            groupVolume.getOrDefault(starts.get(i), Map.of()).forEach((g, n) -> baselineGroups.merge(g, n, Long::sum));
        }
        Summary in = statistics.summarize(scope.compute(), window, Breakdown.totals().byField(GROUP, TAG)
                .authors(SPIKE_AUTHORS));
        List<String> candidateTags = in.byField().get(TAG).entrySet().stream().filter(t -> t.getValue().posts() >= 2)
                .limit(SPIKE_TAG_CANDIDATES).map(Map.Entry::getKey).toList();
        Map<String, Long> baselineTags = statistics.countEach(scope.compute(), baseline, TAG, candidateTags);
        PostStatistics.Contrast contrast = statistics.contrast(scope.compute(), window, scope.compute(), baseline,
                SPIKE_TERMS, properties.spikeTermSample());
        return new SpikeParts(e, max(starts.get(e.peak().index()), period.from()), window, baseline, in.total().posts(),
                baselinePosts, in, baselineGroups, baselineTags, contrast,
                statistics.inTimeOrder(scope.compute(), window, SPIKE_POSTS, false),
                statistics.topByEngagement(scope.compute(), window, SPIKE_POSTS));
    }

    private Dashboard.Spike spike(Scope scope, SpikeParts p, Shown loaded, Map<String, String> groupLabels) {
        SpikeDetector.Judged peak = p.episode().peak();
        boolean allRead = p.contrast().periodRead() == p.contrast().periodPosts();
        List<Dashboard.Term> terms = p.contrast().terms().stream()
                .map(t -> new Dashboard.Term(t.term(), t.inPeriod(), t.inBaseline(), Figures.round(t.score()),
                        scope.drill(p.window(), allRead ? t.inPeriod() : null, Scope.text(t.term()))))
                .toList();
        long inPosts = p.summary().total().posts();
        long outPosts = p.baselinePosts();
        List<Dashboard.Term> tags = new ArrayList<>();
        p.summary().byField().get(TAG).forEach((tag, t) -> {
            if (p.baselineTags().containsKey(tag)) {
                long base = p.baselineTags().get(tag);
                double inShare = (double) t.posts() / inPosts;
                double outShare = outPosts == 0 ? 1 : Math.max(base, 0.5) / outPosts;
                tags.add(new Dashboard.Term(tag, t.posts(), base, Figures.round((inShare - outShare) * (inShare / outShare)),
                        scope.drill(p.window(), t.posts(), Scope.term(TAG, tag))));
            }
        });
        tags.sort(Comparator.comparingDouble(Dashboard.Term::score).reversed().thenComparing(Dashboard.Term::term));
        List<Dashboard.Term> topTags = tags.stream().filter(t -> t.score() > 0).limit(SPIKE_TAGS).toList();

        Set<String> groupNames = new LinkedHashSet<>(p.summary().byField().get(GROUP).keySet());
        groupNames.addAll(p.baselineGroups().keySet());
        List<Dashboard.GroupShift> groups = new ArrayList<>();
        for (String g : groupNames) {
            long in = p.summary().of(GROUP, g).posts();
            long out = p.baselineGroups().getOrDefault(g, 0L);
            double inShare = inPosts == 0 ? 0 : (double) in / inPosts;
            Double outShare = Figures.share(out, outPosts);
            groups.add(new Dashboard.GroupShift(g, groupLabels.getOrDefault(g, g), in, Figures.round(inShare), out,
                    outShare, outShare == null ? null : Figures.round(inShare - outShare),
                    scope.drill(p.window(), in, Scope.term(GROUP, g))));
        }
        groups.sort(Comparator.comparing((Dashboard.GroupShift g) -> g.shareChange() == null ? g.spikeShare()
                : g.shareChange()).reversed().thenComparing(Dashboard.GroupShift::group));

        return new Dashboard.Spike(p.window().from(), p.window().to(), p.peak(),
                peak.posts(), peak.median(), Figures.round(peak.mad()), Figures.round(peak.threshold()), p.posts(),
                p.baseline().from(), p.baseline().to(), p.baselinePosts(), terms, p.contrast().periodRead(),
                p.contrast().baselineRead(), topTags,
                p.first().stream().map(d -> loaded.card(d.postId())).flatMap(Optional::stream).toList(),
                p.top().stream().map(loaded::card).flatMap(Optional::stream).toList(),
                p.summary().topAuthors().stream().map(a -> author(scope, p.window(), a, groupLabels)).toList(),
                groups, scope.drill(p.window(), p.posts()), scope.drill(p.baseline(), p.baselinePosts()));
    }

    private List<Dashboard.GroupVoice> groups(Scope scope, Period period, Interval interval, Summary now,
            Summary before, Map<String, String> groupLabels) {
        Set<String> names = new LinkedHashSet<>(now.byField().get(GROUP).keySet());
        names.addAll(before.byField().get(GROUP).keySet());
        List<Dashboard.GroupVoice> voices = new ArrayList<>();
        long total = now.total().posts();
        for (String g : names) {
            Tally t = now.of(GROUP, g);
            long previous = before.of(GROUP, g).posts();
            NavigableMap<Instant, Tally> series = now.byFieldOverTime().get(GROUP).getOrDefault(g, new TreeMap<>());
            List<Dashboard.Point> points = new ArrayList<>();
            for (Instant s = interval.align(period.from()); s.isBefore(period.to()); s = s.plus(interval.length())) {
                Instant from = max(s, period.from());
                Instant to = min(s.plus(interval.length()), period.to());
                Tally b = series.getOrDefault(s, Tally.EMPTY);
                points.add(new Dashboard.Point(from, to, b.posts(), Figures.round(b.net()),
                        scope.drill(from, to, b.posts(), Scope.term(GROUP, g))));
            }
            voices.add(new Dashboard.GroupVoice(g, groupLabels.getOrDefault(g, g), t.posts(),
                    Figures.share(t.posts(), total), Figures.round(t.net()), t.sided() < properties.fewPosts(),
                    previous, Figures.relativeChange(t.posts(), previous),
                    scope.drill(period.window(), t.posts(), Scope.term(GROUP, g)), points));
        }
        voices.sort(Comparator.comparingLong(Dashboard.GroupVoice::posts).reversed()
                .thenComparing(Dashboard.GroupVoice::group));
        return voices;
    }

    private List<Dashboard.ThemeStat> themes(Scope scope, TimeWindow w, Summary now, Summary before,
            Map<String, String> themeLabels) {
        Set<String> names = new LinkedHashSet<>(now.byField().get(THEME).keySet());
        names.addAll(before.byField().get(THEME).keySet());
        long total = now.total().posts();
        List<Dashboard.ThemeStat> themes = new ArrayList<>();
        for (String name : names) {
            Tally t = now.of(THEME, name);
            Tally b = before.of(THEME, name);
            themes.add(new Dashboard.ThemeStat(name, themeLabels.getOrDefault(name, name), t.posts(),
                    Figures.share(t.posts(), total), Figures.round(t.net()), t.sided() < properties.fewPosts(),
                    b.posts(), Figures.round(b.net()), t.posts() - b.posts(), Figures.relativeChange(t.posts(), b.posts()),
                    scope.drill(w, t.posts(), Scope.term(THEME, name))));
        }
        themes.sort(Comparator.comparingLong(Dashboard.ThemeStat::posts).reversed()
                .thenComparing(Dashboard.ThemeStat::theme));
        return themes;
    }

    private List<Dashboard.CraftStat> crafts(Scope scope, TimeWindow w, Summary now, Summary before,
            Map<String, String> craftLabels) {
        Set<String> names = new LinkedHashSet<>(now.byField().get(CRAFT).keySet());
        names.addAll(before.byField().get(CRAFT).keySet());
        List<Dashboard.CraftStat> crafts = new ArrayList<>();
        for (String name : names) {
            long n = now.of(CRAFT, name).posts();
            long b = before.of(CRAFT, name).posts();
            crafts.add(new Dashboard.CraftStat(name, craftLabels.getOrDefault(name, name), n, b, n - b,
                    Figures.relativeChange(n, b), scope.drill(w, n, Scope.term(CRAFT, name))));
        }
        crafts.sort(Comparator.comparingLong(Dashboard.CraftStat::posts).reversed()
                .thenComparing(Dashboard.CraftStat::craft));
        return crafts;
    }

    private List<Dashboard.Share> shares(Scope scope, TimeWindow w, Summary now, String field, long total) {
        List<Dashboard.Share> shares = new ArrayList<>();
        now.byField().get(field).forEach((value, t) -> shares.add(new Dashboard.Share(value, t.posts(),
                Figures.share(t.posts(), total), Figures.round(t.net()), scope.drill(w, t.posts(), Scope.term(field, value)))));
        return shares;
    }

    private Dashboard.TopAuthor author(Scope scope, TimeWindow w, PostStatistics.AuthorTotal a,
            Map<String, String> groupLabels) {
        return new Dashboard.TopAuthor(a.author(), a.group(), a.group() == null ? null
                : groupLabels.getOrDefault(a.group(), a.group()), a.posts(), a.engagement(),
                scope.drill(w, a.posts(), Scope.term(AUTHOR, a.author())));
    }

    private List<Dashboard.Statement> statements(Scope scope, TrackedEvent event, List<PostStatistics.Dated> dated,
            Shown loaded, String union) {
        Duration hours = Duration.ofHours(properties.reactionHours());
        List<Post> shown = dated.stream().map(d -> loaded.posts().get(d.postId()))
                .filter(java.util.Objects::nonNull).toList(); // absent when deleted since it was indexed
        List<TimeWindow> after = shown.stream().map(p -> new TimeWindow(p.publishedAt(), p.publishedAt().plus(hours)))
                .toList();
        List<Tally> reactions = statistics.tallies(scope.compute(Scope.not(union)), after);
        List<Dashboard.Statement> statements = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Post p = shown.get(i);
            Sentiment s = loaded.sentiments().get(p.id());
            Labels l = loaded.labels().getOrDefault(p.id(), Labels.NONE);
            Tally reaction = reactions.get(i);
            statements.add(new Dashboard.Statement(p.id(), p.publishedAt(), p.author().handle(), p.author().name(),
                    p.source(), l.stance() == null ? null : l.stance().name(),
                    s == null ? null : s.label().key(), s == null ? null : Figures.round(s.score()),
                    KeySentences.pick(p.text(), loaded.sentences().getOrDefault(p.id(), List.of()), event.parties()),
                    p.url(),
                    new Dashboard.Reaction(after.get(i).from(), after.get(i).to(), reaction.posts(), reaction.negative(),
                            reaction.positive(), Figures.round(reaction.net()), reaction.sided() < properties.fewPosts(),
                            scope.drill(after.get(i), reaction.posts(), Scope.not(union)))));
        }
        return statements;
    }

    /** The posts shown, with their analyses, labels and (for statements) sentences. */
    private record Shown(Map<Long, Post> posts, Map<Long, Sentiment> sentiments, Map<Long, Labels> labels,
            Map<Long, List<SentenceSentiment>> sentences) {

        Optional<Dashboard.PostCard> card(long id) {
            Post p = posts.get(id);
            if (p == null) {
                return Optional.empty();
            }
            Sentiment s = sentiments.get(id);
            Label group = labels.getOrDefault(id, Labels.NONE).group();
            return Optional.of(new Dashboard.PostCard(p.id(), p.publishedAt(), p.source(), p.author().handle(),
                    p.author().name(), group == null ? null : group.name(),
                    s != null && s.lang() != null ? s.lang() : p.language(), s == null ? null : s.label().key(),
                    s == null ? null : Figures.round(s.score()), p.metrics().total(), KeySentences.cut(p.text(), 280),
                    p.url()));
        }
    }

    private Shown load(Collection<Long> ids, Collection<Long> withSentences) {
        return new Shown(posts.findByIds(ids), analyses.findSummaries(ids), labels.find(ids),
                withSentences.isEmpty() ? Map.of() : analyses.findSentences(withSentences));
    }

    private static Map<String, String> labelsOf(List<NamedQueries.Definition> definitions) {
        Map<String, String> m = new LinkedHashMap<>();
        definitions.forEach(d -> m.put(d.name(), d.label()));
        return m;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
