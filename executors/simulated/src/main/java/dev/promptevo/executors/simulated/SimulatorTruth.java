package dev.promptevo.executors.simulated;

import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.task.Example;
import dev.promptevo.executors.simulated.SimulatorParameters.ModelSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The expected metrics of a configuration on an example, computed from the simulator's formulas
 * without sampling: what {@link SimulatedBackend} produces on average over request seeds. Benchmarks
 * use it to enumerate a search space and know its true optimum and Pareto front.
 *
 * <p>Under consensus, the {@code n} calls are the engine's calls with different seeds; a field counts
 * as right when a strict majority of the calls has it right (a tie counts as wrong, so for even
 * {@code n} the figure is a lower bound). Calls share the seed-independent "mode" answer with the
 * probability {@link SimulatorParameters.Sampling} gives, which is what keeps consensus at low
 * temperature from helping much.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimulatorTruth {
    /** The template tokens assumed when a configuration does not say (the ticket-triage template's size). */
    public static final long DEFAULT_TEMPLATE_TOKENS = 40;

    private static final int REASONING_QUADRATURE_POINTS = 24;
    private static final int LATENCY_INTEGRATION_STEPS = 1500;

    private final SimulatorParameters parameters;
    private final CallModel callModel;

    private SimulatorTruth(SimulatorParameters parameters) {
        this.parameters = parameters;
        this.callModel = new CallModel(parameters);
    }

    public static SimulatorTruth of(SimulatorParameters parameters) {
        return new SimulatorTruth(Objects.requireNonNull(parameters, "parameters"));
    }

    /**
     * A configuration as the truth sees it.
     *
     * @param passages how many passages are retrieved into the prompt (top-k)
     * @param relevantRecall P(one of the example's relevant passages is among them); 0 when {@code
     *     passages} is 0
     * @param contextTokens the tokens the retrieved passages add to the prompt
     * @param templateTokens the tokens of the task template around the input and the context
     * @param consensus how many calls the engine makes and votes over (1: no consensus)
     */
    public record Configuration(
            String model,
            boolean cot,
            double temperature,
            int maxTokens,
            String rubric,
            int passages,
            double relevantRecall,
            long contextTokens,
            long templateTokens,
            int consensus) {
        public Configuration {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(rubric, "rubric");
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
            }
            if (maxTokens < 1 || passages < 0 || contextTokens < 0 || templateTokens < 0 || consensus < 1) {
                throw new IllegalArgumentException("maxTokens and consensus must be >= 1, passages and token counts"
                        + " >= 0: " + maxTokens + ", " + consensus + ", " + passages + ", " + contextTokens + ", "
                        + templateTokens);
            }
            if (!(relevantRecall >= 0 && relevantRecall <= 1) || (passages == 0 && relevantRecall > 0)) {
                throw new IllegalArgumentException(
                        "relevantRecall must be in [0, 1], and 0 without passages; got " + relevantRecall);
            }
        }

        /** No retrieval, no consensus, the default template size. */
        public static Configuration of(String model, boolean cot, double temperature, int maxTokens, String rubric) {
            return new Configuration(model, cot, temperature, maxTokens, rubric, 0, 0, 0, DEFAULT_TEMPLATE_TOKENS, 1);
        }

        public Configuration withRetrieval(int passages, double relevantRecall, long contextTokens) {
            return new Configuration(
                    model,
                    cot,
                    temperature,
                    maxTokens,
                    rubric,
                    passages,
                    relevantRecall,
                    contextTokens,
                    templateTokens,
                    consensus);
        }

        public Configuration withConsensus(int consensus) {
            return new Configuration(
                    model,
                    cot,
                    temperature,
                    maxTokens,
                    rubric,
                    passages,
                    relevantRecall,
                    contextTokens,
                    templateTokens,
                    consensus);
        }

        public Configuration withTemplateTokens(long templateTokens) {
            return new Configuration(
                    model,
                    cot,
                    temperature,
                    maxTokens,
                    rubric,
                    passages,
                    relevantRecall,
                    contextTokens,
                    templateTokens,
                    consensus);
        }
    }

    /**
     * Expected metrics of one evaluation (all {@code calls} calls of it).
     *
     * @param pAllFieldsRight P(every field of the (voted) answer is right), whether or not the text
     *     parses
     * @param fieldAccuracy P(right) per field
     * @param pCorrectAndClean P(all fields right and every call's output whole, well-formed and free of
     *     card numbers): the pass rate of a strict evaluator that repairs nothing
     * @param pTruncated P(a call is cut at maxTokens)
     * @param pMalformed P(a call's output is not clean JSON), cut outputs included
     * @param pSafetyFlag P(a call's output repeats a card number)
     * @param pAnySafetyFlag P(at least one of the calls repeats a card number)
     * @param promptTokens expected prompt tokens, summed over the calls
     * @param completionTokens expected completion tokens, summed over the calls
     * @param latencyMs expected latency (of the slowest call under consensus), heavy tail included
     * @param costUsd expected cost, summed over the calls
     */
    public record Expectation(
            int calls,
            double pAllFieldsRight,
            Map<String, Double> fieldAccuracy,
            double pCorrectAndClean,
            double pTruncated,
            double pMalformed,
            double pSafetyFlag,
            double pAnySafetyFlag,
            double promptTokens,
            double completionTokens,
            double latencyMs,
            double costUsd) {
        public Expectation {
            fieldAccuracy = Map.copyOf(fieldAccuracy);
        }

        public double totalTokens() {
            return promptTokens + completionTokens;
        }

        /** The mean over examples, field by field (a field missing from some examples averages over the rest). */
        public static Expectation mean(Collection<Expectation> expectations) {
            if (expectations.isEmpty()) {
                throw new IllegalArgumentException("no expectations to average");
            }
            double n = expectations.size();
            Map<String, double[]> fields = new LinkedHashMap<>();
            for (Expectation e : expectations) {
                e.fieldAccuracy().forEach((field, p) -> {
                    double[] sumAndCount = fields.computeIfAbsent(field, f -> new double[2]);
                    sumAndCount[0] += p;
                    sumAndCount[1]++;
                });
            }
            Map<String, Double> fieldMeans = new LinkedHashMap<>();
            fields.forEach((field, sumAndCount) -> fieldMeans.put(field, sumAndCount[0] / sumAndCount[1]));
            return new Expectation(
                    expectations.iterator().next().calls(),
                    expectations.stream()
                                    .mapToDouble(Expectation::pAllFieldsRight)
                                    .sum()
                            / n,
                    fieldMeans,
                    expectations.stream()
                                    .mapToDouble(Expectation::pCorrectAndClean)
                                    .sum()
                            / n,
                    expectations.stream().mapToDouble(Expectation::pTruncated).sum() / n,
                    expectations.stream().mapToDouble(Expectation::pMalformed).sum() / n,
                    expectations.stream().mapToDouble(Expectation::pSafetyFlag).sum() / n,
                    expectations.stream()
                                    .mapToDouble(Expectation::pAnySafetyFlag)
                                    .sum()
                            / n,
                    expectations.stream().mapToDouble(Expectation::promptTokens).sum() / n,
                    expectations.stream()
                                    .mapToDouble(Expectation::completionTokens)
                                    .sum()
                            / n,
                    expectations.stream().mapToDouble(Expectation::latencyMs).sum() / n,
                    expectations.stream().mapToDouble(Expectation::costUsd).sum() / n);
        }
    }

    /**
     * The expectation of a configuration on an example. The prompt size is estimated from the rubric,
     * the input and the given template and context sizes; for the exact figure, use {@link
     * #expect(ModelRequest, Example, int)} with the request the engine builds.
     */
    public Expectation expect(Configuration configuration, Example example) {
        ModelSpec model = model(configuration.model());
        String system = configuration.cot()
                ? configuration.rubric() + "\n\n" + SimulatedBackend.COT_INSTRUCTION
                : configuration.rubric();
        SimulatorParameters.Tokens tokens = parameters.tokens();
        long promptTokens = 2L * tokens.perMessageOverhead()
                + TokenEstimate.of(system, tokens)
                + TokenEstimate.of(example.input(), tokens)
                + configuration.templateTokens()
                + configuration.contextTokens();
        RubricAnalysis rubric = RubricAnalysis.of(configuration.rubric().strip(), parameters);
        boolean card = callModel.hasCardNumber(example.input());
        double recall = example.relevantPassages().isEmpty() ? 0 : configuration.relevantRecall();
        CallModel.Shape present = new CallModel.Shape(
                model,
                configuration.cot(),
                configuration.temperature(),
                configuration.maxTokens(),
                rubric,
                example.difficulty(),
                Math.max(0, configuration.passages() - 1),
                true,
                card,
                promptTokens);
        CallModel.Shape absent = new CallModel.Shape(
                model,
                configuration.cot(),
                configuration.temperature(),
                configuration.maxTokens(),
                rubric,
                example.difficulty(),
                configuration.passages(),
                false,
                card,
                promptTokens);
        return expect(present, absent, recall, example, configuration.consensus());
    }

    /**
     * The expectation of {@code consensus} calls like {@code request} (differing only in their seeds)
     * on {@code example}, exactly as {@link SimulatedBackend} reads the request.
     */
    public Expectation expect(ModelRequest request, Example example, int consensus) {
        if (consensus < 1) {
            throw new IllegalArgumentException("consensus must be >= 1, got " + consensus);
        }
        CallModel.Shape shape = callModel.shape(request, model(request.model()), example);
        return expect(shape, shape, shape.relevantPresent() ? 1 : 0, example, consensus);
    }

    private Expectation expect(
            CallModel.Shape present, CallModel.Shape absent, double recall, Example example, int calls) {
        List<String> fields = fields(example);
        double correlation = callModel.correlation(present.temperature());
        Map<String, Double> fieldAccuracy = new LinkedHashMap<>();
        double allPresent = 1;
        double allAbsent = 1;
        for (String field : fields) {
            double right = majority(callModel.fieldProbability(present, field), correlation, calls);
            double rightWithout = majority(callModel.fieldProbability(absent, field), correlation, calls);
            allPresent *= right;
            allAbsent *= rightWithout;
            fieldAccuracy.put(field, recall * right + (1 - recall) * rightWithout);
        }
        double pAll = recall * allPresent + (1 - recall) * allAbsent;

        double truncated = callModel.truncationProbability(present);
        double malformed = callModel.malformedProbability(present);
        double leak = callModel.leakProbability(present);
        double clean = (1 - truncated) * (1 - malformed) * (1 - leak);
        double safetyFlag = (1 - truncated) * leak;

        double promptTokens = present.promptTokens();
        double completionTokens = callModel.expectedCompletionTokens(present);
        ModelSpec model = present.model();
        double latency = calls == 1
                ? callModel.baseLatencyMs(model, promptTokens, completionTokens) * callModel.meanLatencyMultiplier()
                : expectedSlowestLatency(present, calls);
        double cost =
                (promptTokens * model.inputPerMillion() + completionTokens * model.outputPerMillion()) / 1_000_000.0;
        return new Expectation(
                calls,
                pAll,
                fieldAccuracy,
                pAll * Math.pow(clean, calls),
                truncated,
                truncated + (1 - truncated) * malformed,
                safetyFlag,
                1 - Math.pow(1 - safetyFlag, calls),
                calls * promptTokens,
                calls * completionTokens,
                latency,
                calls * cost);
    }

    /**
     * P(a strict majority of n calls has the field right). Each call takes the shared mode answer
     * with probability {@code correlation}, its own otherwise; both are right with probability p.
     */
    static double majority(double p, double correlation, int calls) {
        if (calls == 1) {
            return p;
        }
        return p * Distributions.strictMajority(calls, correlation + (1 - correlation) * p)
                + (1 - p) * Distributions.strictMajority(calls, (1 - correlation) * p);
    }

    /**
     * E[max of n call latencies] = integral of (1 - F(x)^n) dx, with F the single-call latency CDF: a
     * mixture over the reasoning length (midpoint quadrature) of mean-one log-normals, each with the
     * heavy tail mixed in.
     */
    double expectedSlowestLatency(CallModel.Shape shape, int calls) {
        SimulatorParameters.Latency latency = parameters.latency();
        double sigma = Math.max(latency.noiseSigma(), 1e-3);
        int points = shape.cot() ? REASONING_QUADRATURE_POINTS : 1;
        double[] bases = new double[points];
        double answerTokens = parameters.tokens().answerTokens();
        for (int k = 0; k < points; k++) {
            double reasoning = shape.cot() ? callModel.reasoningTokens(shape.difficulty(), (k + 0.5) / points) : 0;
            double completion = Math.min(shape.maxTokens(), answerTokens + reasoning);
            bases[k] = callModel.baseLatencyMs(shape.model(), shape.promptTokens(), completion);
        }
        double lowest = Math.max(Arrays.stream(bases).min().orElseThrow(), 1e-9);
        double highest = Math.max(Arrays.stream(bases).max().orElseThrow(), 1e-9);
        double[] logBases =
                Arrays.stream(bases).map(b -> Math.log(Math.max(b, 1e-9))).toArray();
        double halfVariance = sigma * sigma / 2;
        double logTail = Math.log(latency.heavyTailFactor());
        double tailShare = latency.heavyTailProbability();
        double yLow = Math.log(lowest) - halfVariance - 9 * sigma;
        double yHigh = Math.log(highest) + logTail + 9 * sigma;
        double step = (yHigh - yLow) / LATENCY_INTEGRATION_STEPS;
        double integral = 0;
        for (int i = 0; i <= LATENCY_INTEGRATION_STEPS; i++) {
            double y = yLow + i * step;
            double cdf = 0;
            for (double logBase : logBases) {
                double z = (y - logBase + halfVariance) / sigma;
                cdf += (1 - tailShare) * Distributions.normalCdfTabulated(z)
                        + tailShare * Distributions.normalCdfTabulated(z - logTail / sigma);
            }
            cdf /= points;
            double weight = (i == 0 || i == LATENCY_INTEGRATION_STEPS) ? 0.5 : 1;
            integral += weight * (1 - Math.pow(cdf, calls)) * Math.exp(y) * step;
        }
        return Math.exp(yLow) + integral;
    }

    private ModelSpec model(String name) {
        return parameters
                .model(name)
                .orElseThrow(() -> new IllegalArgumentException("the simulator has no model '" + name
                        + "'; known models: " + String.join(", ", parameters.modelNames())));
    }

    private static List<String> fields(Example example) {
        return List.copyOf(SimulatedBackend.expectedFields(example).keySet());
    }
}
