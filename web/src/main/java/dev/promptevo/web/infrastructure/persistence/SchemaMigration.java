package dev.promptevo.web.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date with Flyway when the application starts, before anything
 * else touches the database (the persistence unit never generates DDL). Fires {@link
 * SchemaReady} once done, so that start-up work that needs the tables follows.
 */
@ApplicationScoped
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private BeanManager beans;

    private volatile String schemaVersion;

    /** The event fired once the schema is current. */
    public record SchemaReady(String version) {}

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
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

    /** The schema version once migrated; empty before. */
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(schemaVersion);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
