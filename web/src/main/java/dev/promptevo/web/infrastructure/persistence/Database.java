package dev.promptevo.web.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's own data source, defined by the application so that a plain Payara (Micro or
 * Server) needs no set-up: by default a file-based H2 database in {@code promptevo.data-dir}. The
 * values are MicroProfile Config keys, expanded by Payara when it deploys the application ({@code
 * ${MPCONFIG=...}}); their defaults are in {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=promptevo.datasource.class-name}",
        url = "${MPCONFIG=promptevo.datasource.url}",
        user = "${MPCONFIG=promptevo.datasource.user}",
        password = "${MPCONFIG=promptevo.datasource.password}",
        minPoolSize = 1,
        maxPoolSize = 16)
public class Database {
    public static final String JNDI_NAME = "java:app/jdbc/promptevo";
    public static final String PERSISTENCE_UNIT = "promptevo";
}
