package com.cumulus.identity.db;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions between the reactive client's rows and parameters and the domain's types. */
public final class Rows {

    private Rows() {
    }

    /** A timestamptz parameter (the client binds OffsetDateTime, not Instant). */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A bytea parameter: a core Buffer, since Tuple.from passes its values to the core tuple unchanged. */
    public static io.vertx.core.buffer.Buffer bytea(byte[] bytes) {
        return bytes == null ? null : io.vertx.core.buffer.Buffer.buffer(bytes);
    }

    /** A timestamptz column as an Instant (null stays null). */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
