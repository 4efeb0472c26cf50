package dev.promptevo.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The JSON rules every judge shares: one strict reader, canonical rendering, and equality. */
final class Jsons {
    private Jsons() {}

    /**
     * Strict RFC 8259 reading (no comments, no single quotes, nothing after the value). Numbers with
     * a fraction or exponent are read as exact decimals, so {@code 1e400} stays finite and {@code
     * 0.10} keeps its written form.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Compact JSON with object keys sorted at every level, so equal values render identically. */
    static String canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sortedKeys(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree could not be rendered", e);
        }
    }

    private static JsonNode sortedKeys(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(field -> sorted.put(field.getKey(), sortedKeys(field.getValue())));
            ObjectNode copy = MAPPER.createObjectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(sortedKeys(element)));
            return copy;
        }
        return node;
    }

    /**
     * JSON equality where numbers compare by value ({@code 1}, {@code 1.0} and {@code 1e0} are
     * equal), strings exactly, objects regardless of key order and arrays element by element.
     */
    static boolean equivalent(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return sameNumber(a, b);
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                JsonNode other = b.get(field.getKey());
                if (other == null || !equivalent(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equivalent(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        // Trees built in code may hold NaN or infinite doubles, which have no BigDecimal value.
        if (!finite(a) || !finite(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        BigDecimal x = a.decimalValue();
        return x.compareTo(b.decimalValue()) == 0;
    }

    private static boolean finite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    /** A short description of a node's JSON type, for messages. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }
}
