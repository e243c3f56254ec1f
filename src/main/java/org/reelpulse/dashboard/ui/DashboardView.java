package org.reelpulse.dashboard.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.reelpulse.base.ui.StackedBarChart;
import org.reelpulse.search.ui.SentimentTimeline;
import org.reelpulse.dashboard.Dashboard;
import org.reelpulse.dashboard.DashboardRequest;
import org.reelpulse.dashboard.DashboardService;
import org.reelpulse.event.TrackedEvent;
import org.reelpulse.search.PostSearcher;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * The morning view for communications staff: one tracked event over its window, as KPI cards and
 * the daily volume stacked by sentiment. The event is in the URL ({@code /?event=slug}).
 */
@Route("")
@PageTitle("Dashboard · ReelPulse")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final DashboardService service;
    private final Select<TrackedEvent> eventSelect = new Select<>();
    private final Paragraph period = new Paragraph();
    private final FlexLayout cards = new FlexLayout();
    private final StackedBarChart chart = new StackedBarChart();
    private final Paragraph chartNote = new Paragraph();
    private boolean updatingSelect;

    public DashboardView(DashboardService service) {
        this.service = service;
        addClassName("rp-view");
        setSpacing(true);

        eventSelect.setId("event-select");
        eventSelect.setLabel("Tracked event");
        eventSelect.setItemLabelGenerator(TrackedEvent::name);
        eventSelect.setWidth("22em");
        eventSelect.addValueChangeListener(e -> {
            if (!updatingSelect && e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(DashboardView.class,
                        QueryParameters.of("event", e.getValue().slug())));
            }
        });
        period.addClassName("rp-muted");

        cards.setId("kpi-cards");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();

        chart.setId("volume-chart");
        Div chartCard = new Div(new H2("Posts per day (UTC), by sentiment"), chart, chartNote);
        chartCard.addClassName("rp-card");
        chartCard.setWidthFull();
        chartNote.addClassName("rp-muted");
        add(eventSelect, period, cards, chartCard);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getLocation().getQueryParameters().getSingleParameter("event").orElse(null);
        List<TrackedEvent> events = service.events();
        Optional<TrackedEvent> chosen = service.event(slug);
        updatingSelect = true;
        eventSelect.setItems(events);
        chosen.ifPresent(eventSelect::setValue);
        updatingSelect = false;
        if (chosen.isEmpty()) {
            cards.removeAll();
            period.setText("No event is tracked yet. An administrator can add one; the demo brings two.");
            chart.setVisible(false);
            return;
        }
        chart.setVisible(true);
        show(service.overview(DashboardRequest.of(chosen.get().slug())));
    }

    private void show(Dashboard d) {
        TrackedEvent e = d.event();
        period.setText("Query: " + e.effectiveQuery() + " · " + LONG_DAY.format(d.period().from()) + " – "
                + LONG_DAY.format(d.period().to().minusSeconds(1)) + (e.announcedAt() == null ? ""
                        : " · announced " + LONG_DAY.format(e.announcedAt())));
        Dashboard.Kpis k = d.kpis();
        long negative = d.timeline().buckets().stream().mapToLong(Dashboard.Bucket::negative).sum();
        long neutral = d.timeline().buckets().stream().mapToLong(Dashboard.Bucket::neutral).sum();
        long positive = d.timeline().buckets().stream().mapToLong(Dashboard.Bucket::positive).sum();
        long unscored = d.timeline().buckets().stream().mapToLong(Dashboard.Bucket::unscored).sum();
        long pending = d.timeline().buckets().stream().mapToLong(Dashboard.Bucket::pending).sum();
        cards.removeAll();
        cards.add(card("kpi-posts", "Posts", String.format(Locale.ENGLISH, "%,d", k.posts().value().longValue()), null));
        cards.add(card("kpi-authors", "Unique authors", String.format(Locale.ENGLISH, "%,d",
                k.authors().value().longValue()), null));
        Number netValue = k.netSentiment().value();
        String net = netValue == null ? "–" : String.format(Locale.ENGLISH, "%+.0f", 100 * netValue.doubleValue());
        String netNote = "positive minus negative, per 100 posts that took a side (" + k.netSentiment().basis() + ")";
        Component netCard = card("kpi-net", "Net sentiment", net, netNote);
        if (netValue != null && k.netSentiment().few()) {
            Span warning = new Span("Few scored posts: read this with care.");
            warning.addClassName("rp-warning");
            ((Div) netCard).add(warning);
        }
        cards.add(netCard);
        cards.add(card("kpi-split", "Negative · neutral · positive", negative + " · " + neutral + " · " + positive,
                unscored + " not scored (language)" + (pending > 0 ? ", " + pending + " waiting" : "")));

        List<PostSearcher.Bucket> days = d.timeline().buckets().stream().map(b -> new PostSearcher.Bucket(b.start(),
                b.posts(), b.negative(), b.neutral(), b.positive(), b.unscored(), b.pending(), null)).toList();
        SentimentTimeline.show(chart, days, DAY,
                e.announcedAt() == null ? null : new StackedBarChart.Marker(DAY.format(e.announcedAt()), "Announced"));
        chartNote.setText("Sentiment by the ReelPulse model for English, French, German and Spanish posts; "
                + "other languages are counted as not scored. "
                + "Days are UTC.");
    }

    private static Div card(String id, String label, String value, String note) {
        Span l = new Span(label);
        l.addClassName("rp-kpi-label");
        Div v = new Div(value);
        v.addClassName("rp-kpi-value");
        Div card = new Div(l, v);
        if (note != null) {
            Div n = new Div(note);
            n.addClassName("rp-muted");
            card.add(n);
        }
        card.setId(id);
        card.addClassName("rp-card");
        card.getStyle().set("flex", "1 1 14em");
        return card;
    }
}
