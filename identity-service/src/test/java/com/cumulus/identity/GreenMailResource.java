package com.cumulus.identity;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real SMTP + IMAP server (GreenMail): the service sends through SMTP, tests read the mail over IMAP. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int smtp = freePort();
        int imap = freePort();
        greenMail = new GreenMail(new ServerSetup[]{new ServerSetup(smtp, "localhost", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "localhost", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        return Map.of("quarkus.mailer.host", "localhost",
                "quarkus.mailer.port", String.valueOf(smtp),
                "cumulus.test.imap.port", String.valueOf(imap));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
