package dev.promptevo.web.interfaces.health;

import dev.promptevo.web.infrastructure.persistence.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema is migrated and the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Inject
    private SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("promptevo-database");
        if (schema.schemaVersion().isEmpty()) {
            return response.down().withData("reason", "schema not migrated yet").build();
        }
        try (Connection connection = schema.dataSource().getConnection()) {
            return response.status(connection.isValid(2))
                    .withData("schemaVersion", schema.schemaVersion().get())
                    .withData(
                            "database",
                            connection.getMetaData().getDatabaseProductName() + " "
                                    + connection.getMetaData().getDatabaseProductVersion())
                    .build();
        } catch (SQLException e) {
            return response.down()
                    .withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
