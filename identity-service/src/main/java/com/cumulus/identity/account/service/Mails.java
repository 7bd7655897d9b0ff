package com.cumulus.identity.account.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.config.IdentityConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Account mails through quarkus-mailer; an SMTP failure becomes 424 Failed Dependency. */
@ApplicationScoped
public class Mails {

    private static final Logger LOG = Logger.getLogger(Mails.class);
    private final ReactiveMailer mailer;
    private final IdentityConfig config;

    public Mails(ReactiveMailer mailer, IdentityConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public Uni<Void> approveCode(String to, String organizationName, String registrationId, String code) {
        return send(to, "Your Cumulus approve code",
                "Welcome to Cumulus, " + organizationName + ".\n\nRegistration: " + registrationId
                        + "\nApprove code: " + code + "\n\nThe code is valid for "
                        + config.tokens().approveCodeTtl().toHours() + " hours and can be used once.\n");
    }

    public Uni<Void> resetLink(String to, String token) {
        return send(to, "Reset your Cumulus password",
                "Use this link within " + config.tokens().resetLinkTtl().toHours() + " hours to set a new password:\n"
                        + config.mail().resetUrl() + "?resetToken=" + token + "\n\nReset token: " + token + "\n");
    }

    /** After a registration through an invitation: the account has no password yet; same token as a reset link. */
    public Uni<Void> setPasswordLink(String to, String firstName, String token) {
        return send(to, "Set your Cumulus password",
                "Welcome to Cumulus" + (firstName == null ? "" : ", " + firstName) + ".\n\nYour account was created"
                        + " from an invitation. Use this link within " + config.tokens().resetLinkTtl().toHours()
                        + " hours to set your password (it works once):\n" + config.mail().resetUrl() + "?resetToken="
                        + token + "\n\nReset token: " + token + "\n");
    }

    private Uni<Void> send(String to, String subject, String text) {
        return mailer.send(Mail.withText(to, subject, text).setFrom(config.mail().from()))
                .onFailure().transform(e -> {
                    LOG.warn("mail delivery failed", e);
                    return new ApiException(424, "failed_dependency", "mail delivery failed, retry in a few minutes",
                            null, null);
                });
    }
}
