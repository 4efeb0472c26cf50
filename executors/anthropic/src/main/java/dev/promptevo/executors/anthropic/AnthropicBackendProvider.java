package dev.promptevo.executors.anthropic;

import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.executors.http.HttpBackendSettings;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.util.Map;
import java.util.Set;

/**
 * Makes backends for Anthropic's Messages API ({@link AnthropicProtocol}).
 *
 * <p>Settings: the shared ones of {@link HttpBackendSettings}; the key is required and read from
 * {@code ANTHROPIC_API_KEY} by default; and {@value #ANTHROPIC_VERSION} (default {@value
 * #DEFAULT_ANTHROPIC_VERSION}), the API version header.
 */
public final class AnthropicBackendProvider implements ModelBackendProvider {
    public static final String ID = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String DEFAULT_API_KEY_ENV = "ANTHROPIC_API_KEY";
    public static final String ANTHROPIC_VERSION = "anthropic-version";
    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    static final HttpBackendSettings.Spec SPEC =
            new HttpBackendSettings.Spec(ID, DEFAULT_BASE_URL, DEFAULT_API_KEY_ENV, true, Set.of(ANTHROPIC_VERSION));

    @Override
    public String id() {
        return ID;
    }

    /** @throws IllegalArgumentException when no API key is configured, saying how to set one */
    @Override
    public ModelBackend create(Context context) {
        return create(context.settings(), HttpEnvironment.system());
    }

    /** A backend with {@code settings} in {@code environment} (tests pass a fake clock). */
    public static HttpModelBackend create(Map<String, String> settings, HttpEnvironment environment) {
        HttpBackendSettings parsed = HttpBackendSettings.parse(SPEC, settings, environment.variables());
        return HttpModelBackend.of(new AnthropicProtocol(parsed), parsed, environment);
    }
}
