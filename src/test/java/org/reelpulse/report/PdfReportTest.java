package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void shouldPutTheFiguresStatementAndHostileTextInThePdfAsText() throws Exception {
        RenderedReport r = renderer.render(ReportFixture.content(Locale.ENGLISH, false, ReportFixture.week()));
        try (PDDocument pdf = Loader.loadPDF(r.pdf())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            String flat = text.replaceAll("\\s+", "");
            // posts' markup is printed as the characters it is made of, never laid out
            assertThat(flat).contains(ReportFixture.SCRIPT.replaceAll("\\s+", ""),
                    ReportFixture.IMG.replaceAll("\\s+", ""), ReportFixture.LINK.replaceAll("\\s+", ""));
            assertThat(flat).contains("Headlinefigures", "Posts412305+107(+35%)", "Netsentiment\u22120.31\u22120.12\u22120.19",
                    ReportFixture.KEY_SENTENCE.replaceAll("\\s+", ""), "Whatchangedsincelastweek");
            // Latin, Cyrillic and Greek as written; what the font lacks (CJK, emoji) replaced, not failed on
            assertThat(flat).contains("Étécafé", "Привет", "Ελληνικά").doesNotContain("日本語");
            assertThat(images(pdf)).isEqualTo(2);
        }
    }

    @Test
    void shouldReplaceOnlyWhatTheFontCannotShow() {
        assertThat(PdfReport.visible("Café Привет Ελληνικά × \u2212 \u201cq\u201d")).isEqualTo(
                "Café Привет Ελληνικά × \u2212 \u201cq\u201d");
        assertThat(PdfReport.visible("a 日本語 b 👍🏽 c")).isEqualTo("a \u25a1 b \u25a1 c");
        assertThat(PdfReport.visible("a\u3000b")).isEqualTo("a b");
        assertThat(PdfReport.visible("abc\u202edef")).isEqualTo("abcdef");
    }

    @Test
    void shouldEmbedTheFontForBoldAndItalicTextToo() throws Exception {
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body style=\"font-family:"
                + PdfReport.FONT_FAMILY + ";\"><p style=\"font-style:italic;\">Привет один</p>"
                + "<p style=\"font-weight:bold;font-style:oblique;\">Ελληνικά δύο</p></body></html>";
        String text = ReportRendererTest.pdfText(PdfReport.render(xhtml, "fonts"));
        assertThat(text).contains("Привет один", "Ελληνικά δύο");
    }

    @Test
    void shouldNeverFailOnUnusualText() {
        String nasty = "\u0000\u0007 bell \ud800 lone surrogate \ufffe \u202e right-to-left \ud83d\ude00 "
                + "]]> <!-- --> <![CDATA[x]]> &amp; &#0; \u0645\u0631\u062d\u0628\u0627";
        ReportContent c = ReportFixture.content(Locale.ENGLISH, false, ReportFixture.week());
        ReportContent odd = new ReportContent(nasty, c.locale(), c.week(), c.zone(), c.from(), c.to(),
                c.generatedAt(), false, c.events());
        assertThatCode(() -> {
            RenderedReport r = renderer.render(odd);
            assertThat(ReportRendererTest.pdfText(r.pdf())).contains("]]> <!-- -->");
        }).doesNotThrowAnyException();
    }

    private static int images(PDDocument pdf) throws Exception {
        int n = 0;
        for (PDPage page : pdf.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.isImageXObject(name)) {
                    n++;
                }
            }
        }
        return n;
    }
}
