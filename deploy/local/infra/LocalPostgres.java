import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The local stack's PostgreSQL: the same embedded binaries the tests use (Maven Central, no Docker), on a fixed port
 * with a persistent data directory, one database per service. Runs until killed; stops PostgreSQL on the way out.
 * Usage: java -cp '.local/lib/*' LocalPostgres.java <dataDir> <port> <db>...
 */
public class LocalPostgres {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(args[0])
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[1]))
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setRegisterShutdownHook(true)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("alter user postgres with password 'postgres'");
            for (int i = 2; i < args.length; i++) {
                try (ResultSet exists = statement.executeQuery(
                        "select 1 from pg_database where datname = '" + args[i] + "'")) {
                    if (!exists.next()) {
                        statement.execute("create database " + args[i]);
                    }
                }
            }
        }
        System.out.println("LocalPostgres ready on port " + postgres.getPort());
        Thread.currentThread().join();
    }
}
