package dev.promptevo.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that the output does not invent facts: every string value (at any depth) that the schema
 * does not restrict to an {@code enum} or {@code const} must appear in the example's input, compared
 * on letters and digits only and ignoring case, so that an id written {@code ord 482913} in a ticket
 * grounds the canonical {@code ORD-482913}. The score is the share of such strings found; 1 when
 * there is none to check. Blank strings are not checked.
 *
 * <p>The schema is followed through {@code properties}, {@code patternProperties}, {@code
 * additionalProperties}, {@code items}, {@code prefixItems}, {@code allOf}/{@code anyOf}/{@code
 * oneOf} and local {@code $ref}s; a string is restricted when any schema that applies to it has an
 * {@code enum} or {@code const}. Each schema text is parsed once and cached; thread-safe.
 */
public final class GroundingValidator implements Validator {
    public static final String ID = "validator.grounding";

    /** Guards against {@code $ref} cycles and absurd nesting. */
    private static final int MAX_SCHEMA_DEPTH = 32;

    private final ConcurrentMap<String, JsonNode> schemas = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict validate(Task task, Example example, String outputJson) {
        JsonNode output;
        try {
            output = Jsons.MAPPER.readTree(outputJson);
        } catch (JsonProcessingException e) {
            return new Verdict(0.0, List.of("the output is not JSON: " + e.getOriginalMessage()));
        }
        if (output.isMissingNode()) {
            return new Verdict(0.0, List.of("the output is empty"));
        }
        JsonNode schema = schemas.computeIfAbsent(task.outputSchemaJson(), GroundingValidator::readSchema);
        String input = lettersAndDigits(example.input());
        List<FreeText> texts = new ArrayList<>();
        walk(output, List.of(schema), schema, "", texts);
        if (texts.isEmpty()) {
            return Verdict.pass();
        }
        List<String> reasons = texts.stream()
                .filter(text -> !input.contains(lettersAndDigits(text.value())))
                .map(text -> (text.path().isEmpty() ? "the output" : text.path()) + " "
                        + Jsons.canonical(TextNode.valueOf(text.value())) + " does not appear in the input")
                .toList();
        return new Verdict((double) (texts.size() - reasons.size()) / texts.size(), reasons);
    }

    private static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toLowerCase)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** An unreadable schema constrains nothing; the schema check reports it. */
    private static JsonNode readSchema(String schemaJson) {
        try {
            return Jsons.MAPPER.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A string value the schema leaves free, and where it is ({@code customer.name}, {@code tags[0]}). */
    private record FreeText(String path, String value) {}

    private static void walk(JsonNode value, List<JsonNode> schemas, JsonNode root, String path, List<FreeText> into) {
        List<JsonNode> applicable = new ArrayList<>();
        schemas.forEach(schema -> expand(schema, root, 0, applicable));
        if (value.isTextual()) {
            boolean restricted = applicable.stream().anyMatch(s -> s.has("enum") || s.has("const"));
            if (!restricted && !value.asText().isBlank()) {
                into.add(new FreeText(path, value.asText()));
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String name = field.getKey();
                walk(
                        field.getValue(),
                        propertySchemas(applicable, name),
                        root,
                        path.isEmpty() ? name : path + "." + name,
                        into);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), itemSchemas(applicable, i), root, path + "[" + i + "]", into);
            }
        }
    }

    /** Adds {@code schema} and every schema it pulls in through {@code $ref} and the combinators. */
    private static void expand(JsonNode schema, JsonNode root, int depth, List<JsonNode> into) {
        if (!schema.isObject() || depth > MAX_SCHEMA_DEPTH) {
            return;
        }
        into.add(schema);
        String ref = schema.path("$ref").asText("");
        if (ref.equals("#")) {
            expand(root, root, depth + 1, into);
        } else if (ref.startsWith("#/")) {
            expand(at(root, ref.substring(1)), root, depth + 1, into);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(branch -> expand(branch, root, depth + 1, into));
        }
    }

    private static JsonNode at(JsonNode root, String pointer) {
        try {
            return root.at(pointer);
        } catch (IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    private static List<JsonNode> propertySchemas(List<JsonNode> applicable, String name) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode schema : applicable) {
            JsonNode declared = schema.path("properties").path(name);
            boolean matched = !declared.isMissingNode();
            if (matched) {
                result.add(declared);
            }
            for (Map.Entry<String, JsonNode> pattern :
                    schema.path("patternProperties").properties()) {
                if (matches(pattern.getKey(), name)) {
                    result.add(pattern.getValue());
                    matched = true;
                }
            }
            if (!matched && schema.has("additionalProperties")) {
                result.add(schema.get("additionalProperties"));
            }
        }
        return result;
    }

    private static List<JsonNode> itemSchemas(List<JsonNode> applicable, int index) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode schema : applicable) {
            JsonNode prefix = schema.has("prefixItems") ? schema.get("prefixItems") : schema.path("items");
            if (prefix.isArray() && index < prefix.size()) {
                result.add(prefix.get(index));
            } else if (prefix.isArray()) {
                result.add(schema.has("prefixItems") ? schema.path("items") : schema.path("additionalItems"));
            } else {
                result.add(schema.path("items"));
            }
        }
        return result;
    }

    private static boolean matches(String regex, String name) {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
