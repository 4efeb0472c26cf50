package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RubricRewriteTest {
    private static final SimulatorParameters PARAMETERS = SimulatorParameters.defaults();
    private static final SimulatedBackend BACKEND = SimulatedBackend.of(PARAMETERS, 3, Tickets.mixed(10, 1), false);
    private static final String START = "You triage support tickets.\n" + PARAMETERS.rubricWith(List.of("json-only"));
    private static final int SEEDS = 400;

    @Test
    void failuresOnPriorityMakeThePriorityRulesLikelyToBeAdded() throws BackendException {
        String failures = failing("t-0001", "field priority: expected \"high\", got \"medium\"")
                + failing("t-0002", "field priority: expected \"urgent\", got \"high\"");
        double guided = addedShare(START, failures, "priority-rules", "sim-medium");
        double unguided = addedShare(START, "", "priority-rules", "sim-medium");
        double byChance = PARAMETERS.rewrite().addProbability() / 4;
        assertThat(unguided).isCloseTo(byChance, org.assertj.core.data.Offset.offset(0.05));
        assertThat(guided).isGreaterThan(0.6).isGreaterThan(3 * byChance);
        assertThat(addedShare(START, failures, "priority-rules", "sim-large"))
                .as("a stronger model takes the hint more often")
                .isGreaterThan(addedShare(START, failures, "priority-rules", "sim-small"));
    }

    @Test
    void eachKindOfFailurePointsAtItsPrinciple() throws BackendException {
        String rubric = "You triage support tickets.";
        assertThat(addedShare(rubric, failing("t-0003", "safety: card-number"), "no-card-numbers", "sim-large"))
                .isGreaterThan(0.6);
        assertThat(addedShare(rubric, failing("t-0004", "schema: $: unexpected token at 0"), "json-only", "sim-large"))
                .isGreaterThan(0.6);
        assertThat(addedShare(
                        rubric,
                        failing("t-0005", "field order_id: expected null, got \"INV-123456\""),
                        "order-id",
                        "sim-large"))
                .isGreaterThan(0.6);
        assertThat(addedShare(
                        rubric,
                        failing("t-0006", "field category: expected \"billing\", got \"account\""),
                        "category-definitions",
                        "sim-large"))
                .isGreaterThan(0.6);
    }

    @Test
    void withoutFailuresTheRewriteIsARandomWalkOfOneStep() throws BackendException {
        String rubric = PARAMETERS.rubricWith(List.of("json-only", "priority-rules"));
        Map<String, Integer> outcomes = new HashMap<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            Set<String> before = stated(rubric);
            String after = rewritten(rubric, "", seed, "sim-medium");
            Set<String> now = stated(after);
            String outcome = now.size() > before.size() ? "add" : now.size() < before.size() ? "drop" : "rephrase";
            if (outcome.equals("rephrase")) {
                assertThat(now).isEqualTo(before);
                assertThat(after).isNotEqualTo(rubric);
            } else {
                assertThat(Math.abs(now.size() - before.size())).isEqualTo(1);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes.get("add") / (double) SEEDS).isBetween(0.33, 0.47);
        assertThat(outcomes.get("drop") / (double) SEEDS).isBetween(0.23, 0.37);
        assertThat(outcomes.get("rephrase") / (double) SEEDS).isBetween(0.23, 0.37);
    }

    @Test
    void theAnswerIsTheWholeNewRubricBetweenTags() throws BackendException {
        ModelResponse response = BACKEND.complete(rewriteRequest(START, "", 1, "sim-medium"));
        assertThat(response.text()).startsWith("<rubric>\n").endsWith("\n</rubric>");
        assertThat(response.finishReason()).isEqualTo(ModelResponse.FinishReason.STOP);
        assertThat(response.usage().completionTokens()).isPositive();
        assertThat(response.costUsd()).isPositive();
        assertThat(BACKEND.complete(rewriteRequest(START, "", 1, "sim-medium"))).isEqualTo(response);
    }

    @Test
    void droppingKeepsTheRestOfAFreeTextRubric() {
        SimulatorParameters.Principle json = PARAMETERS.principle("json-only").orElseThrow();
        String rubric = "You triage tickets. Answer with the JSON object only: no prose, no code fences. Be kind.\n"
                + "Never repeat card numbers or any payment card digits from the ticket.";
        assertThat(RubricRewriter.drop(rubric, json))
                .isEqualTo("You triage tickets. Be kind.\n"
                        + "Never repeat card numbers or any payment card digits from the ticket.");
    }

    @Test
    void aRewriteWithoutARubricBlockIsRefused() {
        ModelRequest request = new ModelRequest(
                "sim-small",
                List.of(ChatMessage.user("Improve this rubric: be helpful.")),
                0.7,
                512,
                OptionalLong.of(1),
                false,
                Map.of(ModelRequest.PURPOSE, ModelRequest.PURPOSE_RUBRIC_REWRITE));
        assertThatThrownBy(() -> BACKEND.complete(request))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("<rubric>");
    }

    private static double addedShare(String rubric, String failures, String principle, String model)
            throws BackendException {
        int added = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Set<String> after = stated(rewritten(rubric, failures, seed, model));
            if (after.contains(principle) && !stated(rubric).contains(principle)) {
                added++;
            }
        }
        return added / (double) SEEDS;
    }

    private static String rewritten(String rubric, String failures, long seed, String model) throws BackendException {
        String text =
                BACKEND.complete(rewriteRequest(rubric, failures, seed, model)).text();
        return text.substring("<rubric>\n".length(), text.length() - "\n</rubric>".length());
    }

    private static Set<String> stated(String rubric) {
        return RubricAnalysis.of(rubric, PARAMETERS).stated().stream().collect(Collectors.toSet());
    }

    static String failing(String id, String reason) {
        return "<example id=\"" + id + "\">\ninput: My parcel is late and I was charged twice.\n"
                + "expected: {\"category\":\"billing\",\"priority\":\"high\",\"order_id\":null}\n"
                + "output: {\"category\":\"billing\",\"priority\":\"medium\",\"order_id\":null}\n"
                + reason + "\n</example>\n";
    }

    static ModelRequest rewriteRequest(String rubric, String failures, long seed, String model) {
        String user = "Improve the rubric so the failing examples below pass. Answer with the whole new rubric"
                + " between <rubric> and </rubric> lines.\n<rubric>\n" + rubric + "\n</rubric>\n" + failures;
        return new ModelRequest(
                model,
                List.of(ChatMessage.system("You improve instructions for a language model."), ChatMessage.user(user)),
                0.7,
                1024,
                OptionalLong.of(seed),
                false,
                Map.of(ModelRequest.PURPOSE, ModelRequest.PURPOSE_RUBRIC_REWRITE, ModelRequest.GENOME_ID, "g-1"));
    }
}
