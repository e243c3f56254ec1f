package org.reelpulse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Renders one weekly report: the subject, the plain-text part, the HTML part with its charts as
 * inline PNG images, and the same report as a PDF, in the subscription's language (English or
 * French) and time zone. Stateless and thread-safe: everything it builds lives in one call.
 *
 * <p>What it shows per event, and its rules (too little data, pseudonyms, safe links), are described
 * on {@link HtmlReport}, {@link Pseudonyms} and {@link WhatChanged}.
 */
@Component
public class ReportRenderer {

    /** Renders the report; the charts are drawn once and shared by the HTML and the PDF. */
    public RenderedReport render(ReportContent content) {
        Objects.requireNonNull(content, "content");
        Messages m = new Messages(content.locale(), content.zone());
        Pseudonyms names = new Pseudonyms(content.pseudonymise(), m, content.events());
        List<EventView> events = new ArrayList<>();
        for (int i = 0; i < content.events().size(); i++) {
            events.add(EventView.of(content.events().get(i), i + 1, content, m, names));
        }
        List<InlineImage> images = new ArrayList<>();
        for (EventView e : events) {
            if (e.reaction() != null) {
                images.add(e.reaction().image());
            }
            if (e.groups() != null) {
                images.add(e.groups().image());
            }
        }
        String subject = Wording.subject(content, events, m);
        String html = HtmlReport.render(content, m, names, events, subject, HtmlReport.Medium.MAIL);
        String text = TextReport.render(content, m, names, events);
        byte[] pdf = PdfReport.render(HtmlReport.render(content, m, names, events, subject, HtmlReport.Medium.PDF),
                subject);
        return new RenderedReport(subject, text, html, images, pdf, Wording.pdfFileName(content));
    }
}
