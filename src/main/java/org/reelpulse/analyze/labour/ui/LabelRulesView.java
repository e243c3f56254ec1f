package org.reelpulse.analyze.labour.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelRules;
import org.reelpulse.analyze.labour.LabelRulesService;
import org.reelpulse.base.UserInputException;
import org.reelpulse.query.NamedQueries;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The labour themes and crafts as queries ({@code /admin/labels}): an ADMIN reads, tries and edits
 * them; every stored post is then labelled again in the background.
 */
@Route("admin/labels")
@PageTitle("Themes and crafts · ReelPulse")
@Menu(title = "Themes and crafts", order = 5, icon = "vaadin:tags")
@RolesAllowed("ADMIN")
public class LabelRulesView extends VerticalLayout {

    private static final List<String> LANGS = List.of("en", "fr", "de", "es");

    private final LabelRulesService rules;
    private final transient AuthenticationContext auth;
    private final Grid<NamedQueries.Definition> themes = grid("themes-grid");
    private final Grid<NamedQueries.Definition> crafts = grid("crafts-grid");

    public LabelRulesView(LabelRulesService rules, AuthenticationContext auth) {
        this.rules = rules;
        this.auth = auth;
        addClassName("rp-view");
        Paragraph intro = new Paragraph("Each theme and craft is a query in the search language, one per language "
                + "(English is also used for languages without their own). A post carries the ones whose query "
                + "matches its text, with the matched words as the reason. Saving a change labels every stored "
                + "post again in the background; searches and the dashboard follow within minutes.");
        intro.addClassName("rp-muted");
        add(new H2("Themes and crafts"), intro, tryIt());
        themes.addItemClickListener(e -> edit(LabelKind.THEME, e.getItem()));
        crafts.addItemClickListener(e -> edit(LabelKind.CRAFT, e.getItem()));
        Button newTheme = new Button("New theme", e -> edit(LabelKind.THEME, null));
        newTheme.setId("new-theme");
        add(new HorizontalLayout(new H3("Labour themes"), newTheme), themes, new H3("Crafts"), crafts);
        refresh();
    }

    private static Grid<NamedQueries.Definition> grid(String id) {
        Grid<NamedQueries.Definition> g = new Grid<>();
        g.setId(id);
        g.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        g.addColumn(NamedQueries.Definition::label).setHeader("Label").setAutoWidth(true).setFlexGrow(0);
        g.addColumn(NamedQueries.Definition::name).setHeader("Name (theme:… / craft:…)").setAutoWidth(true)
                .setFlexGrow(0);
        g.addColumn(d -> d.queries().getOrDefault("en", "")).setHeader("English query").setFlexGrow(1);
        g.setAllRowsVisible(true);
        return g;
    }

    private void refresh() {
        LabelRules current = rules.current();
        themes.setItems(current.themeDefinitions());
        crafts.setItems(current.craftDefinitions());
    }

    /** A box to paste a post into and see which themes and crafts it gets, and why. */
    private Div tryIt() {
        TextArea text = new TextArea("Try the definitions on a text");
        text.setWidthFull();
        text.setId("try-text");
        TextField lang = new TextField("Language");
        lang.setValue("en");
        lang.setWidth("6em");
        Div result = new Div();
        result.setId("try-result");
        Button run = new Button("Try", e -> {
            result.removeAll();
            LabelRules current = rules.current();
            List<NamedQueries.Match> found = new java.util.ArrayList<>(current.themes().match(text.getValue(),
                    lang.getValue()));
            found.addAll(current.crafts().match(text.getValue(), lang.getValue()));
            if (found.isEmpty()) {
                result.add(new Paragraph("No theme or craft matches this text."));
            }
            for (NamedQueries.Match m : found) {
                result.add(new Paragraph(m.label() + " — " + m.reason() + " (" + m.lang() + " query)"));
            }
        });
        run.setId("try-run");
        Div box = new Div(new HorizontalLayout(text, lang), run, result);
        box.setWidthFull();
        return box;
    }

    private void edit(LabelKind kind, NamedQueries.Definition d) {
        Dialog dialog = new Dialog();
        dialog.setWidth("min(60em, 95vw)");
        dialog.setHeaderTitle(d == null ? "New " + kind.key() : "Edit " + kind.key() + " '" + d.name() + "'");
        TextField name = new TextField("Name");
        name.setHelperText("lower-case words joined by hyphens; searched as " + kind.key() + ":name");
        TextField label = new TextField("Label");
        label.setWidthFull();
        if (d != null) {
            name.setValue(d.name());
            name.setReadOnly(true);
            label.setValue(d.label());
        }
        Map<String, TextArea> queries = new LinkedHashMap<>();
        VerticalLayout form = new VerticalLayout(name, label);
        for (String lang : LANGS) {
            TextArea q = new TextArea(lang + " query");
            q.setWidthFull();
            q.setId("query-" + lang);
            if (d != null) {
                q.setValue(d.queries().getOrDefault(lang, ""));
            }
            queries.put(lang, q);
            form.add(q);
        }
        Paragraph error = new Paragraph();
        error.addClassName("rp-error");
        error.setId("rule-error");
        error.setVisible(false);
        form.add(error);
        Button save = new Button("Save", e -> {
            Map<String, String> values = new LinkedHashMap<>();
            queries.forEach((lang, q) -> values.put(lang, q.getValue()));
            try {
                rules.save(kind, name.getValue(), label.getValue(), values, auth.getPrincipalName().orElse("admin"));
                dialog.close();
                refresh();
                Notification.show("Saved. Stored posts are being labelled again in the background.", 5000,
                        Notification.Position.BOTTOM_START);
            } catch (UserInputException ex) {
                error.setText(ex.getMessage());
                error.setVisible(true);
            }
        });
        save.setId("save-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reset = new Button("Restore the shipped definition", e -> {
            rules.reset(kind, d.name());
            dialog.close();
            refresh();
        });
        reset.setVisible(d != null);
        dialog.add(form);
        dialog.getFooter().add(reset, new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
