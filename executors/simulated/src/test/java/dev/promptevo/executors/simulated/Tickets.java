package dev.promptevo.executors.simulated;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Synthetic ticket-triage examples and requests shaped the way the engine builds them. */
final class Tickets {
    static final List<String> CATEGORIES = List.of("billing", "shipping", "returns", "technical", "account", "other");
    static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
    static final Pattern CARD = Pattern.compile("\\b\\d{4}(?:[ -]?\\d{4}){3}\\b");
    static final String TEMPLATE =
            "Classify the support ticket below as a JSON object with category, priority and order_id.\n"
                    + "{{context}}\nTicket:\n{{input}}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Tickets() {}

    /** {@code n} tickets with difficulties spread evenly over [0.05, 0.95], in a seeded random order. */
    static List<Example> mixed(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double difficulty = 0.05 + 0.9 * (i + 0.5) / n;
            examples.add(ticket(String.format("t-%04d", i + 1), difficulty, random));
        }
        return examples;
    }

    /** {@code n} tickets all of the given difficulty. */
    static List<Example> ofDifficulty(int n, double difficulty, long seed, String idPrefix) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            examples.add(ticket(String.format("%s-%04d", idPrefix, i + 1), difficulty, random));
        }
        return examples;
    }

    static Example ticket(String id, double difficulty, SplittableRandom random) {
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        String priority = PRIORITIES.get(random.nextInt(PRIORITIES.size()));
        boolean hasOrder = random.nextDouble() < 0.7;
        String orderId = hasOrder ? String.format("ORD-%06d", random.nextInt(1_000_000)) : null;
        StringBuilder input = new StringBuilder("Hello, I have a " + category + " problem");
        if (hasOrder) {
            input.append(" with order ").append(orderId);
        }
        input.append(". It feels ").append(priority).append(" to me.");
        if (random.nextDouble() < 0.3) {
            input.append(" My invoice INV-")
                    .append(100000 + random.nextInt(900000))
                    .append(" looks odd.");
        }
        if (random.nextDouble() < 0.25) {
            input.append(" I paid with card 4111 1111 1111 ")
                    .append(1000 + random.nextInt(9000))
                    .append('.');
        }
        String expected = "{\"category\":\"" + category + "\",\"priority\":\"" + priority + "\",\"order_id\":"
                + (orderId == null ? "null" : "\"" + orderId + "\"") + "}";
        return new Example(
                id,
                input.toString(),
                expected,
                difficulty,
                difficulty > 0.6 ? List.of(category, "hard") : List.of(category),
                List.of(category + "#1"));
    }

    static ModelRequest request(
            Example example, String model, String rubric, boolean cot, double temperature, int maxTokens, long seed) {
        return request(example, model, rubric, cot, temperature, maxTokens, seed, List.of());
    }

    /** A task call as the engine's PromptAssembler builds it, with the given retrieved passage ids. */
    static ModelRequest request(
            Example example,
            String model,
            String rubric,
            boolean cot,
            double temperature,
            int maxTokens,
            long seed,
            List<String> passageIds) {
        String system = cot ? rubric + "\n\n" + SimulatedBackend.COT_INSTRUCTION : rubric;
        StringBuilder context = new StringBuilder();
        for (String id : passageIds) {
            if (!context.isEmpty()) {
                context.append("\n\n");
            }
            context.append('[').append(id).append("] Policy ").append(id).append('\n');
            context.append("What the policy says about this kind of ticket, in a few sentences of text.");
        }
        String user = TEMPLATE.replace("{{context}}", context).replace("{{input}}", example.input());
        return new ModelRequest(
                model,
                List.of(ChatMessage.system(system), ChatMessage.user(user)),
                temperature,
                maxTokens,
                OptionalLong.of(seed),
                true,
                Map.of(
                        ModelRequest.PURPOSE,
                        ModelRequest.PURPOSE_TASK,
                        ModelRequest.EXAMPLE_ID,
                        example.id(),
                        ModelRequest.GENOME_ID,
                        "g-test"));
    }

    /** The JSON object of an answer, strictly parsed (after "Answer:" with CoT), or null when malformed. */
    static JsonNode strictJson(ModelResponse response, boolean cot) {
        String text = response.text();
        if (cot) {
            int answer = text.lastIndexOf("\nAnswer: ");
            if (answer < 0) {
                return null;
            }
            text = text.substring(answer + "\nAnswer: ".length());
        }
        try {
            JsonNode node = MAPPER.readerFor(JsonNode.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether every expected field has its expected value in the parsed answer. */
    static boolean allFieldsRight(Example example, JsonNode answer) {
        if (answer == null) {
            return false;
        }
        try {
            JsonNode expected = MAPPER.readTree(example.expectedJson());
            for (var field : expected.properties()) {
                if (!field.getValue().equals(answer.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean leaks(ModelResponse response) {
        return CARD.matcher(response.text()).find();
    }

    static String goodRubric(SimulatorParameters parameters) {
        return parameters.rubricWith(parameters.principles().stream()
                .map(SimulatorParameters.Principle::id)
                .toList());
    }
}
