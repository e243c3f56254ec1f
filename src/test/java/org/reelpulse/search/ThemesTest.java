package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThemesTest {

    private final Themes themes = Themes.loadShipped(SearchAnalyzers.create());

    private List<String> names(String text, String lang) {
        return themes.match(text, lang).stream().map(Themes.Match::name).toList();
    }

    @Test
    void shouldShipEveryThemeTheLabourLensNeedsInFourLanguages() {
        assertThat(themes.all()).extracting(Themes.Theme::name).contains("job-displacement", "consent-likeness",
                "pay-residuals", "credit-authorship", "training-data-copyright", "creative-quality",
                "cost-efficiency", "legal-risk", "union-action");
        assertThat(themes.all()).allSatisfy(t -> assertThat(t.queries()).containsKeys("en", "fr", "de", "es"));
    }

    @Test
    void shouldFindThemesWithTheWordsThatMatchedInThePostsLanguage() {
        List<Themes.Match> m = themes.match("This is the first step towards replacing artists and their jobs.", "en");
        assertThat(m).extracting(Themes.Match::name).containsExactly("job-displacement");
        assertThat(m.get(0).words()).contains("replacing", "jobs");
        assertThat(m.get(0).reason()).isEqualTo("matched 'replacing', 'jobs'");
        assertThat(names("Ils veulent remplacer les comédiens, et la grève approche", "fr"))
                .contains("job-displacement", "union-action");
        assertThat(names("Die Gewerkschaft fordert Einwilligung und Vergütung", "de"))
                .contains("union-action", "consent-likeness", "pay-residuals");
        assertThat(names("El sindicato denuncia el uso del catálogo sin consentimiento", "es"))
                .contains("union-action", "training-data-copyright", "consent-likeness");
        assertThat(names("Lovely weather for a film festival", "en")).isEmpty();
        // "like" shares its English stem with "likeness": the theme asks for the word itself
        assertThat(names("I like this, it is nice", "en")).doesNotContain("consent-likeness");
        assertThat(names("They scanned her likeness without asking", "en")).contains("consent-likeness");
    }

    @Test
    void shouldNameTheThemeAndLanguageOfAQueryThatCannotBeRead() {
        String yaml = "themes:\n  - name: broken\n    label: Broken\n    query:\n      en: 'jobs AND (replac*'\n";
        assertThatThrownBy(() -> Themes.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                SearchAnalyzers.create()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Theme 'broken', language 'en'");
    }
}
