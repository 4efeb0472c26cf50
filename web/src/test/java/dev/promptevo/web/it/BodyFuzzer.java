package dev.promptevo.web.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Mutations of a valid request body, drawn from a seeded generator so that a run replays: wrong types,
 * blank and NUL strings, huge strings, deep nesting, unicode, missing and extra fields, numbers out
 * of range, broken JSON and wrong content types.
 */
final class BodyFuzzer {
    /** One request to send: its content type ({@code null}: no header) and its body. */
    record Mutant(String mutation, String contentType, String body) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "garbage",
            "application/json; charset=garbage",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "*/*",
            "application/",
            "");
    private static final List<String> STRINGS = List.of(
            "",
            " ",
            "\t",
            "\u0000",
            "a\u0000b",
            "\n",
            "6",
            "1.5",
            "-1",
            "true",
            "null",
            "{}",
            "[]",
            "\uD83D\uDE00",
            "\u202Eevil",
            "\uFFFF",
            "\uD800",
            "é",
            "../../etc/passwd",
            "%00",
            "%2F",
            "<script>",
            "' OR 1=1 --");
    private static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "1.5",
            "-0",
            "1e308",
            "-1e308",
            "1e-400",
            "1e400",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "99999999999999999999999999999",
            "0.0000001",
            "123456789012345678901234567890.5");

    private final RandomGenerator random;
    private final int hugeLength;

    BodyFuzzer(RandomGenerator random, int hugeLength) {
        this.random = random;
        this.hugeLength = hugeLength;
    }

    /** A mutant of a JSON body. */
    Mutant json(JsonNode valid) {
        int kind = random.nextInt(20);
        return switch (kind) {
            case 0 -> new Mutant("content type", pick(CONTENT_TYPES), valid.toString());
            case 1 -> new Mutant("no content type", null, valid.toString());
            case 2 -> new Mutant("broken JSON", "application/json", broken(valid.toString()));
            case 3 ->
                new Mutant(
                        "not an object",
                        "application/json",
                        pick(List.of(
                                "",
                                "null",
                                "[]",
                                "[{}]",
                                "\"text\"",
                                "1",
                                "true",
                                "{}",
                                " ",
                                "\u0000",
                                "{}{}",
                                "{} x")));
            case 4 -> new Mutant("deep nesting", "application/json", deep(valid, 200 + random.nextInt(2000)));
            case 5 -> new Mutant("trailing content", "application/json", valid + pick(List.of(" {}", "x", ",", "]")));
            case 6 -> new Mutant("raw number", "application/json", replaceRaw(valid, pick(NUMBERS)));
            default ->
                new Mutant(
                        "field",
                        "application/json",
                        mutateTree(valid.deepCopy()).toString());
        };
    }

    /** A mutant of a JSON Lines upload: lines mutated like JSON bodies, among valid ones. */
    Mutant lines(List<JsonNode> valid) {
        if (random.nextInt(10) == 0) {
            return new Mutant("content type", pick(CONTENT_TYPES), join(valid));
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : valid) {
            lines.add(random.nextInt(3) == 0 ? json(line).body().replace('\n', ' ') : line.toString());
        }
        return new Mutant("lines", "application/x-ndjson", String.join("\n", lines) + "\n");
    }

    private static String join(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private JsonNode mutateTree(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int what = random.nextInt(10);
            if (names.isEmpty() || what == 0) {
                object.set("x-fuzz-" + random.nextInt(100), value());
            } else if (what == 1) {
                object.remove(pick(names));
            } else {
                object.set(pick(names), value());
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextInt(4) == 0) {
                array.add(value());
            } else {
                array.set(random.nextInt(array.size()), value());
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    /** A value of some type, often the wrong one for the field it replaces. */
    private JsonNode value() {
        return switch (random.nextInt(11)) {
            case 0 -> NODES.textNode(pick(STRINGS));
            case 1 -> NODES.textNode(huge());
            case 2 -> NODES.numberNode(new java.math.BigDecimal(pick(NUMBERS)));
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.arrayNode().add(pick(STRINGS)).add(random.nextInt());
            case 7 -> NODES.objectNode().put("x", pick(STRINGS));
            case 8 -> NODES.numberNode(random.nextInt(20) - 5);
            case 9 -> NODES.textNode(Character.toString(random.nextInt(0x20)).repeat(1 + random.nextInt(3)));
            default -> NODES.textNode("s".repeat(1 + random.nextInt(600)));
        };
    }

    private String huge() {
        int length = hugeLength / 2 + random.nextInt(hugeLength / 2);
        return (random.nextBoolean() ? "\u00e9" : "a").repeat(length);
    }

    private String broken(String json) {
        StringBuilder text = new StringBuilder(json);
        int at = random.nextInt(Math.max(1, text.length()));
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at);
            case 1 ->
                text.insert(at, pick(List.of("{", "}", "[", "\"", ",", ":", "\\", "NaN", "'")))
                        .toString();
            case 2 -> text.deleteCharAt(at).toString();
            default -> text.replace(0, Math.min(text.length(), 1), "{'").toString();
        };
    }

    private static String deep(JsonNode valid, int depth) {
        String field = valid.fieldNames().hasNext() ? valid.fieldNames().next() : "x";
        return "{\"" + field + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private String replaceRaw(JsonNode valid, String number) {
        List<String> names = new ArrayList<>();
        valid.fieldNames().forEachRemaining(names::add);
        ObjectNode copy = ((ObjectNode) valid).deepCopy();
        String marker = "\"x-fuzz-number\"";
        copy.put(names.isEmpty() ? "x" : pick(names), "x-fuzz-number");
        try {
            return Api.JSON.writeValueAsString(copy).replace(marker, number);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
