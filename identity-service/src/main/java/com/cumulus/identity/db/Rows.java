package com.cumulus.identity.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small conversions between the reactive client's rows and parameters and the domain's types. */
public final class Rows {

    private Rows() {
    }

    /** The first row mapped, or null when there is none. */
    public static <T> Uni<T> first(Uni<RowSet<Row>> rows, Function<Row, T> mapper) {
        return rows.map(set -> {
            var iterator = set.iterator();
            return iterator.hasNext() ? mapper.apply(iterator.next()) : null;
        });
    }

    public static <T> Uni<List<T>> list(Uni<RowSet<Row>> rows, Function<Row, T> mapper) {
        return rows.map(set -> {
            List<T> out = new ArrayList<>(set.size());
            for (Row row : set) {
                out.add(mapper.apply(row));
            }
            return out;
        });
    }

    /** The number of rows a statement changed. */
    public static Uni<Integer> count(Uni<RowSet<Row>> rows) {
        return rows.map(RowSet::rowCount);
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
