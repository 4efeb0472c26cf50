package dev.promptevo.executors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptevo.executors.simulated.SimulatorParameters.FieldSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plausible wrong values for an output field: the mistakes a model makes, not random noise. */
final class WrongValues {
    private static final double NEIGHBOUR_SHARE = 0.7;

    private final Map<String, FieldSpec> specs;
    private final Map<String, Pattern> decoys;
    private final Map<String, List<JsonNode>> observed;

    /**
     * @param observed for each field, the distinct values the known examples expect; the fallback for
     *     fields without a spec
     */
    WrongValues(Map<String, FieldSpec> specs, Map<String, List<JsonNode>> observed) {
        this.specs = Map.copyOf(specs);
        this.observed = Map.copyOf(observed);
        Map<String, Pattern> compiled = new HashMap<>();
        specs.forEach((field, spec) -> {
            if (spec.decoyPattern() != null) {
                compiled.put(field, Pattern.compile(spec.decoyPattern()));
            }
        });
        this.decoys = Map.copyOf(compiled);
    }

    /** A value for {@code field} that differs from {@code expected}. */
    JsonNode pick(String field, JsonNode expected, String input, RandomGenerator random) {
        FieldSpec spec = specs.get(field);
        if (spec != null && spec.isId()) {
            return wrongId(field, spec, expected, input, random);
        }
        if (spec != null && !spec.values().isEmpty()) {
            JsonNode value = wrongEnum(spec, expected, random);
            if (value != null) {
                return value;
            }
        }
        List<JsonNode> others = observed.getOrDefault(field, List.of()).stream()
                .filter(v -> !v.equals(expected))
                .toList();
        if (!others.isEmpty()) {
            return others.get(random.nextInt(others.size()));
        }
        return mutate(expected);
    }

    private JsonNode wrongId(String field, FieldSpec spec, JsonNode expected, String input, RandomGenerator random) {
        List<JsonNode> options = new ArrayList<>();
        if (!expected.isNull()) {
            options.add(NullNode.getInstance());
        }
        options.add(TextNode.valueOf(madeUpId(spec, expected, random)));
        Pattern decoy = decoys.get(field);
        if (decoy != null) {
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = decoy.matcher(input);
            while (matcher.find()) {
                found.add(matcher.group().strip());
            }
            found.stream()
                    .map(TextNode::valueOf)
                    .filter(v -> !v.equals(expected))
                    .forEach(options::add);
        }
        return options.get(random.nextInt(options.size()));
    }

    /** The expected id with one digit changed, or a fresh id when nothing is expected. */
    private static String madeUpId(FieldSpec spec, JsonNode expected, RandomGenerator random) {
        String text = expected.isTextual() ? expected.asText() : "";
        if (text.startsWith(spec.idPrefix())
                && text.length() > spec.idPrefix().length()
                && text.substring(spec.idPrefix().length()).chars().allMatch(Character::isDigit)) {
            char[] chars = text.toCharArray();
            int position = spec.idPrefix().length()
                    + random.nextInt(chars.length - spec.idPrefix().length());
            int old = chars[position] - '0';
            chars[position] = (char) ('0' + (old + 1 + random.nextInt(9)) % 10);
            return new String(chars);
        }
        StringBuilder id = new StringBuilder(spec.idPrefix());
        for (int i = 0; i < spec.idDigits(); i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }

    private static JsonNode wrongEnum(FieldSpec spec, JsonNode expected, RandomGenerator random) {
        List<String> values = spec.values();
        int index = expected.isTextual() ? values.indexOf(expected.asText()) : -1;
        if (spec.ordered() && index >= 0 && random.nextDouble() < NEIGHBOUR_SHARE) {
            List<String> neighbours = new ArrayList<>();
            if (index > 0) {
                neighbours.add(values.get(index - 1));
            }
            if (index < values.size() - 1) {
                neighbours.add(values.get(index + 1));
            }
            if (!neighbours.isEmpty()) {
                return TextNode.valueOf(neighbours.get(random.nextInt(neighbours.size())));
            }
        }
        List<String> others = values.stream()
                .filter(v -> !(expected.isTextual() && v.equals(expected.asText())))
                .toList();
        return others.isEmpty() ? null : TextNode.valueOf(others.get(random.nextInt(others.size())));
    }

    private static JsonNode mutate(JsonNode expected) {
        if (expected.isBoolean()) {
            return BooleanNode.valueOf(!expected.asBoolean());
        }
        if (expected.isIntegralNumber()) {
            return LongNode.valueOf(expected.asLong() + 1);
        }
        if (expected.isNumber()) {
            return DoubleNode.valueOf(expected.asDouble() + 1);
        }
        if (expected.isNull()) {
            return TextNode.valueOf("unknown");
        }
        if (expected.isTextual()) {
            return TextNode.valueOf(expected.asText().equals("unknown") ? "other" : "unknown");
        }
        return NullNode.getInstance();
    }
}
