package org.reelpulse.report;

import java.io.IOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server on loopback (GreenMail) that, like a real one, refuses mailboxes it does not
 * know: every address at {@value #UNKNOWN_DOMAIN} gets a permanent 550 to RCPT TO.
 */
final class RefusingSmtpServer extends GreenMail {

    static final String UNKNOWN_DOMAIN = "unknown.example.org";

    RefusingSmtpServer(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public synchronized void start() {
        // GreenMail makes new managers on every stop: install the refusing ones on every start
        this.managers = refusing();
        super.start();
    }

    private static Managers refusing() {
        return new Managers() {
            private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress rcpt) {
                    return rcpt.getEmail().endsWith("@" + UNKNOWN_DOMAIN)
                            ? "550 5.1.1 <" + rcpt.getEmail() + ">: Recipient address rejected: User unknown"
                            : super.checkRecipient(state, rcpt);
                }
            };

            @Override
            public SmtpManager getSmtpManager() {
                return smtp;
            }
        };
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
