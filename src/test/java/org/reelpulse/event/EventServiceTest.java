package org.reelpulse.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reelpulse.base.UserInputException;

class EventServiceTest {

    private final EventService service = new EventService(null);

    private static EventInput input(String slug, String query, Map<String, String> queries, String colour,
            String from, String to) {
        return new EventInput(slug, "Studio × AI", null, List.of(" Studio ", "AI  Co"), null, query, queries, colour,
                Instant.parse(from), Instant.parse(to));
    }

    private static EventInput valid() {
        return input("studio-ai", "studio OR ai", Map.of(), null, "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z");
    }

    @Test
    void shouldNormaliseAValidEvent() {
        TrackedEvent e = service.checked(input("studio-ai", " studio OR ai ", Map.of("fr", "accord studio"), "#ABC",
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z"));
        assertThat(e.parties()).containsExactly("Studio", "AI Co");
        assertThat(e.query()).isEqualTo("studio OR ai");
        assertThat(e.colour()).isEqualTo("#aabbcc");
        assertThat(e.effectiveQuery()).isEqualTo("(studio OR ai) OR (lang:fr AND (accord studio))");
    }

    @Test
    void shouldKeepTheDefaultQueryAsWrittenWithoutLanguageQueries() {
        TrackedEvent e = service.checked(valid());
        assertThat(e.effectiveQuery()).isEqualTo("studio OR ai");
        assertThat(e.queriesByLanguage()).containsExactly(Map.entry("en", "studio OR ai"));
        assertThat(e.colour()).isIn(TrackedEvent.PALETTE);
    }

    @Test
    void shouldGiveEachLanguageItsOwnQueryOrTheDefaultForReadingOneText() {
        TrackedEvent e = service.checked(input("studio-ai", "studio", Map.of("de", "vertrag", "en", "deal"), null,
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z"));
        assertThat(e.queriesByLanguage()).containsEntry("en", "(studio) OR (deal)")
                .containsEntry("de", "(studio) OR (vertrag)").doesNotContainKey("fr");
        // languages are joined in a fixed order, whatever order they came in
        assertThat(e.effectiveQuery()).isEqualTo("(studio) OR (lang:en AND (deal)) OR (lang:de AND (vertrag))");
    }

    @Test
    void shouldRefuseAQueryWithTheParsersMessageAndPosition() {
        assertThatThrownBy(() -> service.checked(input("studio-ai", "studio AND (ai", Map.of(), null,
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z")))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("'query': The query could not be read")
                .satisfies(e -> assertThat(((UserInputException) e).details()).containsEntry("field", "query")
                        .containsKey("column"));
        assertThatThrownBy(() -> service.checked(input("studio-ai", "studio", Map.of("fr", "accord)"), null,
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z")))
                .hasMessageStartingWith("'queries.fr': The query could not be read");
    }

    @Test
    void shouldRefuseAnEventThatStandsOnAnotherEvent() {
        assertThatThrownBy(() -> service.checked(input("studio-ai", "event:other OR ai", Map.of(), null,
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z")))
                .hasMessageContaining("cannot use another event (event:other)");
    }

    @Test
    void shouldRefuseBadSlugsColoursLanguagesAndWindows() {
        assertThatThrownBy(() -> service.checked(input("Studio AI", "x", Map.of(), null, "2024-09-01T00:00:00Z",
                "2024-10-01T00:00:00Z"))).hasMessageContaining("'Studio AI' is not one");
        assertThatThrownBy(() -> service.checked(input("studio-ai", "x", Map.of(), "red", "2024-09-01T00:00:00Z",
                "2024-10-01T00:00:00Z"))).hasMessageContaining("hex colour like #d9480f; 'red'");
        assertThatThrownBy(() -> service.checked(input("studio-ai", "x", Map.of("it", "accordo"), null,
                "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z"))).hasMessageContaining("not 'it'");
        assertThatThrownBy(() -> service.checked(input("studio-ai", "x", Map.of(), null, "2024-10-01T00:00:00Z",
                "2024-09-01T00:00:00Z"))).hasMessageContaining("must be before 'to'");
        assertThatThrownBy(() -> service.checked(input("studio-ai", " ", Map.of(), null, "2024-09-01T00:00:00Z",
                "2024-10-01T00:00:00Z"))).hasMessageContaining("default query is missing");
    }
}
