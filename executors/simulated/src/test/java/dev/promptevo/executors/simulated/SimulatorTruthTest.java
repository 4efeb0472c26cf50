package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import dev.promptevo.executors.simulated.SimulatorTruth.Configuration;
import dev.promptevo.executors.simulated.SimulatorTruth.Expectation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTruthTest {
    private static final SimulatorParameters PARAMETERS = SimulatorParameters.defaults();
    private static final SimulatorTruth TRUTH = SimulatorTruth.of(PARAMETERS);
    private static final String GOOD = Tickets.goodRubric(PARAMETERS);
    private static final String WEAK = "You triage customer support tickets.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSampledMeansMatchTheClosedFormWithCotAndTruncation() throws BackendException {
        List<Example> examples = Tickets.mixed(120, 21);
        checkMonteCarlo(
                examples,
                e -> Tickets.request(
                        e,
                        "sim-medium",
                        GOOD,
                        true,
                        0.7,
                        300,
                        0,
                        List.of(e.relevantPassages().get(0), "misc#1")));
    }

    @Test
    void theSampledMeansMatchTheClosedFormHotAndWeak() throws BackendException {
        List<Example> examples = Tickets.mixed(120, 22);
        checkMonteCarlo(
                examples,
                e -> Tickets.request(e, "sim-small", WEAK, false, 1.3, 512, 0, List.of("misc#1", "misc#2", "misc#3")));
    }

    @Test
    void theSampledMeansMatchTheClosedFormForTheLargeModel() throws BackendException {
        List<Example> examples = Tickets.mixed(120, 23);
        checkMonteCarlo(
                examples,
                e -> Tickets.request(
                        e, "sim-large", PARAMETERS.rubricWith(List.of("json-only", "order-id")), true, 0.3, 1024, 0));
    }

    @Test
    void consensusOfSeparatelySeededCallsMatchesTheClosedForm() throws BackendException {
        SimulatorParameters clean = SimulatorParameters.parse("""
                {"malformed": {"base": 0, "perSquaredTemperature": 0}, "safety": {"base": 0, "perTemperature": 0}}""");
        List<Example> examples = Tickets.mixed(40, 24);
        SimulatedBackend backend = SimulatedBackend.of(clean, 5, examples, false);
        SimulatorTruth truth = SimulatorTruth.of(clean);
        for (double temperature : new double[] {0.0, 0.8}) {
            double expected = 0;
            double sampled = 0;
            int votes = 0;
            for (Example example : examples) {
                ModelRequest template = Tickets.request(example, "sim-small", GOOD, false, temperature, 512, 0);
                expected += truth.expect(template, example, 3).pAllFieldsRight();
                for (long vote = 0; vote < 150; vote++) {
                    List<JsonNode> answers = new ArrayList<>();
                    for (long call = 0; call < 3; call++) {
                        ModelRequest request =
                                Tickets.request(example, "sim-small", GOOD, false, temperature, 512, 3 * vote + call);
                        answers.add(Tickets.strictJson(backend.complete(request), false));
                    }
                    sampled += majorityRight(example, answers) ? 1 : 0;
                    votes++;
                }
            }
            assertThat(sampled / votes)
                    .as("consensus at temperature " + temperature)
                    .isCloseTo(expected / examples.size(), offset(0.02));
        }
    }

    @Test
    void consensusHelpsLittleAtTemperatureZeroBecauseTheSamplesAgree() {
        List<Example> examples = Tickets.mixed(100, 25);
        double gainCold = consensusGain(examples, 0.0);
        double gainWarm = consensusGain(examples, 0.8);
        assertThat(gainCold).isLessThan(gainWarm / 2);
        assertThat(gainWarm).isGreaterThan(0.03);
    }

    @Test
    void consensusMultipliesTokensAndCostAndWaitsForTheSlowestCall() {
        Example example = Tickets.mixed(10, 26).get(7);
        Configuration one = Configuration.of("sim-medium", true, 0.7, 1024, GOOD);
        Expectation single = TRUTH.expect(one, example);
        Expectation three = TRUTH.expect(one.withConsensus(3), example);
        assertThat(three.calls()).isEqualTo(3);
        assertThat(three.costUsd()).isCloseTo(3 * single.costUsd(), withPercentage(1e-9));
        assertThat(three.totalTokens()).isCloseTo(3 * single.totalTokens(), withPercentage(1e-9));
        assertThat(three.latencyMs()).isBetween(1.2 * single.latencyMs(), 2.5 * single.latencyMs());
        assertThat(three.pAnySafetyFlag()).isGreaterThanOrEqualTo(single.pSafetyFlag());
    }

    @Test
    void theNumericSlowestCallOfOneIsTheClosedFormMean() {
        CallModel model = new CallModel(PARAMETERS);
        for (boolean cot : new boolean[] {false, true}) {
            for (int maxTokens : new int[] {200, 1024}) {
                CallModel.Shape shape = new CallModel.Shape(
                        PARAMETERS.model("sim-large").orElseThrow(),
                        cot,
                        0.5,
                        maxTokens,
                        RubricAnalysis.of(GOOD, PARAMETERS),
                        0.6,
                        0,
                        false,
                        false,
                        420);
                double closedForm =
                        model.baseLatencyMs(shape.model(), shape.promptTokens(), model.expectedCompletionTokens(shape))
                                * model.meanLatencyMultiplier();
                assertThat(TRUTH.expectedSlowestLatency(shape, 1)).isCloseTo(closedForm, withPercentage(0.3));
            }
        }
    }

    @Test
    void theConfigurationFormAgreesWithTheRequestForm() {
        for (Example example : Tickets.mixed(20, 27)) {
            ModelRequest request = Tickets.request(example, "sim-medium", GOOD, true, 0.4, 400, 0);
            Expectation fromRequest = TRUTH.expect(request, example, 1);
            long templateTokens = TokenEstimate.of(
                    Tickets.TEMPLATE.replace("{{context}}", "").replace("{{input}}", ""), PARAMETERS.tokens());
            Expectation fromConfiguration = TRUTH.expect(
                    Configuration.of("sim-medium", true, 0.4, 400, GOOD).withTemplateTokens(templateTokens), example);
            assertThat(fromConfiguration.pAllFieldsRight()).isCloseTo(fromRequest.pAllFieldsRight(), offset(1e-12));
            assertThat(fromConfiguration.promptTokens()).isCloseTo(fromRequest.promptTokens(), offset(3.0));
            assertThat(fromConfiguration.pMalformed()).isCloseTo(fromRequest.pMalformed(), offset(1e-12));
        }
    }

    @Test
    void recallMixesTheCasesWithAndWithoutTheRelevantPassage() {
        Example example = Tickets.mixed(10, 28).get(8);
        Configuration base = Configuration.of("sim-small", false, 0.0, 512, GOOD);
        double without = TRUTH.expect(base.withRetrieval(3, 0.0, 180), example).pAllFieldsRight();
        double with = TRUTH.expect(base.withRetrieval(3, 1.0, 180), example).pAllFieldsRight();
        double half = TRUTH.expect(base.withRetrieval(3, 0.5, 180), example).pAllFieldsRight();
        assertThat(with).isGreaterThan(without);
        assertThat(half).isCloseTo((with + without) / 2, offset(1e-12));
    }

    @Test
    void aRubricPastItsLengthLimitLosesQuality() {
        String bloated =
                GOOD + "\n" + "Our company values every customer and wants each ticket handled with care. ".repeat(20);
        List<Example> examples = Tickets.mixed(100, 29);
        double good = mean(examples, Configuration.of("sim-medium", false, 0, 512, GOOD))
                .pAllFieldsRight();
        double diluted = mean(examples, Configuration.of("sim-medium", false, 0, 512, bloated))
                .pAllFieldsRight();
        assertThat(RubricAnalysis.of(bloated, PARAMETERS).strength()).isLessThan(0.5);
        assertThat(diluted).isLessThan(good - 0.05);
    }

    /**
     * With a composite that charges latency, tokens and cost against budgets, the best configuration
     * of a small grid is neither the biggest model thinking aloud nor the smallest answering at once.
     */
    @Test
    void theBestConfigurationIsNotACorner() {
        List<Example> examples = Tickets.mixed(60, 30);
        String jsonOnly = PARAMETERS.rubricWith(List.of("json-only"));
        String bloated =
                GOOD + "\n" + "Our company values every customer and wants each ticket handled with care. ".repeat(12);
        Map<String, String> rubrics = Map.of("weak", WEAK, "json-only", jsonOnly, "good", GOOD, "bloated", bloated);
        List<Scored> scored = new ArrayList<>();
        for (String model : PARAMETERS.modelNames()) {
            for (boolean cot : new boolean[] {false, true}) {
                for (double temperature : new double[] {0.0, 0.4, 0.8}) {
                    for (int maxTokens : new int[] {128, 256, 512}) {
                        for (Map.Entry<String, String> rubric : rubrics.entrySet()) {
                            for (int topK : new int[] {0, 3}) {
                                for (int consensus : new int[] {1, 3}) {
                                    Configuration configuration = Configuration.of(
                                                    model, cot, temperature, maxTokens, rubric.getValue())
                                            .withRetrieval(topK, topK == 0 ? 0 : 0.8, 60L * topK)
                                            .withConsensus(consensus);
                                    Expectation e = mean(examples, configuration);
                                    scored.add(new Scored(configuration, rubric.getKey(), e, composite(e)));
                                }
                            }
                        }
                    }
                }
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::composite).reversed());
        System.out.println(
                "Top configurations (composite = pass - 0.1 latency/2s - 0.1 tokens/1500 - 0.1 cost/$0.002):");
        scored.subList(0, 8).forEach(s -> System.out.println("  " + s));
        Scored bigThinking = best(scored, "sim-large", true);
        Scored smallQuick = best(scored, "sim-small", false);
        System.out.println("Best sim-large with CoT: " + bigThinking);
        System.out.println("Best sim-small without CoT: " + smallQuick);
        Scored best = scored.get(0);
        assertThat(best.configuration().model().equals("sim-large")
                        && best.configuration().cot())
                .isFalse();
        assertThat(best.configuration().model().equals("sim-small")
                        && !best.configuration().cot())
                .isFalse();
        assertThat(best.composite()).isGreaterThan(bigThinking.composite() + 0.05);
        assertThat(best.composite()).isGreaterThan(smallQuick.composite() + 0.02);
        assertThat(best.rubric()).isEqualTo("good");
    }

    @Test
    void printsPassRatesPerModelWithAndWithoutCotOnEasyAndHardExamples() throws BackendException {
        List<Example> easy = Tickets.ofDifficulty(200, 0.25, 31, "easy");
        List<Example> hard = Tickets.ofDifficulty(200, 0.85, 32, "hard");
        List<Example> all = new ArrayList<>(easy);
        all.addAll(hard);
        SimulatedBackend backend = SimulatedBackend.of(PARAMETERS, 0, all, false);
        System.out.println("Pass rate (all fields right, clean JSON), good rubric, T=0, maxTokens 1024;"
                + " truth / sampled over 200 examples; mean latency ms and cost USD per call:");
        for (String model : PARAMETERS.modelNames()) {
            for (boolean cot : new boolean[] {false, true}) {
                StringBuilder line = new StringBuilder(String.format("  %-10s %-6s", model, cot ? "CoT" : "no-CoT"));
                for (List<Example> set : List.of(easy, hard)) {
                    Configuration configuration = Configuration.of(model, cot, 0.0, 1024, GOOD);
                    Expectation truth = mean(set, configuration);
                    int pass = 0;
                    for (Example example : set) {
                        ModelResponse response =
                                backend.complete(Tickets.request(example, model, GOOD, cot, 0.0, 1024, 1));
                        boolean clean = !Tickets.leaks(response);
                        pass += clean && Tickets.allFieldsRight(example, Tickets.strictJson(response, cot)) ? 1 : 0;
                    }
                    line.append(String.format(
                            "  %s %.2f / %.2f (%5.0f ms, $%.5f)",
                            set == easy ? "easy" : "hard",
                            truth.pCorrectAndClean(),
                            pass / (double) set.size(),
                            truth.latencyMs(),
                            truth.costUsd()));
                }
                System.out.println(line);
            }
        }
        assertThat(mean(hard, Configuration.of("sim-large", true, 0, 1024, GOOD))
                        .pCorrectAndClean())
                .isGreaterThan(mean(hard, Configuration.of("sim-small", false, 0, 1024, GOOD))
                        .pCorrectAndClean());
    }

    private record Scored(Configuration configuration, String rubric, Expectation expectation, double composite) {
        @Override
        public String toString() {
            Configuration c = configuration;
            return String.format(
                    "%-10s cot=%-5s t=%.1f max=%-3d rubric=%-9s topK=%d n=%d | pass %.3f latency %5.0f ms tokens %4.0f"
                            + " cost $%.5f | composite %.3f",
                    c.model(),
                    c.cot(),
                    c.temperature(),
                    c.maxTokens(),
                    rubric,
                    c.passages(),
                    c.consensus(),
                    expectation.pCorrectAndClean(),
                    expectation.latencyMs(),
                    expectation.totalTokens(),
                    expectation.costUsd(),
                    composite);
        }
    }

    private static Scored best(List<Scored> scored, String model, boolean cot) {
        return scored.stream()
                .filter(s -> s.configuration().model().equals(model)
                        && s.configuration().cot() == cot)
                .findFirst()
                .orElseThrow();
    }

    private static double composite(Expectation e) {
        return e.pCorrectAndClean()
                - 0.1 * e.latencyMs() / 2000
                - 0.1 * e.totalTokens() / 1500
                - 0.1 * e.costUsd() / 0.002;
    }

    private static Expectation mean(List<Example> examples, Configuration configuration) {
        return Expectation.mean(
                examples.stream().map(e -> TRUTH.expect(configuration, e)).toList());
    }

    private static double consensusGain(List<Example> examples, double temperature) {
        Configuration one = Configuration.of("sim-small", false, temperature, 512, GOOD);
        return mean(examples, one.withConsensus(3)).pAllFieldsRight()
                - mean(examples, one).pAllFieldsRight();
    }

    private static boolean majorityRight(Example example, List<JsonNode> answers) {
        try {
            JsonNode expected = MAPPER.readTree(example.expectedJson());
            for (var field : expected.properties()) {
                long right = answers.stream()
                        .filter(a -> a != null && field.getValue().equals(a.get(field.getKey())))
                        .count();
                if (right * 2 <= answers.size()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RequestFor {
        ModelRequest of(Example example);
    }

    /** Compares means over 100 seeds an example with the closed form. */
    private static void checkMonteCarlo(List<Example> examples, RequestFor requestFor) throws BackendException {
        SimulatedBackend backend = SimulatedBackend.of(PARAMETERS, 99, examples, false);
        int seeds = 100;
        double[] sampled = new double[8];
        double[] expected = new double[8];
        for (Example example : examples) {
            ModelRequest template = requestFor.of(example);
            boolean cot = template.messages().get(0).content().contains(SimulatedBackend.COT_INSTRUCTION);
            Expectation truth = TRUTH.expect(template, example, 1);
            expected[0] += truth.pCorrectAndClean();
            expected[1] += truth.pMalformed();
            expected[2] += truth.pSafetyFlag();
            expected[3] += truth.pTruncated();
            expected[4] += truth.completionTokens();
            expected[5] += truth.promptTokens();
            expected[6] += truth.latencyMs();
            expected[7] += truth.costUsd();
            for (long seed = 0; seed < seeds; seed++) {
                ModelRequest request = new ModelRequest(
                        template.model(),
                        template.messages(),
                        template.temperature(),
                        template.maxTokens(),
                        java.util.OptionalLong.of(seed),
                        template.jsonOutput(),
                        template.metadata());
                ModelResponse response = backend.complete(request);
                JsonNode json = Tickets.strictJson(response, cot);
                boolean leak = Tickets.leaks(response);
                sampled[0] += !leak && Tickets.allFieldsRight(example, json) ? 1 : 0;
                sampled[1] += json == null ? 1 : 0;
                sampled[2] += leak ? 1 : 0;
                sampled[3] += response.finishReason() == ModelResponse.FinishReason.LENGTH ? 1 : 0;
                sampled[4] += response.usage().completionTokens();
                sampled[5] += response.usage().promptTokens();
                sampled[6] += response.latencyMs();
                sampled[7] += response.costUsd();
            }
        }
        double calls = examples.size() * (double) seeds;
        String[] names = {"pass", "malformed", "safety", "truncated", "completion", "prompt", "latency", "cost"};
        for (int i = 0; i < names.length; i++) {
            double mc = sampled[i] / calls;
            double closed = expected[i] / examples.size();
            System.out.printf("  %-10s sampled %10.5f  closed form %10.5f%n", names[i], mc, closed);
            if (i < 4) {
                assertThat(mc).as(names[i]).isCloseTo(closed, offset(0.015));
            } else {
                assertThat(mc).as(names[i]).isCloseTo(closed, withPercentage(i == 6 || i == 7 ? 3 : 1));
            }
        }
    }
}
