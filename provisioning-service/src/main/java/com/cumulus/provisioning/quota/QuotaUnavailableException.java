package com.cumulus.provisioning.quota;

/** tenancy did not answer usefully (down, timed out, 5xx); retried, then reported as 503. */
public class QuotaUnavailableException extends RuntimeException {
    public QuotaUnavailableException(String message) {
        super(message);
    }
}
