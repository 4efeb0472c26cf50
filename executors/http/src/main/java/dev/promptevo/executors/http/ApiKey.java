package dev.promptevo.executors.http;

import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * An API key that is never shown: {@link #toString()} names only where it came from, and {@link
 * #redact} scrubs it from any text a provider sends back before that text reaches a message or a log.
 * The only way out of this class is {@link #addTo}, into a request header.
 */
public final class ApiKey {
    private static final ApiKey NONE = new ApiKey(null, "none");
    private static final String REDACTED = "[redacted]";

    private final String value;
    private final String source;

    private ApiKey(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** No key: requests go without one (local servers). */
    public static ApiKey none() {
        return NONE;
    }

    /**
     * No key, with what would have provided one, for a message when the provider asks for a key.
     *
     * @param howToSet {@code set the environment variable OPENAI_API_KEY}
     */
    public static ApiKey none(String howToSet) {
        return new ApiKey(null, Objects.requireNonNull(howToSet, "howToSet"));
    }

    /**
     * A key, stripped of surrounding white space.
     *
     * @param source where it came from, for messages ({@code environment variable OPENAI_API_KEY})
     * @throws IllegalArgumentException (without the key in its message) when it is blank or holds
     *     characters an HTTP header cannot carry
     */
    public static ApiKey of(String value, String source) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        String key = value.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the API key from " + source + " is empty");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the API key from " + source
                    + " holds spaces, control or non-ASCII characters; an HTTP header cannot carry it");
        }
        return new ApiKey(key, source);
    }

    public boolean isPresent() {
        return value != null;
    }

    /**
     * Where the key came from, safe to show ({@code the environment variable OPENAI_API_KEY}); for no
     * key, how to set one.
     */
    public String source() {
        return source;
    }

    /** Sets header {@code name} to {@code prefix + key}; does nothing when there is no key. */
    public void addTo(HttpRequest.Builder request, String name, String prefix) {
        if (value != null) {
            request.setHeader(name, prefix + value);
        }
    }

    /** {@code text} with every occurrence of the key replaced by {@code [redacted]}. */
    public String redact(String text) {
        if (value == null || text == null) {
            return text;
        }
        return text.replace(value, REDACTED);
    }

    @Override
    public String toString() {
        return value == null ? "ApiKey[none]" : "ApiKey[" + source + ", " + REDACTED + "]";
    }
}
