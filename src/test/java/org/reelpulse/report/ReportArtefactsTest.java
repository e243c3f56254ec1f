package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import com.openhtmltopdf.java2d.api.BufferedImagePageProcessor;
import com.openhtmltopdf.java2d.api.Java2DRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;

/**
 * Writes what a reader gets to {@code target/report-artefacts/}, for a person to look at: the HTML as
 * a browser preview and drawn to PNG, the PDF and its first page as PNG, in English and in French.
 */
class ReportArtefactsTest {

    private static final Path DIR = Path.of("target", "report-artefacts");

    @Test
    void shouldWriteTheHtmlAndPdfAndTheirPictures() throws Exception {
        Files.createDirectories(DIR);
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
            RenderedReport r = new ReportRenderer().render(ReportFixture.content(locale, true, ReportFixture.week()));
            String name = "report-" + locale.getLanguage();
            Path html = DIR.resolve(name + ".html");
            Path pdf = DIR.resolve(name + ".pdf");
            Files.writeString(html, r.htmlForBrowser(), StandardCharsets.UTF_8);
            Files.writeString(DIR.resolve(name + ".txt"), r.text(), StandardCharsets.UTF_8);
            Files.write(pdf, r.pdf());
            for (InlineImage i : r.images()) {
                Files.write(DIR.resolve(name + "-" + i.fileName()), i.png());
            }
            Path htmlPng = DIR.resolve(name + "-html.png");
            ImageIO.write(drawHtml(r.htmlForBrowser()), "png", htmlPng.toFile());
            Path pdfPng = DIR.resolve(name + "-pdf-page1.png");
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 96), "png", pdfPng.toFile());
            }

            assertThat(Files.size(html)).isGreaterThan(10_000);
            assertThat(Files.size(pdf)).isGreaterThan(10_000);
            assertPicture(htmlPng, 600, 2000);
            assertPicture(pdfPng, 600, 800);
        }
    }

    @Test
    void shouldWriteAReportWithTooLittleDataWithoutCharts() throws Exception {
        Files.createDirectories(DIR);
        RenderedReport r = new ReportRenderer().render(ReportFixture.content(Locale.ENGLISH, true,
                ReportFixture.thinWeek(7)));
        Path html = DIR.resolve("report-thin-en.html");
        Path pdf = DIR.resolve("report-thin-en.pdf");
        Files.writeString(html, r.htmlForBrowser(), StandardCharsets.UTF_8);
        Files.write(pdf, r.pdf());
        Path pdfPng = DIR.resolve("report-thin-en-pdf-page1.png");
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 96), "png", pdfPng.toFile());
        }
        assertThat(r.images()).isEmpty();
        assertThat(ImageIO.read(pdfPng.toFile()).getWidth()).isGreaterThanOrEqualTo(600);
    }

    /** The HTML as one tall picture, on a page wider than the 640 px report (the Java2D fonts are wider than a mail client's). */
    private static BufferedImage drawHtml(String html) throws IOException {
        BufferedImagePageProcessor pages = new BufferedImagePageProcessor(BufferedImage.TYPE_INT_RGB, 1.0);
        Java2DRendererBuilder builder = new Java2DRendererBuilder();
        builder.useFastMode();
        builder.useEnvironmentFonts(true);
        builder.withHtmlContent(html, null);
        // the Java2D renderer draws 72 pixels to the inch: 280 mm are 794 pixels
        builder.useDefaultPageSize(280, 297, BaseRendererBuilder.PageSizeUnits.MM);
        builder.toSinglePage(pages);
        builder.runFirstPage();
        return pages.getPageImages().get(0);
    }

    /** The file is a PNG at least this big, with enough ink on it to be a report rather than a blank page. */
    private static void assertPicture(Path png, int minWidth, int minHeight) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(minWidth);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(minHeight);
        long inked = 0;
        long colours = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff && rgb != 0xf3f4f6) {
                    inked++;
                }
                int r = (rgb >> 16) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - b) > 60) {
                    colours++; // the charts' oranges and blues
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertThat(inked).as("pixels with ink in " + png).isGreaterThan(sampled / 50);
        assertThat(colours).as("coloured pixels (charts) in " + png).isGreaterThan(500);
    }
}
