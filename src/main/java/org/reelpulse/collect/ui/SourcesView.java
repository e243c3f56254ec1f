package org.reelpulse.collect.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.BackgroundLoader;
import org.reelpulse.base.ui.ConfirmDelete;
import org.reelpulse.base.ui.FormProblems;
import org.reelpulse.collect.CollectNow;
import org.reelpulse.collect.CollectSource;
import org.reelpulse.collect.SourceInput;
import org.reelpulse.collect.SourceOverview;
import org.reelpulse.collect.SourceRun;
import org.reelpulse.collect.SourceService;
import org.reelpulse.collect.SourceTest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Where ReelPulse collects from, for admins: each source's health, what it collected today and in all,
 * its lag; adding and changing sources (credentials write-only), testing one before saving it,
 * pausing, collecting now, its runs, and deleting it.
 */
@Route("sources")
@PageTitle("Sources · ReelPulse")
@Menu(title = "Sources", order = 6, icon = "vaadin:plug")
@RolesAllowed("ADMIN")
public class SourcesView extends VerticalLayout {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceService sources;
    private final BackgroundLoader loader;
    private final Grid<SourceOverview> grid = new Grid<>();

    public SourcesView(SourceService sources, BackgroundLoader loader) {
        this.sources = sources;
        this.loader = loader;
        addClassName("rp-view");
        setSizeFull();
        Paragraph intro = new Paragraph("Times are UTC. Each source is asked for what is new on its schedule (an interval like "
                + "PT15M, or six cron fields read in UTC). Today counts the items stored as new since midnight UTC; "
                + "lag is the median time between a post's publication and its collection, over the posts published in "
                + "the last 24 hours. "
                + "Suggested sources from the catalog start paused: test one, give credentials where it needs them, "
                + "then resume it.");
        intro.addClassName("rp-muted");
        intro.setId("sources-intro");
        Button add = new Button("Add source…", e -> edit(null));
        add.setId("source-new");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button refresh = new Button("Refresh", e -> refresh());
        refresh.setId("sources-refresh");

        grid.setId("sources-grid");
        // the short columns take the width of what they show (measured again on each refresh)
        grid.addComponentColumn(SourcesView::nameAndKind).setHeader("Source (kind · schedule)").setWidth("11em")
                .setFlexGrow(2);
        grid.addComponentColumn(s -> statusBadge(s.source().status())).setHeader("Status").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> moment(s.source().lastSuccessAt())).setHeader("Last success").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> s.source().lastError() == null ? "" : moment(s.source().lastErrorAt()) + ": "
                + s.source().lastError()).setHeader("Last error").setWidth("8em").setFlexGrow(3)
                .setTooltipGenerator(s -> s.source().lastError());
        grid.addColumn(s -> s.itemsToday() + " / " + s.itemsTotal()).setHeader("Today / all").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> lag(s.lag())).setHeader("Lag").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("8.5em").setFlexGrow(0);
        grid.setEmptyStateText("No source yet: add one with Add source….");
        grid.setSizeFull();
        add(intro, new HorizontalLayout(add, refresh), grid);
        refresh();
    }

    private static Div nameAndKind(SourceOverview o) {
        Div kind = new Div(o.source().kind() + " · " + o.source().schedule().text());
        kind.addClassName("rp-muted");
        kind.getStyle().set("font-size", "var(--lumo-font-size-s)");
        return new Div(new Div(o.source().name()), kind);
    }

    /** "Collect now", the most used, as a button; the rest in a menu so the row stays narrow. */
    private HorizontalLayout actions(SourceOverview o) {
        CollectSource s = o.source();
        Button collect = small("Collect now", () -> collectNow(s));
        collect.setId("source-collect-" + s.id());
        MenuBar more = new MenuBar();
        more.setId("source-actions-" + s.id());
        more.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
        MenuItem top = more.addItem(new Icon("vaadin:ellipsis-dots-h"));
        top.setAriaLabel("More for " + s.name());
        SubMenu menu = top.getSubMenu();
        menu.addItem("Change…", e -> edit(s)).setId("source-edit-" + s.id());
        menu.addItem(s.enabled() ? "Pause" : "Resume", e -> {
            CollectSource changed = s.enabled() ? sources.pause(s.id()) : sources.resume(s.id());
            Notification.show(changed.name() + (changed.enabled() ? " runs on its schedule again." : " is paused."));
            refresh();
        }).setId("source-pause-" + s.id());
        menu.addItem("Runs…", e -> runs(s)).setId("source-runs-" + s.id());
        menu.addItem("Delete…", e -> confirmDelete(s)).setId("source-delete-" + s.id());
        HorizontalLayout actions = new HorizontalLayout(collect, more);
        actions.setSpacing(false);
        actions.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        return actions;
    }

    private static Button small(String text, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private void refresh() {
        grid.setItems(sources.overview());
        grid.recalculateColumnWidths();
    }

    /** The status as a coloured badge with its word (colour is never the only signal). */
    static Span statusBadge(String status) {
        Span badge = new Span(status.replace('-', ' '));
        badge.addClassNames("rp-source-status", status);
        badge.getElement().getThemeList().add("badge");
        switch (status) {
            case CollectSource.HEALTHY, SourceRun.OK -> badge.getElement().getThemeList().add("success");
            case CollectSource.FAILING, SourceRun.FAILED -> badge.getElement().getThemeList().add("error");
            case CollectSource.NEEDS_CREDENTIALS -> badge.getElement().getThemeList().addAll(List.of("error",
                    "primary"));
            case CollectSource.PAUSED, CollectSource.NEW -> badge.getElement().getThemeList().add("contrast");
            default -> { }
        }
        return badge;
    }

    static String moment(Instant t) {
        return t == null ? "" : MOMENT.format(t);
    }

    /** A lag in the largest two units that matter, "" when there is nothing to measure. */
    static String lag(Duration d) {
        if (d == null) {
            return "";
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }

    // ---------------------------------------------------------------- collect now, runs, delete

    private void collectNow(CollectSource s) {
        UI ui = UI.getCurrent();
        Notification.show("Collecting " + s.name() + "…");
        loader.load(() -> sources.collectNow(s.id()), now -> ui.access(() -> {
            if (now.isEmpty()) {
                Notification.show(s.name() + " is being collected already; refresh in a moment.");
            } else {
                Notification n = Notification.show(outcome(s, now.get()));
                n.setId("collect-result");
                n.addThemeVariants(now.get().run().status().equals(SourceRun.OK) ? NotificationVariant.LUMO_SUCCESS
                        : NotificationVariant.LUMO_WARNING);
            }
            refresh();
        }), failure -> ui.access(() -> Notification.show("Not collected: " + failure.getMessage())
                .addThemeVariants(NotificationVariant.LUMO_ERROR)));
    }

    private static String outcome(CollectSource s, CollectNow now) {
        SourceRun r = now.run();
        if (!now.finished()) {
            return s.name() + " is running; refresh to see the result.";
        }
        String counts = r.itemsNew() + " new of " + r.itemsSeen() + " seen, " + r.requests() + " request"
                + (r.requests() == 1 ? "" : "s");
        return switch (r.status()) {
            case SourceRun.OK -> s.name() + ": " + counts + ".";
            default -> s.name() + " " + r.status() + ": " + r.error() + " (" + counts + ")";
        };
    }

    private void runs(CollectSource s) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Runs of " + s.name() + " (times in UTC)");
        dialog.setWidth("min(64em, 96vw)");
        Grid<SourceRun> runs = new Grid<>();
        runs.setId("runs-grid");
        runs.addColumn(r -> moment(r.startedAt())).setHeader("Started").setAutoWidth(true);
        runs.addColumn(r -> r.finishedAt() == null ? "" : Duration.between(r.startedAt(), r.finishedAt()).toMillis()
                / 1000.0 + " s").setHeader("Took").setAutoWidth(true);
        runs.addComponentColumn(r -> statusBadge(r.status())).setHeader("Status").setAutoWidth(true);
        runs.addColumn(SourceRun::itemsSeen).setHeader("Seen").setAutoWidth(true);
        runs.addColumn(SourceRun::itemsNew).setHeader("New").setAutoWidth(true);
        runs.addColumn(SourceRun::requests).setHeader("Requests").setAutoWidth(true);
        runs.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(3);
        runs.setItems(sources.runs(s.id(), 50));
        runs.setEmptyStateText("Not run yet.");
        dialog.add(runs);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void confirmDelete(CollectSource s) {
        ConfirmDelete.open(s.name(), "Its runs and where it got to go with it; the posts it collected stay.", () -> {
            sources.delete(s.id());
            refresh();
        });
    }

    // ---------------------------------------------------------------- form

    /** The form for a new source ({@code existing} null) or for changing one. */
    private void edit(CollectSource existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New source" : "Change " + existing.name());
        dialog.setWidth("min(56em, 96vw)");
        Select<String> kind = new Select<>();
        kind.setLabel("Kind");
        kind.setId("source-form-kind");
        kind.setItems(sources.kinds());
        TextField name = new TextField("Name");
        name.setId("source-form-name");
        TextField baseUrl = new TextField("Base URL (where the kind needs one, e.g. a Mastodon instance)");
        baseUrl.setId("source-form-baseUrl");
        TextArea settings = new TextArea("Settings (JSON)");
        settings.setId("source-form-settings");
        settings.setHelperText("As docs/SOURCES.md describes for the kind, e.g. "
                + "{\"url\": \"https://variety.com/feed/\"}");
        settings.setMinHeight("8em");
        TextField schedule = new TextField("Schedule");
        schedule.setId("source-form-schedule");
        schedule.setHelperText("PT15M (every 15 minutes) or six cron fields in UTC, e.g. 0 */20 * * * *");
        Checkbox enabled = new Checkbox("Collect on schedule");
        enabled.setId("source-form-enabled");
        Credentials credentials = new Credentials(existing == null ? List.of() : existing.credentialsSet());
        if (existing != null) {
            kind.setValue(existing.kind());
            kind.setReadOnly(true);
            name.setValue(existing.name());
            baseUrl.setValue(existing.baseUrl() == null ? "" : existing.baseUrl());
            settings.setValue(existing.settings().toPrettyString());
            schedule.setValue(existing.schedule().text());
            enabled.setValue(existing.enabled());
        } else {
            kind.setValue(sources.kinds().contains("feed") ? "feed" : sources.kinds().get(0));
            settings.setPlaceholder("{\"url\": \"https://variety.com/feed/\"}");
            schedule.setValue("PT15M");
            enabled.setValue(true);
        }
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("kind", kind);
        fields.put("name", name);
        fields.put("baseUrl", baseUrl);
        fields.put("settings", settings);
        fields.put("schedule", schedule);
        fields.put("credentials", credentials.newValue);
        FormProblems problems = new FormProblems(fields, "source-form-error");
        FormLayout form = new FormLayout(kind, name, baseUrl, schedule, settings, credentials, enabled);
        form.setColspan(settings, 2);
        form.setColspan(credentials, 2);
        form.setColspan(baseUrl, 2);
        Div tested = new Div();
        tested.setId("source-form-test-result");
        dialog.add(form, problems.message(), tested);

        Button test = new Button("Test connection", e -> {
            problems.clear();
            SourceInput input = input(kind, name, baseUrl, settings, schedule, enabled, credentials, problems);
            if (input == null) {
                return;
            }
            UI ui = UI.getCurrent();
            tested.removeAll();
            ProgressBar bar = new ProgressBar();
            bar.setIndeterminate(true);
            tested.add(new Span("Testing…"), bar);
            loader.load(() -> existing == null ? sources.test(input) : sources.test(existing.id(), input),
                    result -> ui.access(() -> showTest(tested, result)),
                    failure -> ui.access(() -> {
                        tested.removeAll();
                        if (failure instanceof UserInputException refusal) {
                            problems.show(onField(refusal));
                        } else {
                            tested.add(new Div("The test could not run: " + failure.getMessage()));
                        }
                    }));
        });
        test.setId("source-form-test");
        Button save = new Button("Save", e -> {
            problems.clear();
            SourceInput input = input(kind, name, baseUrl, settings, schedule, enabled, credentials, problems);
            if (input == null) {
                return;
            }
            try {
                CollectSource saved = existing == null ? sources.create(input) : sources.update(existing.id(), input);
                dialog.close();
                refresh();
                String next = saved.enabled() ? "; next run " + moment(saved.nextRunAt()) + " UTC" : "; paused";
                Notification.show("Saved " + saved.name() + next + ".").addThemeVariants(
                        NotificationVariant.LUMO_SUCCESS);
            } catch (UserInputException refusal) {
                problems.show(onField(refusal));
            }
        });
        save.setId("source-form-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), test, save);
        dialog.open();
        name.focus();
    }

    /** The form as the service takes it, or null when the settings are not JSON (shown on the field). */
    private static SourceInput input(Select<String> kind, TextField name, TextField baseUrl, TextArea settings,
            TextField schedule, Checkbox enabled, Credentials credentials, FormProblems problems) {
        JsonNode json;
        try {
            json = settings.getValue().isBlank() ? null : JSON.readTree(settings.getValue());
        } catch (JsonProcessingException e) {
            problems.show(new UserInputException("The settings are not JSON (" + e.getOriginalMessage() + "); write "
                    + "an object like {\"url\": \"https://variety.com/feed/\"}.", Map.of("field", "settings")));
            return null;
        }
        return new SourceInput(kind.getValue(), name.getValue(), baseUrl.getValue(), json, credentials.changes(),
                schedule.getValue(), enabled.getValue());
    }

    /** A refusal of {@code settings.url} or {@code credentials.token} shown on the settings or credentials field. */
    private static UserInputException onField(UserInputException refusal) {
        Object field = refusal.details().get("field");
        if (field instanceof String f && f.contains(".")) {
            return new UserInputException(refusal.getMessage(), Map.of("field", f.substring(0, f.indexOf('.'))));
        }
        return refusal;
    }

    private static void showTest(Div tested, SourceTest t) {
        tested.removeAll();
        Span badge = statusBadge(t.status().equals(SourceTest.OK) ? CollectSource.HEALTHY : t.status());
        badge.setText(t.status().replace('-', ' '));
        Paragraph summary = new Paragraph(t.message() + " Seen " + t.itemsSeen() + ", " + t.itemsNew()
                + " not stored yet; " + t.requests() + " request" + (t.requests() == 1 ? "" : "s") + ".");
        summary.setId("source-form-test-summary");
        tested.add(badge, summary);
        if (!t.samples().isEmpty()) {
            UnorderedList samples = new UnorderedList();
            samples.setId("source-form-test-samples");
            for (SourceTest.Sample s : t.samples()) {
                samples.add(new ListItem(s.text() + (s.url() == null ? "" : " — " + s.url())));
            }
            tested.add(samples);
        }
    }

    /**
     * Credentials, write-only: the keys that are set show as empty password fields (blank keeps the value,
     * "Remove" drops the key); a new key and its value can be added. Values are never shown.
     */
    private static final class Credentials extends VerticalLayout {

        private final Map<String, PasswordField> existing = new LinkedHashMap<>();
        private final java.util.Set<String> removed = new java.util.HashSet<>();
        final TextField newKey = new TextField("New credential name");
        final PasswordField newValue = new PasswordField("Its value");

        Credentials(List<String> set) {
            setPadding(false);
            setSpacing(false);
            add(new Span(set.isEmpty() ? "Credentials: none set." : "Credentials set: " + String.join(", ", set)
                    + ". Values are never shown; leave a field blank to keep it."));
            for (String key : set) {
                PasswordField f = new PasswordField(key);
                f.setId("source-form-credential-" + key);
                f.setPlaceholder("set (blank keeps it)");
                existing.put(key, f);
                Button remove = new Button("Remove", e -> {
                    removed.add(key);
                    f.setEnabled(false);
                    f.setPlaceholder("removed when saved");
                });
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                HorizontalLayout row = new HorizontalLayout(f, remove);
                row.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
                add(row);
            }
            newKey.setId("source-form-credential-name");
            newKey.setPlaceholder("token");
            newValue.setId("source-form-credential-value");
            newValue.setHelperText("A secret (stored encrypted) or a reference like ${MASTODON_TOKEN}");
            add(new HorizontalLayout(newKey, newValue));
        }

        /** Null when nothing changed (the stored ones are kept); else the keys to set or (empty) remove. */
        Map<String, String> changes() {
            Map<String, String> out = new LinkedHashMap<>();
            existing.forEach((key, f) -> {
                if (removed.contains(key)) {
                    out.put(key, "");
                } else if (!f.getValue().isEmpty()) {
                    out.put(key, f.getValue());
                }
            });
            if (!newKey.getValue().isBlank() && !newValue.getValue().isEmpty()) {
                out.put(newKey.getValue().strip(), newValue.getValue());
            }
            return out.isEmpty() ? null : out;
        }
    }
}
