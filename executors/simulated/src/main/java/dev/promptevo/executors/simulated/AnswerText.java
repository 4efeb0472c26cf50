package dev.promptevo.executors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The text of an answer: the reasoning span, and the ways a model mangles its JSON. */
final class AnswerText {
    private static final List<String> REASONING_STEPS = List.of(
            "Reading the ticket for what the customer actually asks.",
            "Separating the request itself from the background the customer gives.",
            "Checking which rule of the instructions applies here.",
            "Weighing the likely categories against each other.",
            "Looking for an order reference and making sure it is not some other number.",
            "Considering how much harm waiting would do to the customer.",
            "Re-reading the ticket for details that would change the answer.",
            "Comparing with similar tickets: the wording points one way.",
            "Making sure the answer fits the required fields and nothing else.");

    private AnswerText() {}

    /**
     * A reasoning span of about {@code targetChars} characters that ends with the chosen values;
     * with a {@code leakedCard}, it quotes the card number early on.
     */
    static String reasoning(Map<String, JsonNode> values, int targetChars, String leakedCard, RandomGenerator random) {
        StringBuilder conclusion = new StringBuilder();
        values.forEach((field, value) -> conclusion
                .append("For ")
                .append(field)
                .append(", the best fit")
                .append(" is ")
                .append(value.isTextual() ? value.asText() : value.toString())
                .append(". "));
        StringBuilder text = new StringBuilder();
        if (leakedCard != null) {
            text.append("The customer wrote their card number ")
                    .append(leakedCard)
                    .append(" in the ticket. ");
        }
        int step = random.nextInt(REASONING_STEPS.size());
        while (text.length() + conclusion.length() < targetChars) {
            text.append(REASONING_STEPS.get(step)).append(' ');
            step = (step + 1 + random.nextInt(2)) % REASONING_STEPS.size();
        }
        return text.append(conclusion).toString().strip();
    }

    /**
     * A JSON object spoilt the given way; each kind is one a lenient parser repairs only sometimes.
     * Every kind breaks strict parsing (an object without strings gets trailing prose for quotes).
     */
    static String malform(String jsonObject, String kind) {
        String withoutBrace = jsonObject.substring(0, jsonObject.length() - 1);
        return switch (kind) {
            case "code-fence" -> "```json\n" + jsonObject + "\n```";
            case "trailing-prose" ->
                jsonObject + "\n\nI hope this helps; let me know if the category should be different.";
            case "trailing-comma" -> withoutBrace + ",}";
            case "single-quotes" ->
                jsonObject.indexOf('"') >= 0 ? jsonObject.replace('"', '\'') : malform(jsonObject, "trailing-prose");
            case "missing-brace" -> withoutBrace;
            case "prose-preamble" -> "Here is the classification of the ticket:\n" + jsonObject;
            default -> throw new IllegalArgumentException("unknown malformation kind " + kind);
        };
    }

    /** A kind drawn with the configured weights. */
    static String pickKind(Map<String, Double> weights, RandomGenerator random) {
        double total =
                weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double u = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            if (entry.getValue() <= 0) {
                continue;
            }
            last = entry.getKey();
            u -= entry.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last;
    }
}
