package com.cumulus.identity.db;

import com.cumulus.common.sql.SqlTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The repositories' prepared statements: on the current transaction's connection when there is one, on the pool
 * (each statement its own transaction) otherwise ({@link SqlTransactions#client()}).
 */
@ApplicationScoped
public class Sql {

    private final SqlTransactions tx;

    public Sql(SqlTransactions tx) {
        this.tx = tx;
    }

    /** The first row mapped, or null when there is none. */
    public <T> Uni<T> one(String sql, Tuple args, Function<Row, T> mapper) {
        return execute(sql, args).map(set -> {
            var iterator = set.iterator();
            return iterator.hasNext() ? mapper.apply(iterator.next()) : null;
        });
    }

    /** Every row mapped, in the statement's order. */
    public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        return execute(sql, args).map(set -> {
            List<T> out = new ArrayList<>(set.size());
            for (Row row : set) {
                out.add(mapper.apply(row));
            }
            return out;
        });
    }

    /** The number of rows the statement changed. */
    public Uni<Integer> changed(String sql, Tuple args) {
        return execute(sql, args).map(RowSet::rowCount);
    }

    public Uni<Void> run(String sql, Tuple args) {
        return execute(sql, args).replaceWithVoid();
    }

    /** The transactions themselves, for a statement that must run inside one ({@link SqlTransactions#connection()}). */
    public SqlTransactions tx() {
        return tx;
    }

    private Uni<RowSet<Row>> execute(String sql, Tuple args) {
        return tx.client().preparedQuery(sql).execute(args);
    }
}
