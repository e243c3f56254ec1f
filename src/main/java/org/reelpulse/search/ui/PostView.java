package org.reelpulse.search.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.reelpulse.analyze.SentenceSentiment;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.labour.Label;
import org.reelpulse.analyze.labour.LabelKind;
import org.reelpulse.analyze.labour.LabelService;
import org.reelpulse.analyze.labour.Labels;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.HighlightedText;
import org.reelpulse.base.ui.SentimentBadge;
import org.reelpulse.post.Post;
import org.reelpulse.search.SearchService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** One post ({@code /posts/42}): who wrote it where and when, its text, and every sentence of its score. */
@Route("posts")
@PageTitle("Post · ReelPulse")
@RolesAllowed("ANALYST")
public class PostView extends VerticalLayout implements HasUrlParameter<Long> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SearchService service;
    private final LabelService labels;
    private final transient AuthenticationContext auth;

    public PostView(SearchService service, LabelService labels, AuthenticationContext auth) {
        this.service = service;
        this.labels = labels;
        this.auth = auth;
        addClassName("rp-view");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        service.post(id).ifPresentOrElse(this::show, () -> {
            Div missing = new Div("There is no post with id " + id + ". It may have been deleted; search again.");
            missing.addClassName("rp-error");
            add(missing);
        });
    }

    private void show(SearchService.Result r) {
        Post p = r.post();
        H2 author = new H2(p.author().name() == null ? p.author().handle() : p.author().name());
        Paragraph meta = new Paragraph(p.author().handle()
                + (r.labels().group() == null ? "" : " · " + r.labels().group().title())
                + " · " + p.source() + " · " + WHEN.format(p.publishedAt())
                + (p.lang() == null ? "" : " · " + p.lang()));
        meta.setId("post-meta");
        meta.addClassName("rp-muted");
        add(author, meta);
        if (p.author().bio() != null) {
            Paragraph bio = new Paragraph(p.author().bio());
            bio.addClassName("rp-muted");
            add(bio);
        }
        HighlightedText text = HighlightedText.plain(p.text());
        text.setId("post-text");
        Div card = new Div(text);
        card.addClassName("rp-card");
        card.setWidthFull();
        add(card);
        Paragraph metrics = new Paragraph(String.format(Locale.ENGLISH, "%s likes · %s reposts · %s replies · %s quotes",
                n(p.metrics().likes()), n(p.metrics().reposts()), n(p.metrics().replies()), n(p.metrics().quotes())));
        metrics.addClassName("rp-muted");
        add(metrics);
        if (p.url() != null && p.url().startsWith("http")) {
            Anchor original = new Anchor(p.url(), "Open the original");
            original.setTarget("_blank");
            original.getElement().setAttribute("rel", "noopener noreferrer");
            add(original);
        }

        add(new H3("Labels"));
        add(labels(r));

        Sentiment s = r.sentiment();
        add(new H3("Sentiment"));
        if (s == null) {
            add(new Paragraph("Not scored yet: the analysis runs in the background and will reach this post."));
            return;
        }
        Span badge = new SentimentBadge(s.label().key(), s.score());
        badge.setId("post-sentiment");
        Paragraph how = new Paragraph();
        how.addClassName("rp-muted");
        how.setText(s.reason() != null ? s.reason()
                : String.format(Locale.ENGLISH, "Method %s, confidence %.0f%% (the model's calibrated probability "
                        + "of this label).", s.method(), s.confidence() == null ? 0 : 100 * s.confidence()));
        add(badge, how);
        if (!s.drivers().isEmpty()) {
            Paragraph drivers = new Paragraph("What moved the score most: " + String.join(" · ", s.drivers()));
            drivers.setId("post-drivers");
            add(drivers);
        }
        if (s.sentences().isEmpty()) {
            return;
        }
        boolean five = s.sentences().get(0).fiveClasses();
        Paragraph note = new Paragraph(five ? "Sentence by sentence, as CoreNLP's sentiment model reads them:"
                : "Sentence by sentence, as the model that scored the post reads each one on its own:");
        note.addClassName("rp-muted");
        add(note);
        Grid<SentenceSentiment> sentences = new Grid<>();
        sentences.setId("sentences");
        sentences.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        sentences.addColumn(t -> t.index() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        sentences.addColumn(new ComponentRenderer<>(t -> HighlightedText.plain(t.text()))).setHeader("Sentence")
                .setFlexGrow(1);
        sentences.addColumn(new ComponentRenderer<>(t -> new SentimentBadge(t.label().key(), t.score())))
                .setHeader("Score").setAutoWidth(true).setFlexGrow(0);
        if (five) {
            sentences.addColumn(t -> String.format(Locale.ENGLISH, "%.0f / %.0f / %.0f / %.0f / %.0f",
                    100 * t.probabilities()[0], 100 * t.probabilities()[1], 100 * t.probabilities()[2],
                    100 * t.probabilities()[3], 100 * t.probabilities()[4]))
                    .setHeader("Very neg. / neg. / neutral / pos. / very pos. (%)").setAutoWidth(true).setFlexGrow(0);
        } else {
            sentences.addColumn(t -> String.format(Locale.ENGLISH, "%.0f / %.0f / %.0f",
                    100 * t.probabilities()[1], 100 * t.probabilities()[2], 100 * t.probabilities()[3]))
                    .setHeader("Negative / neutral / positive (%)").setAutoWidth(true).setFlexGrow(0);
        }
        sentences.setItems(s.sentences());
        sentences.setAllRowsVisible(true);
        add(sentences);
    }

    /** Every label with why the post carries it; an ADMIN can correct each kind. */
    private Div labels(SearchService.Result r) {
        Div box = new Div();
        box.setId("post-labels");
        if (r.sentiment() == null) {
            box.add(new Paragraph("Not labelled yet: the analysis runs in the background and will reach this post."));
            return box;
        }
        Labels l = r.labels();
        row(box, r, LabelKind.THEME, "Labour themes", l.themes(), "No labour theme matched this post.");
        row(box, r, LabelKind.CRAFT, "Crafts", l.crafts(), "No craft is mentioned.");
        row(box, r, LabelKind.GROUP, "Stakeholder group of the author",
                l.group() == null ? List.of() : List.of(l.group()), "Not placed yet.");
        row(box, r, LabelKind.ENTITY, "Organisations and people named", l.entities(), "None recognised.");
        row(box, r, LabelKind.STANCE, "Stance toward the tracked deal",
                l.stance() == null ? List.of() : List.of(l.stance()), "Not decided yet.");
        return box;
    }

    private void row(Div box, SearchService.Result r, LabelKind kind, String heading, List<Label> labels,
            String none) {
        Div row = new Div();
        row.addClassName("rp-label-row");
        row.setId("labels-" + kind.key());
        Span title = new Span(heading);
        title.addClassName("rp-label-heading");
        row.add(title);
        if (auth.hasRole("ADMIN")) {
            Button correct = new Button("Correct", e -> openCorrection(r, kind, labels));
            correct.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            correct.setId("correct-" + kind.key());
            row.add(correct);
        }
        if (labels.isEmpty()) {
            Paragraph p = new Paragraph(none);
            p.addClassName("rp-muted");
            row.add(p);
        }
        for (Label label : labels) {
            Paragraph line = new Paragraph();
            Span name = new Span(kind == LabelKind.ENTITY ? label.name() + " (" + label.title() + ")" : label.title());
            name.addClassName("rp-label-name");
            Span why = new Span(" — " + label.reason() + " · rule: " + label.rule());
            why.addClassName("rp-muted");
            line.add(name, why);
            line.addClassName(label.corrected() ? "rp-label-corrected" : "rp-label");
            row.add(line);
        }
        box.add(row);
    }

    private void openCorrection(SearchService.Result r, LabelKind kind, List<Label> current) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(kind == LabelKind.GROUP ? "Correct the stakeholder group of "
                + r.post().author().handle() + " (all their posts)" : "Correct the " + switch (kind) {
                    case THEME -> "labour themes";
                    case CRAFT -> "crafts";
                    case ENTITY -> "organisations and people";
                    default -> "stance";
                } + " of this post");
        List<String> choices = labels.names(kind);
        TextField note = new TextField("Why (kept with the correction)");
        note.setWidthFull();
        note.setMaxLength(1000);
        com.vaadin.flow.component.Component picker;
        java.util.function.Supplier<List<String>> chosen;
        List<String> now = current.stream().map(Label::name).toList();
        if (kind.single()) {
            RadioButtonGroup<String> one = new RadioButtonGroup<>(kind == LabelKind.GROUP ? "Group" : "Stance",
                    choices);
            one.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
            one.setItemLabelGenerator(n -> labels.title(kind, n));
            now.stream().findFirst().ifPresent(one::setValue);
            one.setId("correction-value");
            picker = one;
            chosen = () -> one.getValue() == null ? List.of() : List.of(one.getValue());
        } else {
            MultiSelectComboBox<String> many = new MultiSelectComboBox<>(kind.key() + "s (leave empty for none)");
            java.util.LinkedHashSet<String> items = new java.util.LinkedHashSet<>(choices);
            items.addAll(now);
            many.setItems(items);
            many.setItemLabelGenerator(n -> labels.title(kind, n));
            if (kind == LabelKind.ENTITY) {
                many.setAllowCustomValue(true);
                many.addCustomValueSetListener(e -> {
                    items.add(e.getDetail());
                    many.setItems(items);
                    java.util.Set<String> v = new java.util.LinkedHashSet<>(many.getValue());
                    v.add(e.getDetail());
                    many.setValue(v);
                });
            }
            many.setValue(new java.util.LinkedHashSet<>(now));
            many.setWidthFull();
            many.setId("correction-value");
            picker = many;
            chosen = () -> List.copyOf(many.getValue());
        }
        Paragraph error = new Paragraph();
        error.addClassName("rp-error");
        error.setVisible(false);
        Button save = new Button("Save correction", e -> {
            try {
                labels.correct(r.post().id(), kind, chosen.get(), note.getValue(),
                        auth.getPrincipalName().orElse("admin"));
                dialog.close();
                Notification.show("Saved. The post is labelled again within seconds; the correction sticks "
                        + "through re-analysis.", 5000, Notification.Position.BOTTOM_START);
            } catch (UserInputException ex) {
                error.setText(ex.getMessage());
                error.setVisible(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-correction");
        dialog.add(new VerticalLayout(picker, note, error));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private static String n(Integer v) {
        return v == null ? "–" : String.format(Locale.ENGLISH, "%,d", v);
    }
}
