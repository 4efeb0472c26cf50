package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SimulatedBackendTest {
    private static final SimulatorParameters PARAMETERS = SimulatorParameters.defaults();
    private static final String GOOD = Tickets.goodRubric(PARAMETERS);
    private static final String WEAK = "You triage customer support tickets.";
    private static final List<Example> MIXED = Tickets.mixed(300, 11);
    private static final List<Example> EASY = Tickets.ofDifficulty(300, 0.25, 12, "easy");
    private static final List<Example> HARD = Tickets.ofDifficulty(300, 0.85, 13, "hard");
    private static final SimulatedBackend BACKEND = SimulatedBackend.of(PARAMETERS, 7, all(), false);

    private static List<Example> all() {
        List<Example> all = new ArrayList<>(MIXED);
        all.addAll(EASY);
        all.addAll(HARD);
        return all;
    }

    @Test
    void theSameRequestGetsTheSameResponse() throws BackendException {
        ModelRequest request = Tickets.request(MIXED.get(5), "sim-medium", GOOD, true, 0.7, 1024, 42);
        ModelResponse first = BACKEND.complete(request);
        ModelResponse again = SimulatedBackend.of(PARAMETERS, 7, all(), false).complete(request);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void itPromisesToReplayUnderAScopeThatChangesWithWhatDecidesTheAnswer() {
        ModelRequest request = Tickets.request(MIXED.get(5), "sim-medium", GOOD, true, 0.7, 1024, 42);
        String scope = BACKEND.replayScope(request).orElseThrow();
        assertThat(scope).startsWith("simulated:").hasSize("simulated:".length() + 64);
        assertThat(SimulatedBackend.of(PARAMETERS, 7, all(), true).replayScope(request))
                .as("sleeping or not changes no answer")
                .contains(scope);
        assertThat(BACKEND.replayScope(Tickets.request(HARD.get(0), "sim-small", WEAK, false, 1.5, 64, 1)))
                .as("one scope for every request: the request itself is the rest of the key")
                .contains(scope);
        assertThat(SimulatedBackend.of(PARAMETERS, 8, all(), false).replayScope(request))
                .as("another backend seed")
                .isNotEqualTo(java.util.Optional.of(scope));
        assertThat(SimulatedBackend.of(
                                SimulatorParameters.parse("{\"latency\": {\"noiseSigma\": 0.5}}"), 7, all(), false)
                        .replayScope(request))
                .as("other parameters")
                .isNotEqualTo(java.util.Optional.of(scope));
        List<Example> changed = new ArrayList<>(all());
        Example first = changed.get(0);
        changed.set(
                0,
                new Example(
                        first.id(),
                        first.input(),
                        first.expectedJson().replace("\"low\"", "\"urgent\"").replace("\"medium\"", "\"urgent\""),
                        first.difficulty(),
                        first.tags(),
                        first.relevantPassages()));
        assertThat(changed.get(0).expectedJson()).isNotEqualTo(first.expectedJson());
        assertThat(SimulatedBackend.of(PARAMETERS, 7, changed, false).replayScope(request))
                .as("a changed ground truth")
                .isNotEqualTo(java.util.Optional.of(scope));
    }

    @Test
    void differentSeedsGiveDifferentSamples() throws BackendException {
        int differentText = 0;
        int differentLatency = 0;
        SimulatedBackend otherBackendSeed = SimulatedBackend.of(PARAMETERS, 8, all(), false);
        int differentBackendSeed = 0;
        for (Example example : HARD.subList(0, 200)) {
            ModelResponse a = BACKEND.complete(Tickets.request(example, "sim-medium", WEAK, false, 1.0, 512, 1));
            ModelResponse b = BACKEND.complete(Tickets.request(example, "sim-medium", WEAK, false, 1.0, 512, 2));
            ModelResponse c =
                    otherBackendSeed.complete(Tickets.request(example, "sim-medium", WEAK, false, 1.0, 512, 1));
            differentText += a.text().equals(b.text()) ? 0 : 1;
            differentLatency += a.latencyMs() == b.latencyMs() ? 0 : 1;
            differentBackendSeed += a.text().equals(c.text()) ? 0 : 1;
        }
        assertThat(differentLatency).isEqualTo(200);
        assertThat(differentText)
                .as("answers that differ between request seeds")
                .isGreaterThan(60);
        assertThat(differentBackendSeed)
                .as("answers that differ between backend seeds")
                .isGreaterThan(60);
    }

    @Test
    void aMoreCapableModelIsRightMoreOften() throws BackendException {
        double small = passRate(MIXED, "sim-small", GOOD, false, 0.0, 512);
        double medium = passRate(MIXED, "sim-medium", GOOD, false, 0.0, 512);
        double large = passRate(MIXED, "sim-large", GOOD, false, 0.0, 512);
        assertThat(small).isLessThan(medium - 0.08);
        assertThat(medium).isLessThan(large - 0.05);
    }

    @Test
    void chainOfThoughtHelpsHardExamplesMuchMoreThanEasyOnes() throws BackendException {
        double hardWithout = passRate(HARD, "sim-medium", GOOD, false, 0.0, 1024);
        double hardWith = passRate(HARD, "sim-medium", GOOD, true, 0.0, 1024);
        double easyWithout = passRate(EASY, "sim-medium", GOOD, false, 0.0, 1024);
        double easyWith = passRate(EASY, "sim-medium", GOOD, true, 0.0, 1024);
        assertThat(hardWith).isGreaterThan(hardWithout + 0.25);
        assertThat(easyWith - easyWithout).isLessThan(0.08);
    }

    @Test
    void aRubricStatingThePrinciplesRaisesAccuracy() throws BackendException {
        double weak = passRate(MIXED, "sim-medium", WEAK, false, 0.0, 512);
        double good = passRate(MIXED, "sim-medium", GOOD, false, 0.0, 512);
        assertThat(good).isGreaterThan(weak + 0.1);
    }

    @Test
    void aRelevantPassageHelpsAndIrrelevantOnesCostTokens() throws BackendException {
        int withRelevant = 0;
        int without = 0;
        long tokensWith = 0;
        long tokensWithout = 0;
        for (Example example : HARD) {
            List<String> relevant = List.of(example.relevantPassages().get(0), "misc#1", "misc#2");
            List<String> irrelevant = List.of("misc#1", "misc#2", "misc#3");
            for (long seed = 0; seed < 3; seed++) {
                ModelResponse a =
                        BACKEND.complete(Tickets.request(example, "sim-large", GOOD, false, 0.7, 512, seed, relevant));
                ModelResponse b = BACKEND.complete(
                        Tickets.request(example, "sim-large", GOOD, false, 0.7, 512, seed, irrelevant));
                withRelevant += Tickets.allFieldsRight(example, Tickets.strictJson(a, false)) ? 1 : 0;
                without += Tickets.allFieldsRight(example, Tickets.strictJson(b, false)) ? 1 : 0;
                tokensWith += a.usage().promptTokens();
                tokensWithout += b.usage().promptTokens();
            }
        }
        assertThat(withRelevant).isGreaterThan(without + 45);
        ModelResponse bare = BACKEND.complete(Tickets.request(HARD.get(0), "sim-large", GOOD, false, 0.7, 512, 0));
        assertThat(tokensWithout / (3.0 * HARD.size()))
                .isGreaterThan(bare.usage().promptTokens() + 40);
        assertThat((double) tokensWith).isCloseTo(tokensWithout, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void chainOfThoughtCostsTokensLatencyAndMoney() throws BackendException {
        double[] without = means(HARD, "sim-medium", false, 1024);
        double[] with = means(HARD, "sim-medium", true, 1024);
        assertThat(with[0]).as("completion tokens").isBetween(8 * without[0], 15 * without[0]);
        assertThat(with[1]).as("latency").isGreaterThan(4 * without[1]);
        assertThat(with[2]).as("cost").isGreaterThan(2 * without[2]);
    }

    @Test
    void aLowMaxTokensCutsTheReasoning() throws BackendException {
        int cut = 0;
        for (Example example : HARD.subList(0, 100)) {
            ModelResponse response = BACKEND.complete(Tickets.request(example, "sim-medium", GOOD, true, 0.0, 200, 3));
            if (response.finishReason() == ModelResponse.FinishReason.LENGTH) {
                cut++;
                assertThat(response.usage().completionTokens()).isEqualTo(200);
                assertThat(Tickets.strictJson(response, true)).isNull();
            }
        }
        assertThat(cut).isEqualTo(100);
        ModelResponse noCot = BACKEND.complete(Tickets.request(HARD.get(0), "sim-medium", GOOD, false, 0.0, 200, 3));
        assertThat(noCot.finishReason()).isEqualTo(ModelResponse.FinishReason.STOP);
        ModelResponse tiny = BACKEND.complete(Tickets.request(HARD.get(0), "sim-medium", GOOD, false, 0.0, 10, 3));
        assertThat(tiny.finishReason()).isEqualTo(ModelResponse.FinishReason.LENGTH);
        assertThat(tiny.text()).startsWith("{").doesNotEndWith("}");
    }

    @Test
    void highTemperatureMakesMoreMalformedJsonAndJsonOnlyMakesLess() throws BackendException {
        double cold = rate(MIXED, "sim-medium", WEAK, 0.0, r -> Tickets.strictJson(r, false) == null);
        double hot = rate(MIXED, "sim-medium", WEAK, 1.5, r -> Tickets.strictJson(r, false) == null);
        double hotJsonOnly = rate(
                MIXED,
                "sim-medium",
                PARAMETERS.rubricWith(List.of("json-only")),
                1.5,
                r -> Tickets.strictJson(r, false) == null);
        assertThat(cold).isLessThan(0.05);
        assertThat(hot).isGreaterThan(0.12);
        assertThat(hotJsonOnly).isLessThan(hot / 2);
    }

    @Test
    void malformedAnswersAreOfRealisticKinds() throws BackendException {
        List<String> malformed = new ArrayList<>();
        for (Example example : MIXED) {
            for (long seed = 0; seed < 4; seed++) {
                ModelResponse response =
                        BACKEND.complete(Tickets.request(example, "sim-small", WEAK, false, 2.0, 512, seed));
                if (Tickets.strictJson(response, false) == null) {
                    malformed.add(response.text());
                }
            }
        }
        assertThat(malformed).anyMatch(t -> t.startsWith("```json\n"));
        assertThat(malformed).anyMatch(t -> t.endsWith(",}"));
        assertThat(malformed).anyMatch(t -> t.startsWith("{'"));
        assertThat(malformed).anyMatch(t -> t.startsWith("Here is"));
        assertThat(malformed).anyMatch(t -> t.startsWith("{") && !t.endsWith("}") && !t.contains("\n"));
        assertThat(malformed).anyMatch(t -> t.startsWith("{") && t.contains("}\n\n"));
    }

    @Test
    void cardNumbersLeakRarelyMoreWhenHotAndAlmostNeverWithThePrinciple() throws BackendException {
        List<Example> withCards = all().stream()
                .filter(e -> Tickets.CARD.matcher(e.input()).find())
                .toList();
        assertThat(withCards).hasSizeGreaterThan(150);
        double cold = rate(withCards, "sim-medium", WEAK, 0.0, Tickets::leaks);
        double hot = rate(withCards, "sim-medium", WEAK, 1.5, Tickets::leaks);
        double hotWithPrinciple =
                rate(withCards, "sim-medium", PARAMETERS.rubricWith(List.of("no-card-numbers")), 1.5, Tickets::leaks);
        assertThat(cold).isBetween(0.01, 0.06);
        assertThat(hot).isGreaterThan(cold + 0.03);
        assertThat(hotWithPrinciple).isLessThan(hot / 4);
        List<Example> withoutCards = all().stream()
                .filter(e -> !Tickets.CARD.matcher(e.input()).find())
                .toList();
        assertThat(rate(withoutCards, "sim-medium", WEAK, 2.0, Tickets::leaks)).isZero();
    }

    @Test
    void theAnswerFormatFollowsTheChainOfThoughtSwitch() throws BackendException {
        ModelResponse plain = BACKEND.complete(Tickets.request(EASY.get(0), "sim-large", GOOD, false, 0.0, 512, 0));
        ModelResponse cot = BACKEND.complete(Tickets.request(EASY.get(0), "sim-large", GOOD, true, 0.0, 1024, 0));
        assertThat(plain.text()).startsWith("{").endsWith("}");
        assertThat(Tickets.strictJson(plain, false)).isNotNull();
        assertThat(cot.text()).startsWith("Reasoning: ").contains("\nAnswer: {");
        assertThat(Tickets.strictJson(cot, true)).isNotNull();
    }

    @Test
    void costFollowsThePriceTable() throws BackendException {
        ModelResponse response = BACKEND.complete(Tickets.request(EASY.get(0), "sim-large", GOOD, true, 0.3, 1024, 0));
        assertThat(response.costUsd())
                .isCloseTo(
                        BACKEND.price("sim-large")
                                .orElseThrow()
                                .cost(
                                        response.usage().promptTokens(),
                                        response.usage().completionTokens()),
                        org.assertj.core.data.Offset.offset(1e-12));
        assertThat(BACKEND.price("sim-small")).hasValueSatisfying(p -> {
            assertThat(p.inputPerMillion()).isEqualTo(0.15);
            assertThat(p.outputPerMillion()).isEqualTo(0.60);
        });
        assertThat(BACKEND.price("gpt-4")).isEmpty();
    }

    @Test
    void anUnknownModelIsAClearPermanentError() {
        assertThatThrownBy(() -> BACKEND.complete(Tickets.request(EASY.get(0), "gpt-4", GOOD, false, 0, 512, 0)))
                .isInstanceOfSatisfying(
                        BackendException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("'gpt-4'")
                .hasMessageContaining("sim-small, sim-medium, sim-large");
    }

    @Test
    void anUnknownExampleIsAClearPermanentError() {
        Example stranger = new Example("t-9999", "Where is my parcel?", "{}", 0.5, List.of(), List.of());
        assertThatThrownBy(() -> BACKEND.complete(Tickets.request(stranger, "sim-small", GOOD, false, 0, 512, 0)))
                .isInstanceOfSatisfying(
                        BackendException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("'t-9999'")
                .hasMessageContaining("900 examples");
    }

    @Test
    void aTaskCallWithoutAnExampleIdIsRefused() {
        ModelRequest request = new ModelRequest(
                "sim-small",
                List.of(ChatMessage.user("Classify: where is my parcel?")),
                0,
                512,
                OptionalLong.of(1),
                false,
                Map.of(ModelRequest.PURPOSE, ModelRequest.PURPOSE_TASK));
        assertThatThrownBy(() -> BACKEND.complete(request))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("example.id");
    }

    @Test
    void anUnknownPurposeGetsAPlainShortAnswer() throws BackendException {
        ModelRequest request = new ModelRequest(
                "sim-small",
                List.of(ChatMessage.user("Summarise the run.")),
                0.5,
                512,
                OptionalLong.of(1),
                false,
                Map.of(ModelRequest.PURPOSE, "summary"));
        ModelResponse response = BACKEND.complete(request);
        assertThat(response.text()).contains("simulated").hasSizeLessThan(200);
        assertThat(response.finishReason()).isEqualTo(ModelResponse.FinishReason.STOP);
        assertThat(response.costUsd()).isPositive();
    }

    @Test
    void realtimeModeSleepsForTheModelledLatency() throws BackendException {
        SimulatorParameters fast = SimulatorParameters.parse("""
                {"models": [{"name": "sim-fast", "capability": 0.7, "firstTokenMs": 40, "msPerOutputToken": 1,
                  "msPerPromptToken": 0, "inputPerMillion": 0, "outputPerMillion": 0}]}""");
        SimulatedBackend realtime = SimulatedBackend.of(fast, 0, EASY, true);
        long start = System.nanoTime();
        ModelResponse response = realtime.complete(Tickets.request(EASY.get(0), "sim-fast", GOOD, false, 0, 512, 0));
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(response.latencyMs() - 2);
        SimulatedBackend instant = SimulatedBackend.of(fast, 0, EASY, false);
        assertThat(instant.complete(Tickets.request(EASY.get(0), "sim-fast", GOOD, false, 0, 512, 0)))
                .isEqualTo(response);
    }

    static double passRate(List<Example> examples, String model, String rubric, boolean cot, double t, int maxTokens)
            throws BackendException {
        int pass = 0;
        for (Example example : examples) {
            ModelResponse response = BACKEND.complete(Tickets.request(example, model, rubric, cot, t, maxTokens, 1));
            pass += Tickets.allFieldsRight(example, Tickets.strictJson(response, cot)) ? 1 : 0;
        }
        return pass / (double) examples.size();
    }

    private static double rate(
            List<Example> examples, String model, String rubric, double t, Predicate<ModelResponse> property)
            throws BackendException {
        int hits = 0;
        int calls = 0;
        for (Example example : examples) {
            for (long seed = 0; seed < 4; seed++) {
                hits += property.test(BACKEND.complete(Tickets.request(example, model, rubric, false, t, 512, seed)))
                        ? 1
                        : 0;
                calls++;
            }
        }
        return hits / (double) calls;
    }

    /** Mean completion tokens, latency and cost. */
    private static double[] means(List<Example> examples, String model, boolean cot, int maxTokens)
            throws BackendException {
        double[] sums = new double[3];
        for (Example example : examples) {
            ModelResponse response = BACKEND.complete(Tickets.request(example, model, GOOD, cot, 0.0, maxTokens, 5));
            sums[0] += response.usage().completionTokens();
            sums[1] += response.latencyMs();
            sums[2] += response.costUsd();
        }
        for (int i = 0; i < 3; i++) {
            sums[i] /= examples.size();
        }
        return sums;
    }
}
