package org.reelpulse.search.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.reelpulse.analyze.SentenceSentiment;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.base.ui.HighlightedText;
import org.reelpulse.base.ui.SentimentBadge;
import org.reelpulse.post.Post;
import org.reelpulse.search.SearchService;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** One post ({@code /posts/42}): who wrote it where and when, its text, and every sentence of its score. */
@Route("posts")
@PageTitle("Post · ReelPulse")
@RolesAllowed("ANALYST")
public class PostView extends VerticalLayout implements HasUrlParameter<Long> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SearchService service;

    public PostView(SearchService service) {
        this.service = service;
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
        Paragraph meta = new Paragraph(p.author().handle() + " · " + p.source() + " · " + WHEN.format(p.publishedAt())
                + (p.lang() == null ? "" : " · " + p.lang()));
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

        add(new H3("Labour themes"));
        if (r.themes().isEmpty()) {
            Paragraph none = new Paragraph("No labour theme matched this post.");
            none.addClassName("rp-muted");
            add(none);
        } else {
            Div themes = new Div();
            themes.setId("post-themes");
            for (var t : r.themes()) {
                Paragraph line = new Paragraph(t.label() + " — " + t.reason());
                line.addClassName("rp-theme");
                themes.add(line);
            }
            add(themes);
        }

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
        if (!s.sentences().isEmpty()) {
            Paragraph note = new Paragraph("Sentence by sentence, as CoreNLP's sentiment model reads them:");
            note.addClassName("rp-muted");
            add(note);
        }
        if (s.sentences().isEmpty()) {
            return;
        }
        Grid<SentenceSentiment> sentences = new Grid<>();
        sentences.setId("sentences");
        sentences.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        sentences.addColumn(t -> t.index() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        sentences.addColumn(new ComponentRenderer<>(t -> HighlightedText.plain(t.text()))).setHeader("Sentence")
                .setFlexGrow(1);
        sentences.addColumn(new ComponentRenderer<>(t -> new SentimentBadge(t.label().key(), t.score())))
                .setHeader("Score").setAutoWidth(true).setFlexGrow(0);
        sentences.addColumn(t -> String.format(Locale.ENGLISH, "%.0f / %.0f / %.0f / %.0f / %.0f",
                100 * t.probabilities()[0], 100 * t.probabilities()[1], 100 * t.probabilities()[2],
                100 * t.probabilities()[3], 100 * t.probabilities()[4]))
                .setHeader("Very neg. / neg. / neutral / pos. / very pos. (%)").setAutoWidth(true).setFlexGrow(0);
        sentences.setItems(s.sentences());
        sentences.setAllRowsVisible(true);
        add(sentences);
    }

    private static String n(Integer v) {
        return v == null ? "–" : String.format(Locale.ENGLISH, "%,d", v);
    }
}
