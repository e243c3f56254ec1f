package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private final Messages en = new Messages(Locale.ENGLISH, ReportFixture.PARIS);

    private Pseudonyms of(boolean on) {
        return new Pseudonyms(on, en, List.of(new EventReport(ReportFixture.week(), ReportFixture.DASHBOARD_URL,
                ReportFixture.PREFIX)));
    }

    @Test
    void shouldGiveTheSameHandleTheSamePseudonymInTheOrderFirstShown() {
        Pseudonyms names = of(true);
        // top posts come first: the hostile public author, then the creative, then the author no rule placed
        assertThat(names.author("angryfan42", "Hostile Harry", "public")).isEqualTo("Member of the public 1");
        assertThat(names.author("@AngryFan42", null, "public")).isEqualTo("Member of the public 1");
        assertThat(names.author("jane_doe_vfx", null, "working-creative")).isEqualTo("Creative 1");
        assertThat(names.author("mystery_user", null, null)).isEqualTo("Member of the public 2");
        assertThat(names.author("sagaftra", "SAG-AFTRA", "union-guild")).isEqualTo("SAG-AFTRA (sagaftra)");
        assertThat(names.author("variety", "Variety", "press")).isEqualTo("Variety");
        assertThat(names.author(null, "Variety", "press")).isEqualTo("Variety");
        assertThat(names.author(" ", null, "press")).isEqualTo("Unknown author");
    }

    @Test
    void shouldReplaceHiddenAuthorsInsideQuotedTextOnly() {
        Pseudonyms names = of(true);
        assertThat(names.text("Talked to @jane_doe_vfx and Jane Doe, not to jane_doe_vfxfan or mail@jane_doe_vfx.example"))
                .isEqualTo("Talked to Creative 1 and Creative 1, not to jane_doe_vfxfan or mail@jane_doe_vfx.example");
        assertThat(names.text("SAG-AFTRA said so")).isEqualTo("SAG-AFTRA said so");
        assertThat(of(false).text("Talked to @jane_doe_vfx")).isEqualTo("Talked to @jane_doe_vfx");
    }

    @Test
    void shouldLinkHiddenAuthorsToReelPulseAndDropLinksThatAreNotWebAddresses() {
        Pseudonyms names = of(true);
        assertThat(names.postLink(3, "https://x.example/jane/status/3", "working-creative", ReportFixture.PREFIX))
                .isEqualTo(ReportFixture.PREFIX + "3");
        assertThat(names.postLink(1, "https://bsky.app/p/1", "union-guild", ReportFixture.PREFIX))
                .isEqualTo("https://bsky.app/p/1");
        assertThat(names.postLink(1, "javascript:alert(1)", "press", ReportFixture.PREFIX))
                .isEqualTo(ReportFixture.PREFIX + "1");
        assertThat(names.postLink(1, "javascript:alert(1)", "press", "javascript:")).isNull();
        for (String bad : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.example",
                "https://a.example/x\"onmouseover=1", "ftp://a.example", " ", "http://")) {
            assertThat(Pseudonyms.web(bad)).as(bad).isNull();
        }
        assertThat(Pseudonyms.web("HTTPS://a.example/x?y=1&z=2")).isEqualTo("HTTPS://a.example/x?y=1&z=2");
    }
}
