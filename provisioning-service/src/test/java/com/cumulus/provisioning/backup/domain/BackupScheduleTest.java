package com.cumulus.provisioning.backup.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Backup due/expiry rules, without Quarkus. */
class BackupScheduleTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 1, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void periodCountsFromTheLastBackupOrCreation() {
        assertThat(BackupSchedule.due(null, CREATED, 24, null, CREATED.plusHours(23))).isFalse();
        assertThat(BackupSchedule.due(null, CREATED, 24, null, CREATED.plusHours(24))).isTrue();
        assertThat(BackupSchedule.due(CREATED.plusHours(24), CREATED, 6, null, CREATED.plusHours(29))).isFalse();
        assertThat(BackupSchedule.due(CREATED.plusHours(24), CREATED, 6, null, CREATED.plusHours(30))).isTrue();
    }

    @Test
    void startTimeMeansOncePerDailyUtcSlot() {
        // created 12:00; slot 02:00 → first due the next day at 02:00
        assertThat(BackupSchedule.due(null, CREATED, 24, "02:00", CREATED.plusHours(13))).isFalse();
        OffsetDateTime slot = CREATED.plusDays(1).withHour(2);
        assertThat(BackupSchedule.due(null, CREATED, 24, "02:00", slot.plusMinutes(1))).isTrue();
        assertThat(BackupSchedule.due(slot.plusMinutes(1), CREATED, 24, "02:00", slot.plusHours(20))).isFalse();
        assertThat(BackupSchedule.due(slot.plusMinutes(1), CREATED, 24, "02:00", slot.plusHours(24))).isTrue();
    }

    @Test
    void expiryAfterRetention() {
        assertThat(BackupSchedule.expired(CREATED, 48, CREATED.plusHours(47))).isFalse();
        assertThat(BackupSchedule.expired(CREATED, 48, CREATED.plusHours(48))).isTrue();
    }
}
