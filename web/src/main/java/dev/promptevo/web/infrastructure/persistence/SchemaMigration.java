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

    /**
     * Makes an embedded H2 database write each commit to its file before the commit returns, so that
     * what the API acknowledged survives a killed process. H2's default (WRITE_DELAY 500 ms) commits
     * in memory and leaves the writing to a background thread, which stores the changes about twice a
     * second, asynchronously: a SIGKILL lost every write acknowledged since its last store, and more
     * when the kill cut a large store short. The setting is not kept by the database file (a later
     * open without it is back at 500 ms), so it is applied on every start, whatever the URL says.
     * Other databases are left alone (PostgreSQL's commit is durable by default).
     */
    static void writeCommitsAtOnce(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!H2.equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
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
