package com.cumulus.provisioning.driver;

/** A driver operation failed; the message is the reason recorded on the service and its state-changed event. */
public class DriverException extends RuntimeException {
    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
