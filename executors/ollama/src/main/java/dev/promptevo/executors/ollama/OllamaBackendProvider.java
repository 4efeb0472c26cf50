package dev.promptevo.executors.ollama;

import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.executors.http.HttpBackendSettings;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.util.Map;
import java.util.Set;

/**
 * Makes backends for Ollama's native chat API ({@link OllamaProtocol}), by default on {@value
 * #DEFAULT_BASE_URL}. Every model is priced at zero unless the settings say otherwise (local models
 * cost nothing per token, and that price is known, not missing).
 *
 * <p>Settings: the shared ones of {@link HttpBackendSettings} (an optional key from {@code
 * OLLAMA_API_KEY}, for Ollama's cloud or an authenticating proxy), and
 *
 * <ul>
 *   <li>{@value #NUM_CTX}: the context window in tokens, sent as {@code options.num_ctx} (absent: the
 *       model's default). Keep it constant: Ollama reloads the model when it changes
 *   <li>{@value #TRUNCATE_PROMPT}: {@code false} (default) makes a prompt too long for the window an
 *       error; {@code true} lets Ollama cut it from the front silently
 * </ul>
 */
public final class OllamaBackendProvider implements ModelBackendProvider {
    public static final String ID = "ollama";
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";
    public static final String DEFAULT_API_KEY_ENV = "OLLAMA_API_KEY";
    public static final String NUM_CTX = "num-ctx";
    public static final String TRUNCATE_PROMPT = "truncate-prompt";

    static final HttpBackendSettings.Spec SPEC = new HttpBackendSettings.Spec(
            ID, DEFAULT_BASE_URL, DEFAULT_API_KEY_ENV, false, Set.of(NUM_CTX, TRUNCATE_PROMPT));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelBackend create(Context context) {
        return create(context.settings(), HttpEnvironment.system());
    }

    /** A backend with {@code settings} in {@code environment} (tests pass a fake clock). */
    public static HttpModelBackend create(Map<String, String> settings, HttpEnvironment environment) {
        HttpBackendSettings parsed = HttpBackendSettings.parse(SPEC, settings, environment.variables());
        return HttpModelBackend.of(new OllamaProtocol(parsed), parsed, environment);
    }
}
