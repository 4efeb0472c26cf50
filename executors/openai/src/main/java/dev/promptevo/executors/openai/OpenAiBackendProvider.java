package dev.promptevo.executors.openai;

import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.executors.http.HttpBackendSettings;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.util.Map;
import java.util.Set;

/**
 * Makes backends that speak the Chat Completions protocol: OpenAI, Azure OpenAI's v1 API, vLLM,
 * llama.cpp's server, LM Studio and Ollama's {@code /v1}, told apart by {@code base-url} alone.
 *
 * <p>Settings: the shared ones of {@link HttpBackendSettings} (the key from {@code OPENAI_API_KEY} by
 * default; without one, requests go unauthenticated, as local servers expect), and
 *
 * <ul>
 *   <li>{@value #AUTH_HEADER}: the header that carries the key (default {@code Authorization}, sent as
 *       {@code Bearer <key>}; any other name gets the bare key, e.g. {@code api-key} for Azure)
 *   <li>{@value #MAX_TOKENS_PARAMETER}: {@code auto} (default), {@code max_tokens} or {@code
 *       max_completion_tokens}; see {@link MaxTokensParameter}
 * </ul>
 */
public final class OpenAiBackendProvider implements ModelBackendProvider {
    public static final String ID = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    public static final String AUTH_HEADER = "auth-header";
    public static final String DEFAULT_AUTH_HEADER = "Authorization";
    public static final String MAX_TOKENS_PARAMETER = "max-tokens-parameter";

    static final HttpBackendSettings.Spec SPEC = new HttpBackendSettings.Spec(
            ID, DEFAULT_BASE_URL, DEFAULT_API_KEY_ENV, false, Set.of(AUTH_HEADER, MAX_TOKENS_PARAMETER));

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
        return HttpModelBackend.of(new OpenAiProtocol(parsed), parsed, environment);
    }
}
