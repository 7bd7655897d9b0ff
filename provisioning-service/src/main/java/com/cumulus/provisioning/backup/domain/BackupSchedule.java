package com.cumulus.provisioning.backup.domain;

import com.cumulus.common.errors.ApiException;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** When backups are due and when they expire; pure rules over a service's backup configuration. */
public final class BackupSchedule {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private BackupSchedule() {
    }

    /**
     * Without a start time a backup is due {@code periodHours} after the last one (or after creation); with a start
     * time (UTC, HH:MM) it is due once the most recent daily slot has passed since the last one.
     */
    public static boolean due(OffsetDateTime lastStartedAt, OffsetDateTime createdAt, int periodHours,
                              String startTime, OffsetDateTime now) {
        if (startTime == null) {
            OffsetDateTime reference = lastStartedAt != null ? lastStartedAt : createdAt;
            return !reference.plusHours(periodHours).isAfter(now);
        }
        OffsetDateTime utcNow = now.withOffsetSameInstant(ZoneOffset.UTC);
        LocalTime time = LocalTime.parse(startTime);
        OffsetDateTime slot = utcNow.withHour(time.getHour()).withMinute(time.getMinute()).withSecond(0).withNano(0);
        if (slot.isAfter(utcNow)) {
            slot = slot.minusDays(1);
        }
        return lastStartedAt != null ? lastStartedAt.isBefore(slot) : !slot.isBefore(createdAt);
    }

    public static boolean expired(OffsetDateTime finishedAt, int retentionHours, OffsetDateTime now) {
        return finishedAt != null && !finishedAt.plusHours(retentionHours).isAfter(now);
    }

    public static void checkPeriod(Integer hours) {
        if (hours != null && (hours < 1 || hours > 720)) {
            throw ApiException.invalid("backupPeriodInHours", "must be between 1 and 720 hours");
        }
    }

    public static void checkRetention(Integer hours) {
        if (hours != null && (hours < 1 || hours > 24 * 366)) {
            throw ApiException.invalid("backupRetentionPeriodInHours", "must be between 1 and 8784 hours");
        }
    }

    public static void checkStartTime(String value) {
        if (value != null) {
            if (!HH_MM.matcher(value).matches()) {
                throw ApiException.invalid("backupStartTime", "must be a UTC time in HH:MM format");
            }
            try {
                LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("backupStartTime", "must be a UTC time in HH:MM format");
            }
        }
    }
}
