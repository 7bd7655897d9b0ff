package com.cumulus.identity;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** Reads real mail from GreenMail over IMAP (GreenMail creates a mailbox per recipient, password = address). */
public final class Mailbox {

    private Mailbox() {
    }

    /** Waits for the {@code count}-th mail to {@code address} and returns its text. */
    public static String nth(String address, int count) {
        AtomicReference<String> text = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String found = read(address, count);
            text.set(found);
            return found != null;
        });
        return text.get();
    }

    /** How many mails {@code address} has received so far (0 when none). */
    public static int count(String address) {
        try {
            int port = ConfigProvider.getConfig().getValue("cumulus.test.imap.port", Integer.class);
            Store store = Session.getInstance(new Properties()).getStore("imap");
            try {
                store.connect("localhost", port, address, address);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    return inbox.getMessageCount();
                } finally {
                    inbox.close(false);
                }
            } catch (jakarta.mail.AuthenticationFailedException e) {
                return 0;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extracts the value after {@code label} (e.g. "Approve code: "). */
    public static String value(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(\\S+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError(label + " not in mail: " + text);
        }
        return m.group(1);
    }

    private static String read(String address, int count) throws Exception {
        int port = ConfigProvider.getConfig().getValue("cumulus.test.imap.port", Integer.class);
        Properties props = new Properties();
        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        try {
            store.connect("localhost", port, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                if (inbox.getMessageCount() < count) {
                    return null;
                }
                Message message = inbox.getMessage(count);
                Object content = message.getContent();
                if (content instanceof Multipart multipart) {
                    return String.valueOf(multipart.getBodyPart(0).getContent());
                }
                return String.valueOf(content);
            } finally {
                inbox.close(false);
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return null;
        } finally {
            store.close();
        }
    }
}
