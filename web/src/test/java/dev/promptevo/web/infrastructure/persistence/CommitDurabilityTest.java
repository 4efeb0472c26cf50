package dev.promptevo.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the embedded database returned from is in its file: a child JVM commits rows one by one on
 * a database opened as the server opens it (an {@code async:} URL without settings, then {@link
 * SchemaMigration#writeCommitsAtOnce}) and prints each id once its commit returned; it is killed
 * (SIGKILL) at a random moment, and every printed id must be there when the file is opened again.
 * With H2's default write delay, the first kill here lost the last half second of commits. (That an
 * interrupted committing thread leaves an {@code async:} database open shows in the web ITs: over a
 * plain file URL, PromptEvoApiIT's cancelled run closed the database.)
 */
class CommitDurabilityTest {
    private static final int KILLS = 4;

    @TempDir
    Path dataDir;

    @Test
    void everyCommitThatReturnedSurvivesAKilledProcess() throws Exception {
        String url = "jdbc:h2:async:" + dataDir.resolve("promptevo").toAbsolutePath();
        SplittableRandom random = new SplittableRandom(11);
        List<String> acknowledged = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Committer.class.getName(),
                            url,
                            "k" + kill)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String first = out.readLine(); // the child is up and committing
                assertThat(first).as("the child's first commit").isNotNull();
                acknowledged.add(first);
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(1_500));
                while (System.nanoTime() < killAt) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    acknowledged.add(line);
                }
                // the handle's kill sends SIGKILL and leaves the pipe open (Process.destroyForcibly closes it)
                child.toHandle().destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                // lines printed before the kill but not read yet were acknowledged too
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    acknowledged.add(line);
                }
            }
            assertThat(stored(url)).as("after kill %d", kill + 1).containsAll(acknowledged);
        }
        assertThat(acknowledged).hasSizeGreaterThan(KILLS * 10);
    }

    @Test
    void aPlainFileUrlIsLeftToH2sDefault() throws Exception {
        JdbcDataSource ds =
                dataSource("jdbc:h2:file:" + dataDir.resolve("plain").toAbsolutePath());
        try (Connection keepOpen = ds.getConnection()) {
            assertThat(SchemaMigration.writeCommitsAtOnce(ds))
                    .isEqualTo(SchemaMigration.CommitWrites.IN_THE_BACKGROUND);
        }
    }

    private static Set<String> stored(String url) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource(url).getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT id FROM acknowledged")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("promptevo");
        ds.setPassword("promptevo");
        return ds;
    }

    /** The child: commits a row every few milliseconds and prints its id once the commit returned. */
    public static final class Committer {
        public static void main(String[] args) throws Exception {
            JdbcDataSource ds = dataSource(args[0]);
            try (Connection idle = ds.getConnection(); // a pool keeps connections open, as the server's does
                    Connection c = ds.getConnection()) {
                SchemaMigration.writeCommitsAtOnce(ds);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS acknowledged (id VARCHAR(40) PRIMARY KEY, body VARCHAR)");
                }
                c.setAutoCommit(false);
                String body = "x".repeat(2_000);
                for (int i = 0; ; i++) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO acknowledged VALUES (?, ?)")) {
                        insert.setString(1, args[1] + "-" + i);
                        insert.setString(2, body);
                        insert.executeUpdate();
                    }
                    c.commit();
                    System.out.println(args[1] + "-" + i);
                    System.out.flush();
                    Thread.sleep(5);
                }
            }
        }
    }
}
