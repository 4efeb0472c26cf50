package dev.promptevo.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.domain.security.Ownership;
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
            assertThat(names)
                    .contains(
                            "task",
                            "dataset",
                            "dataset_example",
                            "run",
                            "run_generation",
                            "run_candidate",
                            "issued_token",
                            "deployment",
                            "deployment_arm",
                            "decision_reward",
                            "deployment_traffic",
                            "run_checkpoint",
                            "run_evaluations",
                            "run_call");
        }
    }

    @Test
    void foreignKeysAndUniqueKeysHold() throws SQLException {
        flyway().migrate();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO dataset (id, name, example_count, size_bytes, created_at, version, owner_subject)"
                    + " VALUES ('d1', 'd', 1, 10, CURRENT_TIMESTAMP, 1, 'alice')");
            s.execute("INSERT INTO dataset_example VALUES ('e1', 'd1', 0, 'a', 'in', '{}', 0.5, '[]', '[]')");
            assertThatThrownBy(() -> s.execute(
                            "INSERT INTO dataset_example VALUES ('e2', 'd1', 1, 'a', 'in', '{}', 0.5, '[]', '[]')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute(
                            "INSERT INTO dataset_example VALUES ('e3', 'nope', 0, 'b', 'in', '{}', 0.5, '[]', '[]')"))
                    .isInstanceOf(SQLException.class);
            String longText = "x".repeat(200_000);
            s.execute("INSERT INTO task (id, name, backend_id, definition_json, created_at, version, owner_subject)"
                    + " VALUES ('t1', 'n', 'simulated', '" + longText + "', CURRENT_TIMESTAMP, 1, 'alice')");
            assertThatThrownBy(() -> s.execute("INSERT INTO task (id, name, backend_id, definition_json, created_at,"
                            + " version) VALUES ('t2', 'n', 'simulated', '{}', CURRENT_TIMESTAMP, 1)"))
                    .as("every new row names its owner")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void rowsFromBeforeVersion2BelongToAdminsOnly() throws SQLException {
        Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO task VALUES ('t1', 'n', NULL, 'simulated', '{}', CURRENT_TIMESTAMP, 1)");
            s.execute("INSERT INTO dataset VALUES ('d1', 'd', 1, 10, CURRENT_TIMESTAMP, 1)");
        }
        assertThat(Flyway.configure()
                        .dataSource(dataSource())
                        .locations("classpath:db/migration")
                        .target("2")
                        .load()
                        .migrate()
                        .migrationsExecuted)
                .isEqualTo(1);
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT owner_subject, owner_team FROM task UNION ALL"
                        + " SELECT owner_subject, owner_team FROM dataset")) {
            int n = 0;
            while (rows.next()) {
                n++;
                assertThat(rows.getString(1)).isEqualTo(Ownership.BEFORE_SECURITY);
                assertThat(rows.getString(2)).isNull();
            }
            assertThat(n).isEqualTo(2);
        }
    }
}
