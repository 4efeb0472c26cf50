package dev.promptevo.executors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reading provider JSON for {@link WireProtocol}s: every missing field becomes a clear malformed answer. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SNIPPET_CHARS = 120;

    private Json() {}

    /** The mapper the protocols share (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code body} as a JSON object. */
    public static JsonNode parseObject(String body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("the body is not JSON; it starts with: " + snippet(body));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("the body is not a JSON object; it starts with: " + snippet(body));
        }
        return root;
    }

    /** The node at {@code pointer} ({@code /choices/0/message}), which must be present and not null. */
    public static JsonNode require(JsonNode root, String pointer) throws MalformedResponseException {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            throw new MalformedResponseException("it has no " + pointer);
        }
        return node;
    }

    /** The whole number >= 0 at {@code pointer}, which must be present. */
    public static long requireCount(JsonNode root, String pointer) throws MalformedResponseException {
        JsonNode node = require(root, pointer);
        if (!node.canConvertToExactIntegral() || node.asLong() < 0) {
            throw new MalformedResponseException(pointer + " is not a whole number >= 0: " + node);
        }
        return node.asLong();
    }

    /** The string at {@code pointer}, when there is one. */
    public static Optional<String> text(JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /**
     * The first string found at one of {@code pointers} in {@code body}, or else the body itself cut to
     * a readable length; for error messages.
     */
    public static String firstText(String body, String... pointers) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null) {
                for (String pointer : pointers) {
                    Optional<String> text = text(root, pointer);
                    if (text.isPresent() && !text.get().isBlank()) {
                        return text.get();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: show the body itself
        }
        return snippet(body);
    }

    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(an empty body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "...";
    }
}
