package dev.promptevo.web.infrastructure.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * A backend's settings, read from server configuration only: every key {@code
 * promptevo.backends.<id>.<setting>} gives the backend {@code <setting>}. Clients cannot set them,
 * so base URLs, keys and files stay under the operator's control.
 */
@ApplicationScoped
public class BackendSettings {
    public static final String PREFIX = "promptevo.backends.";

    @Inject
    private Config config;

    public Map<String, String> of(String backendId) {
        String prefix = PREFIX + backendId + ".";
        Map<String, String> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(prefix.length()), value));
            }
        }
        return settings;
    }
}
