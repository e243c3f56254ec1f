package org.reelpulse.analyze.labour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reelpulse.analyze.EntityMention;
import org.reelpulse.analyze.Sentiment;
import org.reelpulse.analyze.SentimentLabel;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Author;
import org.reelpulse.post.Metrics;
import org.reelpulse.post.Post;
import org.reelpulse.query.NamedQueries;

class LabellerTest {

    private static final LabelRules.Shipped SHIPPED = LabelRules.shipped();
    private static final List<NamedQueries.Definition> DEALS = List.of(new NamedQueries.Definition(
            "lionsgate-runway", "Lionsgate × Runway", Map.of("en", "lionsgate OR runway")));
    private final LabelRules rules = SHIPPED.with(SHIPPED.themes(), SHIPPED.crafts(), DEALS);

    private static Post post(String source, String handle, String bio, String text, String lang) {
        return new Post(1, 1, source, "x-1", null, new Author(handle, null, bio), text, lang,
                Instant.parse("2024-09-19T10:00:00Z"), new Metrics(0, 0, 0, 0), null, null,
                Instant.parse("2024-09-19T10:00:00Z"));
    }

    private static Sentiment sentiment(double score) {
        SentimentLabel label = score <= -0.2 ? SentimentLabel.NEGATIVE
                : score >= 0.2 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        return new Sentiment(label, score, 0.8, "tweet-lr/en", null, "en", List.of(), Instant.now(), List.of());
    }

    private Labels label(Post p, double score) {
        return Labeller.label(rules, p, sentiment(score), List.of(), List.of());
    }

    private List<String> themes(String text, String lang) {
        return rules.themes().match(text, lang).stream().map(NamedQueries.Match::name).toList();
    }

    @Test
    void shouldShipEveryThemeAndCraftTheLabourLensNeedsInFourLanguages() {
        assertThat(rules.themeDefinitions()).extracting(NamedQueries.Definition::name).contains("job-displacement",
                "consent-likeness", "pay-residuals", "credit-authorship", "training-data-copyright",
                "creative-quality", "cost-efficiency", "legal-risk", "union-action");
        assertThat(rules.craftDefinitions()).extracting(NamedQueries.Definition::name).containsExactly("actors",
                "voice-actors", "stunt-performers", "writers", "directors", "vfx-artists", "animators", "editors",
                "cinematographers", "composers-musicians", "concept-storyboard-artists", "crew");
        assertThat(rules.themeDefinitions()).allSatisfy(t -> assertThat(t.queries()).containsKeys("en", "fr", "de",
                "es"));
        assertThat(rules.craftDefinitions()).allSatisfy(t -> assertThat(t.queries()).containsKeys("en", "fr", "de",
                "es"));
        assertThat(rules.stakeholders().labels()).containsKeys("union-guild", "working-creative", "studio-company",
                "ai-company", "press", "public-body", "public");
    }

    @Test
    void shouldFindThemesAndCraftsWithTheWordsThatMatchedInThePostsLanguage() {
        List<NamedQueries.Match> m = rules.themes().match(
                "This is the first step towards replacing artists and their jobs.", "en");
        assertThat(m).extracting(NamedQueries.Match::name).containsExactly("job-displacement");
        assertThat(m.get(0).reason()).isEqualTo("matched 'replacing', 'jobs'");
        assertThat(themes("Ils veulent remplacer les comédiens, et la grève approche", "fr"))
                .contains("job-displacement", "union-action");
        assertThat(themes("Die Gewerkschaft fordert Einwilligung und Vergütung", "de"))
                .contains("union-action", "consent-likeness", "pay-residuals");
        assertThat(themes("El sindicato denuncia el uso del catálogo sin consentimiento", "es"))
                .contains("union-action", "training-data-copyright", "consent-likeness");
        assertThat(themes("Lovely weather for a film festival", "en")).isEmpty();
        // "like" shares its English stem with "likeness": the theme asks for the word itself
        assertThat(themes("I like this, it is nice", "en")).doesNotContain("consent-likeness");

        Labels l = label(post("bluesky", "a.bsky.social", null,
                "Compositors and roto artists are first in line, then the voice actors.", "en"), 0);
        assertThat(l.names(LabelKind.CRAFT)).contains("voice-actors", "vfx-artists").doesNotContain("writers");
        assertThat(l.crafts()).filteredOn(c -> c.name().equals("vfx-artists")).singleElement()
                .extracting(Label::rule).isEqualTo("crafts: vfx-artists/en");
        assertThat(rules.crafts().match("Les monteuses et les cascadeurs aussi", "fr"))
                .extracting(NamedQueries.Match::name).containsExactly("stunt-performers", "editors");
    }

    @Test
    void shouldPlaceAuthorsByAccountListThenSourceThenProfileElsePublic() {
        Label listed = label(post("x", "@SAGAFTRA", null, "Statement on AI", "en"), 0).group();
        assertThat(listed.name()).isEqualTo("union-guild");
        assertThat(listed.rule()).isEqualTo("accounts: x/@SAGAFTRA");
        Label newsroom = label(post("union", "screen-performers-union", null, "Statement", "en"), 0).group();
        assertThat(newsroom.name()).isEqualTo("union-guild");
        assertThat(newsroom.rule()).isEqualTo("source: union");
        Label reporter = label(post("bluesky", "h.bsky.social", "Tech & entertainment reporter at a trade daily.",
                "Scoop", "en"), 0).group();
        assertThat(reporter.name()).isEqualTo("press");
        assertThat(reporter.reason()).contains("'reporter'");
        assertThat(label(post("mastodon", "c@piaille.example.fr", "Cheffe monteuse (long métrage). Syndiquée.",
                "x", "fr"), 0).group().name()).isEqualTo("working-creative");
        assertThat(label(post("reddit", "moviebuff_1987", "Just likes movies.", "x", "en"), 0).group())
                .extracting(Label::name, Label::rule).containsExactly("public", "default");
    }

    @Test
    void shouldNameEntitiesOnceWhateverTheSpelling() {
        Labels l = Labeller.label(rules, post("x", "someone", null,
                "Lions Gate and @runwayml? #Lionsgate's deal with Runway, says SAG-AFTRA. Not the runway show.",
                "en"), sentiment(0), List.of(new EntityMention("Lionsgate", "organisation"),
                        new EntityMention("Jane Example", "person"), new EntityMention("VFX", "organisation")),
                List.of());
        assertThat(l.names(LabelKind.ENTITY)).containsExactly("Lionsgate", "Runway", "SAG-AFTRA", "Jane Example");
        assertThat(l.entities().get(3).rule()).isEqualTo("corenlp-ner");
        assertThat(label(post("x", "s", null, "the runway for this startup is short", "en"), 0)
                .names(LabelKind.ENTITY)).isEmpty();
    }

    @Test
    void shouldTakeAStanceOnlyTowardATrackedDealTheTextNames() {
        Post angry = post("bluesky", "a.bsky.social", "VFX compositor, 12 years.",
                "Lionsgate training a model on our work to replace us. Disgusting.", "en");
        assertThat(label(angry, -0.7).stance()).extracting(Label::name).isEqualTo("opposes");
        assertThat(label(angry, -0.7).stance().reason()).contains("Lionsgate × Runway", "job-displacement");
        assertThat(label(post("x", "b", null, "Runway and Lionsgate: great move, love it", "en"), 0.7).stance().name())
                .isEqualTo("supports");
        assertThat(label(post("x", "b", null, "AI will take our jobs, awful", "en"), -0.8).stance())
                .extracting(Label::name, Label::reason).containsExactly("neutral", "names no tracked deal");
        // a negative tone alone is not a side; a dismissive cue with it is
        assertThat(label(post("x", "c", null, "Lionsgate and Runway. Hmm.", "en"), -0.4).stance().name())
                .isEqualTo("neutral");
        Label dismissed = label(post("x", "c", null, "Lionsgate x Runway? Hard pass 🙃", "en"), -0.4).stance();
        assertThat(dismissed.name()).isEqualTo("opposes");
        assertThat(dismissed.reason()).contains("says 'hard pass'");
        // studios and AI companies lean for their own deals
        assertThat(label(post("x", "runwayml", null, "Runway and Lionsgate, together.", "en"), 0.3).stance().name())
                .isEqualTo("supports");
        Labels unscored = Labeller.label(rules, post("x", "b", null, "Lionsgate", "it"),
                Sentiment.unscored("it", "no model", Instant.now()), List.of(), List.of());
        assertThat(unscored.stance().name()).isEqualTo("neutral");
    }

    @Test
    void shouldApplyCorrectionsAfterTheRulesSoTheyStick() {
        Post p = post("reddit", "moviebuff_1987", "Just likes movies.", "Lionsgate and Runway, fine by me", "en");
        Correction group = new Correction(7, LabelKind.GROUP, null, "reddit", "moviebuff_1987", List.of("press"),
                "writes for a trade site", "admin", Instant.parse("2024-10-01T00:00:00Z"));
        Correction themes = new Correction(8, LabelKind.THEME, 1L, null, null, List.of("legal-risk"), null, "admin",
                Instant.parse("2024-10-01T00:00:00Z"));
        Correction stance = new Correction(9, LabelKind.STANCE, 1L, null, null, List.of("opposes"), "sarcasm",
                "admin", Instant.parse("2024-10-01T00:00:00Z"));
        Labels l = Labeller.label(rules, p, sentiment(0.6), List.of(), List.of(group, themes, stance));
        assertThat(l.group()).extracting(Label::name, Label::reason)
                .containsExactly("press", "corrected by admin: writes for a trade site");
        assertThat(l.group().corrected()).isTrue();
        assertThat(l.themes()).extracting(Label::name, Label::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple("legal-risk", "Legal risk"));
        assertThat(l.stance().name()).isEqualTo("opposes");
        assertThat(l.stance().rule()).startsWith("correction #9");
    }

    @Test
    void shouldChangeVersionWhenARuleChangesAndNameABrokenQuery() {
        List<NamedQueries.Definition> edited = new java.util.ArrayList<>(SHIPPED.themes());
        edited.set(0, new NamedQueries.Definition("job-displacement", "Jobs", Map.of("en", "jobs")));
        assertThat(SHIPPED.with(edited, SHIPPED.crafts(), DEALS).version()).isNotEqualTo(rules.version());
        assertThat(SHIPPED.with(SHIPPED.themes(), SHIPPED.crafts(), DEALS).version()).isEqualTo(rules.version());
        edited.set(0, new NamedQueries.Definition("broken", "Broken", Map.of("fr", "emploi AND (remplac*")));
        assertThatThrownBy(() -> SHIPPED.with(edited, SHIPPED.crafts(), DEALS))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("'broken', language 'fr'");
    }
}
