package org.reelpulse.report;

import java.util.Base64;
import java.util.List;

/**
 * One weekly report ready to send: the subject, the plain-text and HTML parts, the charts the HTML
 * shows inline, and the same report as a PDF.
 *
 * @param subject     one line, no line breaks
 * @param text        the plain-text part
 * @param html        the HTML part; its images are {@code cid:} references to {@code images}
 * @param images      the charts, each referenced once by the HTML
 * @param pdf         the same report as a PDF
 * @param pdfFileName a file name for the PDF attachment
 */
public record RenderedReport(String subject, String text, String html, List<InlineImage> images, byte[] pdf,
        String pdfFileName) {

    public RenderedReport {
        images = List.copyOf(images);
    }

    /** The HTML with every cid: image replaced by a data: URI, for a browser preview; otherwise identical. */
    public String htmlForBrowser() {
        String out = html;
        for (InlineImage image : images) {
            // the renderer writes each reference exactly like this, and escapes every quote of untrusted
            // text, so no post can contain the string replaced here
            out = out.replace("src=\"cid:" + image.contentId() + "\"",
                    "src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(image.png()) + "\"");
        }
        return out;
    }
}
