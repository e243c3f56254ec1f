package org.reelpulse.report;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelService;
import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.reelpulse.event.EventService;
import org.reelpulse.post.PostRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Creating, changing and removing report subscriptions, for the API and the view alike. Everything is
 * checked before it is stored; a refusal names the field and says what to change.
 */
@Service
public class SubscriptionService {

    static final int MAX_RECIPIENTS = 100;
    static final int MAX_EVENTS = 10;
    /** As the dashboard reads them: a language code, or "unknown" for posts without one. */
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}|unknown");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    private final SubscriptionRepository repository;
    private final EventService events;
    private final LabelService labels;
    private final PostRepository posts;
    private final Clock clock;

    SubscriptionService(SubscriptionRepository repository, EventService events, LabelService labels,
            PostRepository posts, Clock clock) {
        this.posts = posts;
        this.repository = repository;
        this.events = events;
        this.labels = labels;
        this.clock = clock;
    }

    /** Every subscription, by name. */
    public List<Subscription> list() {
        return repository.findAll();
    }

    /** The subscription with this id, or a {@link NotFoundException}. */
    public Subscription get(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("There is no report subscription " + id
                + "; GET /api/subscriptions lists them."));
    }

    /** Stores a new subscription made by {@code user}; refuses a name that is taken. */
    public Subscription create(SubscriptionInput input, String user) {
        Instant now = clock.instant();
        Subscription s = checked(0, input, user, now, now);
        if (repository.findByName(s.name()).isPresent()) {
            throw taken(s.name());
        }
        try {
            return repository.save(s);
        } catch (DuplicateKeyException race) {
            throw taken(s.name());
        }
    }

    /** Replaces every field of the subscription with this id. */
    public Subscription update(long id, SubscriptionInput input) {
        Subscription existing = get(id);
        Subscription s = checked(id, input, existing.createdBy(), existing.createdAt(), clock.instant());
        repository.findByName(s.name()).filter(other -> other.id() != id).ifPresent(other -> {
            throw taken(s.name());
        });
        try {
            return repository.save(s);
        } catch (DuplicateKeyException race) {
            throw taken(s.name());
        }
    }

    /** Removes the subscription and its history. */
    public void delete(long id) {
        if (!repository.delete(id)) {
            throw new NotFoundException("There is no report subscription " + id + " to delete.");
        }
    }

    private static UserInputException taken(String name) {
        return problem("name", "A subscription named '" + name + "' exists already: choose another name.");
    }

    private static UserInputException problem(String field, String message) {
        return new UserInputException(message, Map.of("field", field));
    }

    /** The subscription the input describes, normalised, or the first problem found. */
    Subscription checked(long id, SubscriptionInput in, String user, Instant created, Instant updated) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw problem("name", "Give the subscription a name of 1 to 200 characters, e.g. \"Monday brief\".");
        }
        List<String> recipients = recipients(in.recipients());
        Set<String> slugs = new LinkedHashSet<>();
        for (String e : in.events() == null ? List.<String>of() : in.events()) {
            String slug = e == null ? "" : e.strip();
            if (events.find(slug).isEmpty()) {
                throw problem("events", "There is no tracked event '" + slug + "': pick events from GET /api/events.");
            }
            slugs.add(slug);
        }
        if (slugs.isEmpty() || slugs.size() > MAX_EVENTS) {
            throw problem("events", "A report covers 1 to " + MAX_EVENTS + " tracked events; pick them from GET "
                    + "/api/events.");
        }
        List<String> sources = values("sources", in.sources(), SOURCE, "source names such as bluesky or mastodon");
        if (!sources.isEmpty()) {
            // the dashboard refuses a source that does not exist; so must the subscription, or every send fails
            Set<String> knownSources = posts.sourceIds();
            for (String source : sources) {
                if (!knownSources.contains(source)) {
                    throw problem("sources", "'" + source + "' is not a source; they are "
                            + String.join(", ", new java.util.TreeSet<>(knownSources)) + ".");
                }
            }
        }
        List<String> langs = values("langs", in.langs(), LANG, "language codes such as en or fr");
        List<String> groups = values("groups", in.groups(), null, null);
        List<String> known = labels.names(LabelKind.GROUP);
        for (String g : groups) {
            if (!known.contains(g)) {
                throw problem("groups", "'" + g + "' is not a stakeholder group; they are " + String.join(", ", known)
                        + ".");
            }
        }
        DayOfWeek weekday = weekday(in.weekday());
        LocalTime time = time(in.time());
        ZoneId zone = zone(in.zone());
        String language = in.language() == null || in.language().isBlank() ? "en"
                : in.language().strip().toLowerCase(Locale.ROOT);
        if (!Subscription.LANGUAGES.contains(language)) {
            throw problem("language", "Reports are written in " + String.join(" or ", Subscription.LANGUAGES)
                    + "; not '" + in.language() + "'.");
        }
        return new Subscription(id, name, recipients, List.copyOf(slugs), sources, langs, groups, weekday, time, zone,
                language, in.pseudonymise() == null || in.pseudonymise(), in.enabled() == null || in.enabled(), user,
                created, updated);
    }

    private static List<String> recipients(List<String> given) {
        Set<String> recipients = new LinkedHashSet<>();
        for (String r : given == null ? List.<String>of() : given) {
            for (String address : (r == null ? "" : r).split("[,;\\s]+")) {
                if (address.isBlank()) {
                    continue;
                }
                try {
                    InternetAddress a = new InternetAddress(address.strip(), true);
                    a.validate();
                    if (a.getAddress().indexOf('@') < 1) {
                        throw new AddressException("no domain");
                    }
                    recipients.add(a.getAddress());
                } catch (AddressException e) {
                    throw problem("recipients", "'" + address.strip() + "' is not an email address: write addresses "
                            + "like name@example.org, separated by commas or new lines.");
                }
            }
        }
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw problem("recipients", "Give 1 to " + MAX_RECIPIENTS + " email addresses to send the report to.");
        }
        return new ArrayList<>(recipients);
    }

    private static List<String> values(String field, List<String> given, Pattern pattern, String what) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : given == null ? List.<String>of() : given) {
            String value = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (pattern != null && !pattern.matcher(value).matches()) {
                throw problem(field, "'" + v + "' is not one of the " + what + ".");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    private static DayOfWeek weekday(String given) {
        if (given == null || given.isBlank()) {
            return DayOfWeek.MONDAY;
        }
        try {
            return DayOfWeek.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem("weekday", "'" + given + "' is not a day of the week: write MONDAY … SUNDAY.");
        }
    }

    private static LocalTime time(String given) {
        if (given == null || given.isBlank()) {
            return LocalTime.of(8, 0);
        }
        try {
            return LocalTime.parse(given.strip()).withSecond(0).withNano(0);
        } catch (DateTimeParseException e) {
            throw problem("time", "'" + given + "' is not a time of day: write hours and minutes, e.g. 08:00.");
        }
    }

    private static ZoneId zone(String given) {
        if (given == null || given.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(given.strip());
        } catch (DateTimeException e) {
            throw problem("zone", "'" + given + "' is not a time zone: write a region like Europe/Paris or "
                    + "America/Los_Angeles, or UTC.");
        }
    }
}
