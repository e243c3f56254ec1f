package org.reelpulse.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Turns a rendered report into the email one recipient gets, and hands it over: to the SMTP server of
 * {@code spring.mail.*} when one is configured, otherwise to the outbox folder as an .eml file that
 * any mail client opens.
 *
 * <p>The message is multipart/mixed: a multipart/related part (multipart/alternative with the plain
 * text and the HTML, then the charts as inline PNG images the HTML refers to by Content-ID) and the
 * PDF as an attachment. Its Message-ID is fixed by the send and the recipient, so a message sent
 * again after a crash is recognisable as the same one.
 */
@Component
class ReportMail {

    private static final Logger log = LoggerFactory.getLogger(ReportMail.class);

    private final JavaMailSender smtp;
    private final ReportProperties properties;
    private final Session session = Session.getInstance(new Properties());

    ReportMail(ObjectProvider<JavaMailSender> smtp, ReportProperties properties) {
        this.smtp = smtp.getIfAvailable();
        this.properties = properties;
        log.info("Weekly reports go to {}", destination());
    }

    /** Where reports go, for people: "SMTP" or the outbox folder. */
    String destination() {
        return smtp != null ? "SMTP" : "the outbox " + properties.outbox().toAbsolutePath();
    }

    /** The Message-ID of the report of send {@code sendId} to {@code recipient}. */
    static String messageId(long sendId, String recipient, String domain) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(recipient.toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "<report-" + sendId + "-" + HexFormat.of().formatHex(hash, 0, 8) + "@" + domain + ">";
    }

    /** The email of the report to one recipient. */
    MimeMessage message(RenderedReport report, String recipient, String messageId) {
        try {
            MimeMessage m = new FixedIdMessage(session, messageId);
            MimeMessageHelper h = new MimeMessageHelper(m, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            h.setFrom(new InternetAddress(properties.from(), true));
            h.setTo(new InternetAddress(recipient, true));
            h.setSubject(report.subject());
            h.setSentDate(new java.util.Date());
            h.setText(report.text(), report.html());
            for (InlineImage image : report.images()) {
                h.addInline(image.contentId(), new ByteArrayResource(image.png()), "image/png");
            }
            h.addAttachment(report.pdfFileName(), new ByteArrayResource(report.pdf()), "application/pdf");
            // RFC 3834: an automatic message, so that autoresponders stay quiet
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setHeader("X-Auto-Response-Suppress", "All");
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException("The report's email could not be assembled: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the message to its recipient; without SMTP, writes it to the outbox as {@code outboxName}.eml.
     *
     * @throws RecipientRefused when the server refused this recipient for good (a 5xx to RCPT TO): the
     *                          others are still worth sending to
     * @throws DeliveryFailed   when it failed for another reason (server down, timeout, a 4xx, the
     *                          outbox not writable): worth trying again later
     */
    void send(MimeMessage message, String recipient, String outboxName) {
        if (smtp == null) {
            toOutbox(message, recipient, outboxName);
            return;
        }
        try {
            smtp.send(message);
        } catch (MailSendException e) {
            Exception cause = e.getFailedMessages().isEmpty() ? e : e.getFailedMessages().values().iterator().next();
            if (refused(cause)) {
                throw new RecipientRefused(describe(cause), cause);
            }
            throw new DeliveryFailed(describe(cause), cause);
        } catch (MailException e) {
            throw new DeliveryFailed(describe(e), e);
        }
    }

    /** Refused for good: the server answered RCPT TO with a permanent (5xx) reply. */
    private static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f) {
                return f.getReturnCode() >= 500;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 1500; c = next(c)) {
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().strip();
            if (s.indexOf(m) < 0) {
                s.append(s.length() == 0 ? "" : ": ").append(m);
            }
        }
        return s.toString();
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof MessagingException m ? m.getNextException() : null;
    }

    private void toOutbox(MimeMessage message, String recipient, String name) {
        try {
            Files.createDirectories(properties.outbox());
            Path target = properties.outbox().resolve(name.replaceAll("[^A-Za-z0-9._@-]+", "_") + ".eml");
            // written under a temporary name and moved, so a mail client never opens half a file
            Path part = Files.createTempFile(properties.outbox(), ".writing-", ".eml");
            try (OutputStream out = Files.newOutputStream(part)) {
                message.writeTo(out);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new DeliveryFailed("The report to " + recipient + " could not be written to the outbox "
                    + properties.outbox().toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** A message whose Message-ID stays the one given (Jakarta Mail makes a new one on every save). */
    private static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** The server refused the recipient for good. */
    static final class RecipientRefused extends RuntimeException {
        RecipientRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sending failed in a way that may pass: try again later. */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
