package dev.promptevo.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.web.domain.run.RunLeases;
import dev.promptevo.web.domain.run.RunStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run leases on the server's embedded database (file-based H2 after the migrations), as two servers
 * over one database see them: each "server" is a {@link JdbcRunLeases} with its own owner id.
 */
class JdbcRunLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dataDir;

    private JdbcDataSource dataSource;
    private RunLeases leases;

    @AfterEach
    void shutDown() throws SQLException {
        sql("SHUTDOWN");
    }

    @BeforeEach
    void migrate() throws SQLException {
        dataSource = new JdbcDataSource();
        // Kept open between connections, as the server's pool keeps it: each statement here opens its own.
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("promptevo").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("promptevo");
        dataSource.setPassword("promptevo");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        leases = new JdbcRunLeases(dataSource);
        sql("INSERT INTO task (id, name, backend_id, definition_json, created_at, version, owner_subject)"
                + " VALUES ('t', 'n', 'simulated', '{}', CURRENT_TIMESTAMP, 1, 'alice')");
        sql("INSERT INTO dataset (id, name, example_count, size_bytes, created_at, version, owner_subject)"
                + " VALUES ('d', 'd', 1, 10, CURRENT_TIMESTAMP, 1, 'alice')");
    }

    @Test
    void ofTwoServersClaimingTheSameRunAtOnceExactlyOneWins() throws Exception {
        for (int i = 0; i < 20; i++) {
            run("r" + i, RunStatus.QUEUED, i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 20; i++) {
                String runId = "r" + i;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (String server : List.of("server-a", "server-b", "server-a", "server-b")) {
                    RunLeases own = new JdbcRunLeases(dataSource);
                    Callable<Boolean> claim = () -> {
                        go.await();
                        return own.claim(runId, server, T0, TTL);
                    };
                    claims.add(pool.submit(claim));
                }
                go.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> claim : claims) {
                    won.add(claim.get());
                }
                String owner = owner(runId);
                assertThat(owner).isIn("server-a", "server-b");
                // The winner may claim again (its own lease); the other server never does.
                assertThat(won.get(0) || won.get(2)).isEqualTo(owner.equals("server-a"));
                assertThat(won.get(1) || won.get(3)).isEqualTo(owner.equals("server-b"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHeldLeaseIsRefusedUntilItExpiresAndThenTakenOver() throws SQLException {
        run("r", RunStatus.RUNNING, 0);
        assertThat(leases.claim("r", "server-a", T0, TTL)).isTrue();
        assertThat(leases.claim("r", "server-b", T0.plusSeconds(29), TTL)).isFalse();
        assertThat(leases.claimable(T0.plusSeconds(29), 10)).isEmpty();

        // server-a renews: still its own 29 s later.
        assertThat(leases.renew("server-a", List.of("r"), T0.plusSeconds(20), TTL))
                .containsExactly("r");
        assertThat(leases.claim("r", "server-b", T0.plusSeconds(49), TTL)).isFalse();

        // server-a dies (no renewal): once expired, server-b takes the run over, and server-a's next
        // heartbeat finds it lost the lease.
        assertThat(leases.claimable(T0.plusSeconds(51), 10))
                .containsExactly(new RunLeases.Claimable("r", RunStatus.RUNNING));
        assertThat(leases.claim("r", "server-b", T0.plusSeconds(51), TTL)).isTrue();
        assertThat(leases.renew("server-a", List.of("r"), T0.plusSeconds(52), TTL))
                .isEmpty();
        assertThat(owner("r")).isEqualTo("server-b");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceButOnlyItsOwnerReleasesIt() throws SQLException {
        run("r", RunStatus.RUNNING, 0);
        assertThat(leases.claim("r", "server-a", T0, TTL)).isTrue();
        leases.release("server-b", "r");
        assertThat(owner("r")).isEqualTo("server-a");
        leases.release("server-a", "r");
        assertThat(leases.claim("r", "server-b", T0.plusSeconds(1), TTL)).isTrue();
    }

    @Test
    void endedRunsAreNeverClaimedAndWaitingRunsComeRunningFirstThenOldestFirst() throws SQLException {
        run("queued-late", RunStatus.QUEUED, 3);
        run("queued-early", RunStatus.QUEUED, 1);
        run("orphan", RunStatus.RUNNING, 2);
        run("done", RunStatus.COMPLETED, 0);
        run("cancelled", RunStatus.CANCELLED, 0);
        assertThat(leases.claimable(T0, 10).stream().map(RunLeases.Claimable::runId))
                .containsExactly("orphan", "queued-early", "queued-late");
        assertThat(leases.claimable(T0, 2)).hasSize(2);
        assertThat(leases.claim("done", "server-a", T0, TTL)).isFalse();
        assertThat(leases.claim("cancelled", "server-a", T0, TTL)).isFalse();
        assertThat(leases.claim("queued-early", "server-a", T0, TTL)).isTrue();
        assertThat(leases.claimable(T0, 10).stream().map(RunLeases.Claimable::runId))
                .containsExactly("orphan", "queued-late");
        assertThat(leases.renew("server-b", Set.of("queued-early"), T0, TTL))
                .as("only the owner renews")
                .isEmpty();
    }

    private void run(String id, RunStatus status, int minute) throws SQLException {
        sql("INSERT INTO run (id, task_id, dataset_id, status, seed, settings_json, created_at,"
                + " generations_completed, spent_calls, spent_failed_calls, spent_tokens, spent_cost_usd,"
                + " spent_wall_seconds, version, owner_subject) VALUES ('" + id + "', 't', 'd', '" + status
                + "', 1, '{}', TIMESTAMP WITH TIME ZONE '2026-11-25 10:" + String.format("%02d", minute)
                + ":00+00', 0, 0, 0, 0, 0, 0, 1, 'alice')");
    }

    private String owner(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT lease_owner FROM run WHERE id = '" + runId + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
