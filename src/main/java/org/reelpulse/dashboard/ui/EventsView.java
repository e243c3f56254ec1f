package org.reelpulse.dashboard.ui;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.ConfirmDelete;
import org.reelpulse.base.ui.FormProblems;
import org.reelpulse.event.EventInput;
import org.reelpulse.event.EventService;
import org.reelpulse.event.TrackedEvent;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Tracked events for analysts and admins: each deal's name, parties, announcement, window, colour
 * and the queries that find its posts, created, changed and deleted here. The dashboard, the
 * comparison of events and {@code event:slug} in searches use them at once.
 */
@Route("events")
@PageTitle("Tracked events · ReelPulse")
@Menu(title = "Tracked events", order = 3, icon = "vaadin:flag")
@RolesAllowed("ANALYST")
public class EventsView extends VerticalLayout {

    private final EventService events;
    private final Grid<TrackedEvent> grid = new Grid<>();

    public EventsView(EventService events) {
        this.events = events;
        addClassName("rp-view");
        setSizeFull();
        Paragraph intro = new Paragraph("A tracked event is a deal whose reactions ReelPulse follows: its posts are "
                + "those its queries find within its window. The default query reads every post; a query for a "
                + "language reads only posts in that language, and is added to the default one.");
        intro.addClassName("rp-muted");
        Button add = new Button("New event…", e -> edit(null));
        add.setId("event-new");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("events-grid");
        grid.addComponentColumn(e -> swatch(e.colour())).setHeader("").setWidth("3em").setFlexGrow(0);
        grid.addComponentColumn(e -> new Anchor("/?event=" + e.slug(), e.name())).setHeader("Event").setFlexGrow(2);
        grid.addColumn(TrackedEvent::slug).setHeader("Short name").setAutoWidth(true);
        grid.addColumn(e -> String.join(", ", e.parties())).setHeader("Parties").setFlexGrow(1);
        grid.addColumn(e -> e.announcedAt() == null ? "–" : DashboardView.DAY.format(e.announcedAt()))
                .setHeader("Announced").setAutoWidth(true);
        grid.addColumn(e -> DashboardView.DAY.format(e.from()) + " – " + DashboardView.DAY.format(e.to().minusSeconds(1)))
                .setHeader("Window").setAutoWidth(true);
        grid.addColumn(TrackedEvent::effectiveQuery).setHeader("Query").setFlexGrow(3);
        grid.addComponentColumn(e -> {
            Button change = new Button("Change…", c -> edit(e));
            change.addThemeVariants(ButtonVariant.LUMO_SMALL);
            change.setId("event-edit-" + e.slug());
            Button delete = new Button("Delete…", c -> confirmDelete(e));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.setId("event-delete-" + e.slug());
            return new HorizontalLayout(change, delete);
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No event is tracked yet: add one with New event…, or from a search "
                + "(Track as an event…).");
        add(intro, add, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(events.list());
    }

    private static Span swatch(String colour) {
        Span s = new Span();
        s.getStyle().set("display", "inline-block").set("width", "1em").set("height", "1em")
                .set("border-radius", "50%").set("background", colour);
        s.getElement().setAttribute("aria-hidden", "true");
        return s;
    }

    private void confirmDelete(TrackedEvent e) {
        ConfirmDelete.open(e.name(), "The dashboard stops following it and searches with event:" + e.slug()
                + " stop working. Posts and their labels stay.", () -> {
                    events.delete(e.slug());
                    refresh();
                    Notification.show("Deleted " + e.name() + ".");
                });
    }

    /** The form for a new event ({@code existing} null) or for changing one. */
    private void edit(TrackedEvent existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New tracked event" : "Change " + existing.name());
        dialog.setWidth("min(56em, 95vw)");
        TextField name = new TextField("Name");
        name.setId("event-form-name");
        TextField slug = new TextField("Short name for links and event: (lower-case, hyphens)");
        slug.setId("event-form-slug");
        slug.setReadOnly(existing != null);
        TextArea description = new TextArea("Description");
        TextField parties = new TextField("Parties (comma-separated)");
        parties.setId("event-form-parties");
        DateTimePicker announced = new DateTimePicker("Announced (UTC)");
        announced.setId("event-form-announced");
        DatePicker from = new DatePicker("Follow from (UTC day)");
        from.setId("event-form-from");
        DatePicker to = new DatePicker("Follow to (UTC day, included)");
        to.setId("event-form-to");
        TextField colour = new TextField("Colour (#rrggbb; empty for one picked for you)");
        colour.setId("event-form-colour");
        TextField query = new TextField("Query (every language)");
        query.setId("event-form-query");
        query.setPlaceholder("lionsgate AND runway");
        Map<String, TextField> byLang = new LinkedHashMap<>();
        for (String lang : TrackedEvent.LANGUAGES) {
            TextField q = new TextField("Extra query for posts in " + lang);
            q.setId("event-form-query-" + lang);
            byLang.put(lang, q);
        }
        if (existing != null) {
            name.setValue(existing.name());
            slug.setValue(existing.slug());
            description.setValue(existing.description() == null ? "" : existing.description());
            parties.setValue(String.join(", ", existing.parties()));
            if (existing.announcedAt() != null) {
                announced.setValue(LocalDateTime.ofInstant(existing.announcedAt(), ZoneOffset.UTC));
            }
            from.setValue(LocalDate.ofInstant(existing.from(), ZoneOffset.UTC));
            to.setValue(LocalDate.ofInstant(existing.to().minusSeconds(1), ZoneOffset.UTC));
            colour.setValue(existing.colour());
            query.setValue(existing.query());
            existing.queries().forEach((lang, q) -> byLang.get(lang).setValue(q));
        }
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("slug", slug);
        fields.put("description", description);
        fields.put("parties", parties);
        fields.put("from", from);
        fields.put("to", to);
        fields.put("colour", colour);
        fields.put("query", query);
        byLang.forEach((lang, f) -> fields.put("queries." + lang, f));

        FormLayout form = new FormLayout(name, slug, parties, announced, from, to, colour, query);
        byLang.values().forEach(form::add);
        form.add(description);
        form.setColspan(query, 2);
        form.setColspan(description, 2);
        FormProblems problems = new FormProblems(fields, "event-form-error");
        dialog.add(form, problems.message());

        Button save = new Button("Save", e -> {
            problems.clear();
            EventInput input = new EventInput(slug.getValue(), name.getValue(), description.getValue(),
                    Arrays.stream(parties.getValue().split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList(),
                    announced.getValue() == null ? null : announced.getValue().toInstant(ZoneOffset.UTC),
                    query.getValue(), byLang.entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, x -> x.getValue().getValue())),
                    colour.getValue(), from.getValue() == null ? null : from.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                    to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            try {
                TrackedEvent saved = existing == null ? events.create(input) : events.update(existing.slug(), input);
                dialog.close();
                refresh();
                Notification.show("Saved " + saved.name() + ".").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (UserInputException refusal) {
                problems.show(refusal);
            }
        });
        save.setId("event-form-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        (existing == null ? name : query).focus();
    }

    /** For tests: the events listed. */
    List<TrackedEvent> listed() {
        return grid.getListDataView().getItems().toList();
    }
}
