package dev.promptevo.web.interfaces.health;

import dev.promptevo.web.application.RunLauncher;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Live while the application is deployed and its plugins were discovered. */
@org.eclipse.microprofile.health.Liveness
@ApplicationScoped
public class Liveness implements HealthCheck {
    @Inject
    private PluginCatalog plugins;

    @Inject
    private RunLauncher launcher;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("promptevo")
                .status(plugins.runFactory() != null)
                .withData("backends", String.join(",", plugins.backendIds()))
                .withData("activeRuns", launcher.active())
                .build();
    }
}
