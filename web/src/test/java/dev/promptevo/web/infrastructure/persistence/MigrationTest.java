package dev.promptevo.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flyway migrations on the embedded database the server uses by default (file-based H2 2.x). */
class MigrationTest {
    @TempDir
    Path dataDir;

    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dataDir.resolve("promptevo").toAbsolutePath());
        ds.setUser("promptevo");
        ds.setPassword("promptevo");
        return ds;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:db/migration")
                .load();
    }

    @Test
    void theSchemaIsCreatedOnceAndThenLeftAlone() throws SQLException {
        assertThat(flyway().migrate().migrationsExecuted).isPositive();
        assertThat(flyway().migrate().migrationsExecuted).isZero();
        flyway().validate();

        try (Connection c = dataSource().getConnection();
                var tables = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(names).contains("task", "dataset", "dataset_example", "run", "run_generation", "run_candidate");
        }
    }

    @Test
    void foreignKeysAndUniqueKeysHold() throws SQLException {
        flyway().migrate();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO dataset VALUES ('d1', 'd', 1, 10, CURRENT_TIMESTAMP, 1)");
            s.execute("INSERT INTO dataset_example VALUES ('e1', 'd1', 0, 'a', 'in', '{}', 0.5, '[]', '[]')");
            assertThatThrownBy(() -> s.execute(
                            "INSERT INTO dataset_example VALUES ('e2', 'd1', 1, 'a', 'in', '{}', 0.5, '[]', '[]')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute(
                            "INSERT INTO dataset_example VALUES ('e3', 'nope', 0, 'b', 'in', '{}', 0.5, '[]', '[]')"))
                    .isInstanceOf(SQLException.class);
            String longText = "x".repeat(200_000);
            s.execute(
                    "INSERT INTO task VALUES ('t1', 'n', NULL, 'simulated', '" + longText + "', CURRENT_TIMESTAMP, 1)");
        }
    }
}
