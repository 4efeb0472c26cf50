package dev.promptevo.web.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date with Flyway when the application starts, before anything
 * else touches the database (the persistence unit never generates DDL). Fires {@link
 * SchemaReady} once done, so that start-up work that needs the tables follows.
 */
@ApplicationScoped
public class SchemaMigration {
    private static final String H2 = "H2";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private BeanManager beans;

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    private volatile String schemaVersion;

    /** The event fired once the schema is current. */
    public record SchemaReady(String version) {}

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        DataFolder.secure(Path.of(dataDir));
        writeCommitsAtOnce(dataSource);
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "PromptEvo database schema at version " + schemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
        beans.getEvent().select(SchemaReady.class).fire(new SchemaReady(schemaVersion));
    }

    /** What {@link #writeCommitsAtOnce} did. */
    enum CommitWrites {
        /** Not H2: the database's own commit is durable. */
        NOT_H2,
        /** H2 over an interrupt-safe file channel: each commit is stored before it returns. */
        AT_ONCE,
        /** H2 over a plain file channel: left at H2's default (stores in the background), with a warning. */
        IN_THE_BACKGROUND
    }

    /**
     * Makes an embedded H2 database store each commit in its file before the commit returns, so that
     * what the API acknowledged survives a killed process. H2's default (WRITE_DELAY 500 ms) commits
     * in memory and leaves the writing to a background thread, which stores the changes about twice a
     * second, asynchronously: a SIGKILL lost the writes acknowledged since its last store, and more
     * when the kill cut a large store short. The setting is not kept by the database file (a later
     * open without it is back at 500 ms), so it is applied on every start.
     *
     * <p>Only over H2's {@code async:} file system: with WRITE_DELAY 0 the committing thread writes the
     * file itself, and a plain {@code FileChannel} is closed for good when that thread is interrupted
     * (a cancelled run's worker), which closes the whole database ("The database has been closed")
     * until the server restarts. Over another H2 URL the default stays, with a warning.
     */
    static CommitWrites writeCommitsAtOnce(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!H2.equals(connection.getMetaData().getDatabaseProductName())) {
                return CommitWrites.NOT_H2;
            }
            String url = connection.getMetaData().getURL();
            if (!url.startsWith("jdbc:h2:async:")) {
                LOG.warning(() -> "the embedded database " + url + " stores commits in the background: a killed"
                        + " server can lose the writes of its last second. Use a jdbc:h2:async: URL (the default's"
                        + " form), which the server makes store each commit before it returns");
                return CommitWrites.IN_THE_BACKGROUND;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
            return CommitWrites.AT_ONCE;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the embedded database write its commits at once", e);
        }
    }

    /** The schema version once migrated; empty before. */
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(schemaVersion);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
