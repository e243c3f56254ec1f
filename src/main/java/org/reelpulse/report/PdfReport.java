package org.reelpulse.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.logging.Level;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;

/**
 * The report as a PDF: its XHTML (with the charts as data: URIs) laid out by openhtmltopdf on PDFBox.
 *
 * <p>The font is Liberation Sans, which PDFBox ships inside its own jar (for form fields): it covers
 * Latin, Greek and Cyrillic, is embedded (subset) in the PDF, and nothing is read from the system or
 * the network. Post text may hold any character; those the font cannot show (emoji, CJK, scripts
 * beyond the three) are {@link #visible(String) replaced} by a white square (□) before layout, so a PDF
 * never fails on them nor shows the renderer's '#'. Its one face is used for bold and italic text too.
 *
 * <p>Nothing outside the document is fetched: only the charts' {@code data:image/png} URIs may load.
 */
final class PdfReport {

    /** The font family the PDF's XHTML names. */
    static final String FONT_FAMILY = "ReportSans";
    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final String PNG_DATA = "data:image/png;base64,";

    static {
        // openhtmltopdf logs each layout at INFO (fonts loaded, selectors matched, "prepare to fly"): a
        // dozen lines per report in the application's log. Its warnings and errors still show.
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
    }

    private PdfReport() {
    }

    static byte[] render(String xhtml, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        // the one face for every weight and style: without a match openhtmltopdf would fall back to a
        // built-in PDF font (Helvetica), which has no Cyrillic or Greek
        for (BaseRendererBuilder.FontStyle style : BaseRendererBuilder.FontStyle.values()) {
            builder.useFont(Font::stream, FONT_FAMILY, 400, style, true);
            builder.useFont(Font::stream, FONT_FAMILY, 700, style, true);
        }
        for (ExternalResourceControlPriority when : ExternalResourceControlPriority.values()) {
            builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith(PNG_DATA), when);
        }
        builder.withProducer("ReelPulse");
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out the PDF of report '" + title + "'", e);
        }
        return out.toByteArray();
    }

    /**
     * The text with every character the font cannot show replaced: spaces by a space the font has,
     * invisible joiners and marks it lacks dropped, anything else by □ (a run of them by one).
     */
    static String visible(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean replaced = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (HtmlReport.bidiControl(cp)) {
                continue; // see HtmlReport.escape
            }
            if (cp == '\n' || cp == '\t' || Font.COVERED.get(cp)) {
                b.appendCodePoint(cp);
                replaced = false;
            } else if (Character.isSpaceChar(cp)) {
                // e.g. the narrow no-break space of French numbers: keep it unbreakable when the font can
                b.append(Font.COVERED.get('\u00a0') && (cp == '\u202f' || cp == '\u2007') ? '\u00a0' : ' ');
                replaced = false;
            } else {
                int type = Character.getType(cp);
                if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                        || type == Character.CONTROL || (cp >= 0xfe00 && cp <= 0xfe0f)) {
                    continue; // zero-width joiners, variation selectors, combining marks: nothing to see
                }
                if (!replaced) {
                    b.append(Font.REPLACEMENT);
                    replaced = true;
                }
            }
        }
        return b.toString();
    }

    /** The embedded font's bytes and the code points it has glyphs for, read once. */
    private static final class Font {

        private static final byte[] BYTES = read();
        static final BitSet COVERED = coverage(BYTES);
        static final String REPLACEMENT = COVERED.get('\u25a1') ? "\u25a1" : "?";

        static InputStream stream() {
            return new ByteArrayInputStream(BYTES);
        }

        private static byte[] read() {
            try (InputStream in = PDDocument.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("PDFBox no longer ships " + FONT_RESOURCE
                            + ": the report's PDF needs another font");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static BitSet coverage(byte[] bytes) {
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                BitSet covered = new BitSet();
                for (int cp = 0x20; cp <= 0x1ffff; cp++) {
                    if (cmap.getGlyphId(cp) > 0) {
                        covered.set(cp);
                    }
                }
                return covered;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the report's PDF font", e);
            }
        }
    }
}
