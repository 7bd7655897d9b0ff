package com.cumulus.provisioning.driver;

/** What a driver reports about a finished backup. */
public record BackupOutcome(long sizeInBytes, int durationInSeconds) {
}
