package org.reelpulse.search.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.reelpulse.base.TimeWindow;
import org.reelpulse.base.UserInputException;
import org.reelpulse.base.ui.HighlightedText;
import org.reelpulse.base.ui.SentimentBadge;
import org.reelpulse.search.PostSearcher;
import org.reelpulse.search.SearchService;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import jakarta.annotation.security.RolesAllowed;

/**
 * The analysts' search: a query in the search language, a period and an order; hits with their
 * matches marked, loaded page by page. Everything is in the URL
 * ({@code /search?q=…&sort=recent&from=2024-09-18&to=2024-09-30}), so a search can be shared.
 */
@Route("search")
@PageTitle("Search · ReelPulse")
@Menu(title = "Search", order = 1, icon = "vaadin:search")
@RolesAllowed("ANALYST")
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SearchService service;
    private final TextField query = new TextField();
    private final Select<PostSearcher.SortOrder> sort = new Select<>();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Div error = new Div();
    private final Span total = new Span();
    private final Grid<SearchService.Result> grid = new Grid<>();

    public SearchView(SearchService service) {
        this.service = service;
        addClassName("rp-view");
        setSizeFull();

        query.setId("query");
        query.setLabel("Query");
        query.setPlaceholder("lionsgate AND runway, \"job security\", replac*, source:union");
        query.setHelperText("Words are joined by AND; use OR, NOT, \"phrases\", wildcards* and fields "
                + "(source:, lang:, author:, sentiment:).");
        query.setWidth("36em");
        query.setClearButtonVisible(true);
        query.addKeyPressListener(Key.ENTER, e -> submit());
        sort.setId("sort");
        sort.setLabel("Order");
        sort.setItems(PostSearcher.SortOrder.values());
        sort.setItemLabelGenerator(o -> switch (o) {
            case RELEVANCE -> "Most relevant";
            case RECENT -> "Most recent";
            case ENGAGEMENT -> "Most engagement";
        });
        sort.setValue(PostSearcher.SortOrder.RELEVANCE);
        from.setId("from");
        to.setId("to");
        Button search = new Button("Search", e -> submit());
        search.setId("search-button");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(query, sort, from, to, search);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        error.setId("query-error");
        error.addClassName("rp-error");
        error.setVisible(false);
        total.setId("total");
        total.addClassName("rp-muted");

        grid.setId("hits");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> WHEN.format(r.post().publishedAt())).setHeader("Published (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.post().source()).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.post().author().handle()).setHeader("Author").setWidth("12em").setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(r -> r.sentiment() == null ? new SentimentBadge(null, null)
                : new SentimentBadge(r.sentiment().label().key(), r.sentiment().score())))
                .setHeader("Sentiment").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(r -> new HighlightedText(r.highlight()))).setHeader("Text")
                .setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(r -> {
            Anchor detail = new Anchor("posts/" + r.post().id(), "Details");
            detail.addClassName("rp-detail-link");
            VerticalLayout links = new VerticalLayout(detail);
            links.setPadding(false);
            links.setSpacing(false);
            if (r.post().url() != null && r.post().url().startsWith("http")) {
                Anchor original = new Anchor(r.post().url(), "Original");
                original.setTarget("_blank");
                original.getElement().setAttribute("rel", "noopener noreferrer");
                links.add(original);
            }
            return links;
        })).setHeader("Links").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();

        add(form, error, total, grid);
        setFlexGrow(1, grid);
    }

    private void submit() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("q", List.of(query.getValue().trim()));
        if (sort.getValue() != PostSearcher.SortOrder.RELEVANCE) {
            params.put("sort", List.of(sort.getValue().name().toLowerCase(Locale.ROOT)));
        }
        if (from.getValue() != null) {
            params.put("from", List.of(from.getValue().toString()));
        }
        if (to.getValue() != null) {
            params.put("to", List.of(to.getValue().toString()));
        }
        getUI().ifPresent(ui -> ui.navigate(SearchView.class, RouteParameters.empty(), new QueryParameters(params)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters p = event.getLocation().getQueryParameters();
        String q = p.getSingleParameter("q").orElse("");
        query.setValue(q);
        sort.setValue(p.getSingleParameter("sort").map(s -> {
            try {
                return PostSearcher.SortOrder.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return PostSearcher.SortOrder.RELEVANCE;
            }
        }).orElse(PostSearcher.SortOrder.RELEVANCE));
        from.setValue(date(p.getSingleParameter("from").orElse(null)));
        to.setValue(date(p.getSingleParameter("to").orElse(null)));
        run(q);
    }

    private void run(String q) {
        error.setVisible(false);
        try {
            TimeWindow window = TimeWindow.parse(from.getValue() == null ? null : from.getValue().toString(),
                    to.getValue() == null ? null : to.getValue().toString());
            PostSearcher.SortOrder order = sort.getValue();
            long count = service.count(q, window); // also checks the query before the grid asks
            total.setText(String.format(Locale.ENGLISH, "%,d posts", count));
            grid.setItems(
                    page -> service.search(q, window, order, page.getOffset(), page.getLimit()).results().stream(),
                    page -> (int) Math.min(Integer.MAX_VALUE, count));
            grid.setVisible(true);
        } catch (UserInputException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
            total.setText("");
            grid.setVisible(false);
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
