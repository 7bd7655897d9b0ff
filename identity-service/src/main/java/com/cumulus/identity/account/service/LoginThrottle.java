package com.cumulus.identity.account.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.account.repository.LoginStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A password check with failed-login throttling per account (keyed by the submitted email, whether or not it exists,
 * so the answer never reveals existence) and per source address. After the allowed failures each further failure
 * locks the key for base-lockout doubling up to max-lockout; a locked key answers 429 with Retry-After. Failures decay
 * after max-lockout. The database work is {@link LoginStore}'s: one read before the hash, one write after a failure.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginStore logins;
    private final PasswordHasher hasher;

    public LoginThrottle(LoginStore logins, PasswordHasher hasher) {
        this.logins = logins;
        this.hasher = hasher;
    }

    public static String accountKey(String email) {
        return "account:" + email;
    }

    public static String sourceKey(String source) {
        return "source:" + (source == null ? "unknown" : source);
    }

    /**
     * Checks {@code password} for the account with the (normalized) {@code email}: fails with 429 when the account or
     * the source is locked (before any hashing); otherwise verifies the password on the hashing pool (against a decoy
     * when no account has the email, so the timing is the same) and emits the user, or null after counting the
     * failure on both keys. A successful login must clear the account key ({@link LoginStore#succeeded} or
     * {@link LoginStore#reset}).
     */
    public Uni<LoginStore.User> verify(String email, String password, String source) {
        String accountKey = accountKey(email);
        String sourceKey = sourceKey(source);
        return logins.load(accountKey, sourceKey, email).chain(state -> {
            if (state.locked()) {
                throw ApiException.tooManyRequests(state.lockedSeconds());
            }
            LoginStore.User user = state.user();
            return hasher.verifyAsync(password, user == null ? null : user.passwordHash())
                    .chain(ok -> ok ? Uni.createFrom().item(user)
                            : logins.failed(accountKey, sourceKey).replaceWith((LoginStore.User) null));
        });
    }
}
