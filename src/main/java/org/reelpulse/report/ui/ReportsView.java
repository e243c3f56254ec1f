package org.reelpulse.report.ui;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelService;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.BackgroundLoader;
import org.reelpulse.base.ui.ConfirmDelete;
import org.reelpulse.base.ui.FormProblems;
import org.reelpulse.event.EventService;
import org.reelpulse.report.RenderedReport;
import org.reelpulse.report.ReportSend;
import org.reelpulse.report.ReportService;
import org.reelpulse.report.ReportWeek;
import org.reelpulse.report.Subscription;
import org.reelpulse.report.SubscriptionInput;
import org.reelpulse.report.SubscriptionService;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Weekly report subscriptions for analysts and admins: who gets which events' week, when, in which
 * language; a preview of a week's report exactly as it is sent (and its PDF), "send now" for a chosen
 * week, and the history of every send with each recipient's status.
 */
@Route("reports")
@PageTitle("Weekly reports · ReelPulse")
@Menu(title = "Weekly reports", order = 4, icon = "vaadin:envelope")
@RolesAllowed("ANALYST")
public class ReportsView extends VerticalLayout {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
            Locale.ENGLISH);

    private final SubscriptionService subscriptions;
    private final ReportService reports;
    private final EventService events;
    private final LabelService labels;
    private final BackgroundLoader loader;
    private final transient AuthenticationContext auth;
    private final Clock clock;
    private final Grid<Subscription> grid = new Grid<>();

    public ReportsView(SubscriptionService subscriptions, ReportService reports, EventService events,
            LabelService labels, BackgroundLoader loader, AuthenticationContext auth, Clock clock) {
        this.subscriptions = subscriptions;
        this.reports = reports;
        this.events = events;
        this.labels = labels;
        this.loader = loader;
        this.auth = auth;
        this.clock = clock;
        addClassName("rp-view");
        setSizeFull();
        Paragraph intro = new Paragraph("A subscription sends the week's report on its events to its recipients, "
                + "as an email with the charts and a PDF. Each week's report goes out once, at the time chosen, in "
                + "the subscription's time zone; it covers the seven days before. Reports go to "
                + reports.destination() + ".");
        intro.addClassName("rp-muted");
        intro.setId("reports-intro");
        Button add = new Button("New subscription…", e -> edit(null));
        add.setId("subscription-new");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("subscriptions-grid");
        grid.addColumn(Subscription::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(s -> s.recipients().size() == 1 ? s.recipients().get(0)
                : s.recipients().get(0) + " and " + (s.recipients().size() - 1) + " more").setHeader("Recipients")
                .setFlexGrow(2);
        grid.addColumn(s -> String.join(", ", s.events())).setHeader("Events").setFlexGrow(2);
        grid.addColumn(ReportsView::schedule).setHeader("Schedule").setAutoWidth(true);
        grid.addColumn(s -> s.language().toUpperCase(Locale.ROOT) + (s.pseudonymise() ? ", pseudonyms" : ", names"))
                .setHeader("Report").setAutoWidth(true);
        grid.addColumn(s -> s.enabled() ? MOMENT.format(ReportWeek.next(clock.instant(), s.weekday(), s.time(),
                s.zone()).at().atZone(s.zone())) : "paused").setHeader("Next").setAutoWidth(true);
        grid.addComponentColumn(s -> {
            // sending now goes through the preview: what is sent is seen first
            Button preview = small("Preview and send…", () -> preview(s));
            preview.setId("subscription-preview-" + s.id());
            Button history = small("History…", () -> history(s));
            history.setId("subscription-history-" + s.id());
            Button change = small("Change…", () -> edit(s));
            change.setId("subscription-edit-" + s.id());
            Button delete = small("Delete…", () -> confirmDelete(s));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.setId("subscription-delete-" + s.id());
            return new HorizontalLayout(preview, history, change, delete);
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No one gets a weekly report yet: add a subscription with New subscription….");
        add(intro, add, grid);
        refresh();
    }

    private static Button small(String text, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private static String schedule(Subscription s) {
        return s.weekday().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s " + s.time() + " " + s.zone().getId();
    }

    private void refresh() {
        grid.setItems(subscriptions.list());
    }

    private void confirmDelete(Subscription s) {
        ConfirmDelete.open(s.name(), "Its recipients get no more reports, and the history of its sends is deleted "
                + "with it.", () -> {
                    subscriptions.delete(s.id());
                    refresh();
                    Notification.show("Deleted " + s.name() + ".");
                });
    }

    // ---------------------------------------------------------------- preview and send

    /** The report of a chosen week as it is sent, with its PDF, and "send now". */
    private void preview(Subscription s) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Report: " + s.name());
        dialog.setWidth("min(60em, 96vw)");
        dialog.setHeight("90vh");
        Select<ReportWeek> week = new Select<>();
        week.setId("preview-week");
        week.setLabel("Week");
        week.setWidth("30em");
        List<ReportWeek> weeks = reports.weeks(s);
        week.setItems(weeks);
        week.setItemLabelGenerator(w -> w.id() + ": " + MOMENT.format(w.from().atZone(s.zone())) + " to "
                + MOMENT.format(w.at().atZone(s.zone())));
        Div status = new Div();
        status.setId("preview-status");
        IFrame frame = new IFrame();
        frame.setId("preview-frame");
        frame.setTitle("The report as it is sent");
        // the report has no script; an empty sandbox keeps it so whatever it contains
        frame.getElement().setAttribute("sandbox", "");
        frame.setWidthFull();
        frame.setHeight("100%");
        frame.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("min-height", "30em")
                .set("background", "white");
        Div pdf = new Div();
        pdf.setId("preview-pdf");
        Button send = new Button("Send this week's report now…");
        send.setId("preview-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setEnabled(false);
        send.addClickListener(e -> confirmSend(s, week.getValue(), dialog));
        week.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                render(s, e.getValue(), frame, pdf, status, send);
            }
        });
        VerticalLayout body = new VerticalLayout(new HorizontalLayout(week, pdf), status, frame);
        body.setPadding(false);
        body.setSizeFull();
        body.setFlexGrow(1, frame);
        dialog.add(body);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()), send);
        dialog.open();
        ReportWeek suggested = reports.week(s, null);
        weeks.stream().filter(w -> w.id().equals(suggested.id())).findFirst()
                .or(() -> weeks.stream().findFirst()).ifPresent(week::setValue);
    }

    private void render(Subscription s, ReportWeek week, IFrame frame, Div pdf, Div status, Button send) {
        UI ui = UI.getCurrent();
        send.setEnabled(false);
        pdf.removeAll();
        status.removeAll();
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        status.add(new Span("Building the report for " + week.id() + "…"), bar);
        loader.load(() -> reports.render(s.id(), week.id()), r -> ui.access(() -> {
            status.removeAll();
            frame.setSrcdoc(r.htmlForBrowser());
            Anchor link = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                    new ByteArrayInputStream(r.pdf()), r.pdfFileName(), "application/pdf", r.pdf().length)),
                    "PDF as attached (" + Math.max(1, r.pdf().length / 1024) + " KB)");
            link.setId("preview-pdf-link");
            link.getElement().setAttribute("download", true);
            pdf.add(link, subject(r));
            send.setEnabled(true);
        }), failure -> ui.access(() -> {
            status.removeAll();
            Div error = new Div(failure instanceof UserInputException ? failure.getMessage()
                    : "The report could not be built: " + failure.getMessage());
            error.addClassName("rp-error");
            status.add(error);
        }));
    }

    private static Span subject(RenderedReport r) {
        Span s = new Span("Subject: " + r.subject());
        s.setId("preview-subject");
        s.addClassName("rp-muted");
        s.getStyle().set("margin-left", "var(--lumo-space-m)");
        return s;
    }

    private void confirmSend(Subscription s, ReportWeek week, Dialog preview) {
        ConfirmDialog confirm = new ConfirmDialog("Send the " + week.id() + " report now?", "It goes to "
                + s.recipients().size() + " recipient" + (s.recipients().size() == 1 ? "" : "s") + " ("
                + String.join(", ", s.recipients()) + "), beside the scheduled reports.", "Send", c -> {
                    UI ui = UI.getCurrent();
                    String user = auth.getPrincipalName().orElse("anonymous");
                    Notification.show("Sending the " + week.id() + " report…");
                    loader.load(() -> reports.sendNow(s.id(), week.id(), user), sent -> ui.access(() -> {
                        Notification n = Notification.show(outcome(sent));
                        n.addThemeVariants(sent.status().equals("sent") ? NotificationVariant.LUMO_SUCCESS
                                : NotificationVariant.LUMO_WARNING);
                        preview.close();
                        history(s);
                    }), failure -> ui.access(() -> Notification.show("Not sent: " + failure.getMessage())
                            .addThemeVariants(NotificationVariant.LUMO_ERROR)));
                });
        confirm.setCancelable(true);
        confirm.open();
    }

    private static String outcome(ReportSend send) {
        long sent = send.deliveries().stream().filter(d -> d.status().equals("sent")).count();
        return switch (send.status()) {
            case "sent" -> "Sent to " + sent + " recipient" + (sent == 1 ? "" : "s") + ".";
            case "partial" -> "Sent to " + sent + " of " + send.deliveries().size() + " recipients; see the history.";
            case "retrying" -> "The mail server could not be reached; ReelPulse tries again by itself. " + send.error();
            default -> "Not sent: " + send.error();
        };
    }

    // ---------------------------------------------------------------- history

    private void history(Subscription s) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Sends of " + s.name());
        dialog.setWidth("min(64em, 96vw)");
        Grid<ReportSend> sends = new Grid<>();
        sends.setId("sends-grid");
        sends.addColumn(ReportSend::week).setHeader("Week").setAutoWidth(true);
        sends.addColumn(r -> r.kind().equals("manual") ? "sent now by " + r.requestedBy() : "scheduled")
                .setHeader("How").setAutoWidth(true);
        sends.addColumn(r -> MOMENT.format(r.dueAt().atZone(s.zone()))).setHeader("Due or asked").setAutoWidth(true);
        sends.addComponentColumn(r -> statusBadge(r.status())).setHeader("Status").setAutoWidth(true);
        sends.addColumn(r -> r.deliveries().stream().filter(d -> d.status().equals("sent")).count() + " / "
                + r.deliveries().size()).setHeader("Recipients served").setAutoWidth(true);
        sends.addColumn(r -> r.attempts()).setHeader("Attempts").setAutoWidth(true);
        sends.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(3);
        sends.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(r -> {
            VerticalLayout v = new VerticalLayout();
            v.setPadding(false);
            v.setSpacing(false);
            for (ReportSend.Delivery d : r.deliveries()) {
                v.add(new Span(d.recipient() + ": " + d.status() + (d.sentAt() == null ? ""
                        : " at " + MOMENT.format(d.sentAt().atZone(s.zone()))) + (d.error() == null ? ""
                        : " (" + d.error() + ")")));
            }
            return v;
        }));
        sends.setItems(reports.history(s.id()));
        sends.setEmptyStateText("Nothing sent yet. The next report is due "
                + MOMENT.format(ReportWeek.next(clock.instant(), s.weekday(), s.time(), s.zone()).at()
                        .atZone(s.zone())) + " (" + s.zone().getId() + ").");
        dialog.add(sends);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private static Span statusBadge(String status) {
        Span badge = new Span(status);
        badge.getElement().getThemeList().add("badge");
        switch (status) {
            case "sent" -> badge.getElement().getThemeList().add("success");
            case "failed", "partial" -> badge.getElement().getThemeList().add("error");
            case "skipped" -> badge.getElement().getThemeList().add("contrast");
            default -> { }
        }
        return badge;
    }

    // ---------------------------------------------------------------- form

    /** The form for a new subscription ({@code existing} null) or for changing one. */
    private void edit(Subscription existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New subscription" : "Change " + existing.name());
        dialog.setWidth("min(52em, 95vw)");
        TextField name = new TextField("Name");
        name.setId("subscription-form-name");
        TextArea recipients = new TextArea("Recipients (email addresses, one per line or separated by commas)");
        recipients.setId("subscription-form-recipients");
        MultiSelectComboBox<String> eventSlugs = new MultiSelectComboBox<>("Events");
        eventSlugs.setId("subscription-form-events");
        Map<String, String> eventNames = new LinkedHashMap<>();
        events.list().forEach(e -> eventNames.put(e.slug(), e.name()));
        eventSlugs.setItems(eventNames.keySet());
        eventSlugs.setItemLabelGenerator(slug -> eventNames.getOrDefault(slug, slug));
        TextField sources = new TextField("Only these sources (comma-separated; empty: all)");
        sources.setId("subscription-form-sources");
        TextField langs = new TextField("Only these languages (comma-separated codes; empty: all)");
        langs.setId("subscription-form-langs");
        MultiSelectComboBox<String> groups = new MultiSelectComboBox<>("Only these stakeholder groups (empty: all)");
        groups.setId("subscription-form-groups");
        groups.setItems(labels.names(LabelKind.GROUP));
        groups.setItemLabelGenerator(g -> labels.title(LabelKind.GROUP, g));
        Select<DayOfWeek> weekday = new Select<>();
        weekday.setLabel("Day");
        weekday.setId("subscription-form-weekday");
        weekday.setItems(DayOfWeek.values());
        weekday.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        TimePicker time = new TimePicker("Time");
        time.setId("subscription-form-time");
        ComboBox<String> zone = new ComboBox<>("Time zone");
        zone.setId("subscription-form-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC")).sorted()
                .toList());
        Select<String> language = new Select<>();
        language.setLabel("Language of the report");
        language.setId("subscription-form-language");
        language.setItems(Subscription.LANGUAGES);
        language.setItemLabelGenerator(l -> Locale.forLanguageTag(l).getDisplayLanguage(Locale.ENGLISH));
        Checkbox pseudonymise = new Checkbox("Pseudonymise private individuals (unions, studios, AI companies, press "
                + "and public bodies keep their names)");
        pseudonymise.setId("subscription-form-pseudonymise");
        Checkbox enabled = new Checkbox("Send on schedule");
        enabled.setId("subscription-form-enabled");
        if (existing != null) {
            name.setValue(existing.name());
            recipients.setValue(String.join("\n", existing.recipients()));
            eventSlugs.setValue(new java.util.LinkedHashSet<>(existing.events()));
            sources.setValue(String.join(", ", existing.sources()));
            langs.setValue(String.join(", ", existing.langs()));
            groups.setValue(new java.util.LinkedHashSet<>(existing.groups()));
            weekday.setValue(existing.weekday());
            time.setValue(existing.time());
            zone.setValue(existing.zone().getId());
            language.setValue(existing.language());
            pseudonymise.setValue(existing.pseudonymise());
            enabled.setValue(existing.enabled());
        } else {
            weekday.setValue(DayOfWeek.MONDAY);
            time.setValue(LocalTime.of(8, 0));
            zone.setValue("UTC");
            language.setValue("en");
            pseudonymise.setValue(true);
            enabled.setValue(true);
        }
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("recipients", recipients);
        fields.put("events", eventSlugs);
        fields.put("sources", sources);
        fields.put("langs", langs);
        fields.put("groups", groups);
        fields.put("weekday", weekday);
        fields.put("time", time);
        fields.put("zone", zone);
        fields.put("language", language);

        FormLayout form = new FormLayout(name, eventSlugs, recipients, weekday, time, zone, language, sources, langs,
                groups, pseudonymise, enabled);
        form.setColspan(recipients, 2);
        form.setColspan(groups, 2);
        form.setColspan(pseudonymise, 2);
        FormProblems problems = new FormProblems(fields, "subscription-form-error");
        dialog.add(form, problems.message());

        Button save = new Button("Save", e -> {
            problems.clear();
            SubscriptionInput input = new SubscriptionInput(name.getValue(), List.of(recipients.getValue()),
                    List.copyOf(eventSlugs.getValue()), split(sources.getValue()), split(langs.getValue()),
                    List.copyOf(groups.getValue()), weekday.getValue() == null ? null : weekday.getValue().name(),
                    time.getValue() == null ? null : time.getValue().toString(), zone.getValue(), language.getValue(),
                    pseudonymise.getValue(), enabled.getValue());
            try {
                Subscription saved = existing == null
                        ? subscriptions.create(input, auth.getPrincipalName().orElse("anonymous"))
                        : subscriptions.update(existing.id(), input);
                dialog.close();
                refresh();
                Notification.show("Saved " + saved.name() + ". Next report: " + MOMENT.format(ReportWeek.next(
                        clock.instant(), saved.weekday(), saved.time(), saved.zone()).at().atZone(saved.zone()))
                        + " " + saved.zone().getId() + ".").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (UserInputException refusal) {
                problems.show(refusal);
            }
        });
        save.setId("subscription-form-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** For tests: the subscriptions listed. */
    List<Subscription> listed() {
        return grid.getListDataView().getItems().toList();
    }
}
