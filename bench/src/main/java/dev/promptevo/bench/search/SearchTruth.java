package dev.promptevo.bench.search;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.execution.PromptAssembler;
import dev.promptevo.engine.retrieval.Bm25RetrieverProvider;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.executors.simulated.SimulatorParameters;
import dev.promptevo.executors.simulated.SimulatorTruth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The true (expected) value of a genome on the simulated task, from {@link SimulatorTruth} without
 * sampling.
 *
 * <p>For each example the request the engine would send is built exactly as {@code PipelineExecutor}
 * builds it (a {@link PromptAssembler} over the task with the BM25 retriever indexing the task's
 * documents, as {@link RunFactory} wires it; the genome's model, temperature and max tokens), and
 * {@link SimulatorTruth#expect(ModelRequest, Example, int)} gives its expectation with {@code
 * consensus} = {@link RunFactory#DEFAULT_CONSENSUS_SAMPLES} calls when {@code use_consensus} is on,
 * 1 otherwise.
 *
 * <p><b>Expected composite of one example.</b> The engine scores an example {@code max(0, g -
 * penalty)} with {@code g} = 1 when every gate passes (schema-valid, no safety flag, validator and
 * accuracy floors: on this task's three fields, accuracy >= 0.85 means every field right) and {@code
 * penalty} = {@code perLatencyMs * latency + perToken * tokens + perUsd * cost + perRepair * repairs}
 * with the task's {@link ScoringWeights}. A failing example scores 0 whatever its penalty, so
 * {@code E[score] = P(pass) * E[max(0, 1 - penalty) | pass]}. Two approximations are made:
 *
 * <ul>
 *   <li>{@code P(pass)} is the expectation's {@code pCorrectAndClean}: every field right and every
 *       call's output whole, well-formed and free of card numbers (so no safety flag, no repair). The
 *       engine also passes an output that was truncated or malformed and then repaired (at a penalty
 *       of {@code perRepair} = 0.2 per repair); that path is ignored, which underestimates the
 *       composite of configurations that often need repairs.
 *   <li>The penalty is taken at the expected latency, tokens and cost of the example
 *       ({@code E[max(0, 1 - x)] ~ max(0, 1 - E[x])}, and the unconditional expectations stand in for
 *       those given a pass). With the task's budgeted weights (0.1 per 3 s, per 2,000 tokens, per
 *       $0.005) the expected penalty reaches 1 only at ten times a budget, so the {@code max} seldom
 *       matters; the conditioning on a pass is the larger approximation.
 * </ul>
 *
 * <p>The genome's true composite is the mean over the examples. Its true objective vector (all
 * minimized) is {@code (-composite, mean expected cost per example, latency p95)}, the p95 being the
 * nearest-rank 95th percentile over examples of the expected per-example latency (the engine's p95 is
 * over realized latencies, heavy tail included; this is the noise-free counterpart).
 *
 * <p>Values are cached by genome id. Thread-safe.
 */
public final class SearchTruth {

    /** A genome's true value. */
    public record Value(double composite, double passProbability, double costUsd, double latencyP95Ms, double tokens) {
        /** The three objectives, all minimized: -composite, cost, latency p95. */
        public double[] objectives() {
            return new double[] {-composite, costUsd, latencyP95Ms};
        }
    }

    private final List<Example> examples;
    private final PromptAssembler prompts;
    private final SimulatorTruth truth;
    private final ScoringWeights weights;
    private final int consensusSamples;
    private final Map<String, Value> cache = new ConcurrentHashMap<>();

    public SearchTruth(TaskBundle bundle, List<Example> examples, SimulatorParameters parameters) {
        this.examples = List.copyOf(examples);
        Optional<Retriever> retriever = bundle.task().documents().isEmpty()
                ? Optional.empty()
                : Optional.of(new Bm25RetrieverProvider().index(bundle.task().documents()));
        this.prompts = new PromptAssembler(bundle.task(), retriever);
        this.truth = SimulatorTruth.of(parameters);
        this.weights = bundle.task().weights();
        this.consensusSamples = RunFactory.DEFAULT_CONSENSUS_SAMPLES;
    }

    /** The simulator's parameters as the bundle's backend settings name them (the defaults without a config). */
    public static SimulatorParameters parameters(TaskBundle bundle) {
        String config = bundle.backendSettings().get("config");
        return config == null || config.isBlank()
                ? SimulatorParameters.defaults()
                : SimulatorParameters.load(bundle.directory().resolve(config).normalize());
    }

    public int examples() {
        return examples.size();
    }

    public Value of(Genome genome) {
        Value cached = cache.get(genome.id());
        if (cached != null) {
            return cached;
        }
        Value value = compute(genome);
        cache.putIfAbsent(genome.id(), value);
        return value;
    }

    private Value compute(Genome genome) {
        int calls = genome.bool("use_consensus") ? consensusSamples : 1;
        double composite = 0, pass = 0, cost = 0, tokens = 0;
        double[] latencies = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            List<ChatMessage> messages = prompts.messages(
                    genome.text("rubric"), genome.bool("cot"), (int) genome.integer("retriever_topk"), example);
            ModelRequest request = new ModelRequest(
                    genome.text("model_key"),
                    messages,
                    genome.real("temperature"),
                    (int) genome.integer("max_tokens"),
                    OptionalLong.of(0),
                    true,
                    Map.of(
                            ModelRequest.PURPOSE, ModelRequest.PURPOSE_TASK,
                            ModelRequest.EXAMPLE_ID, example.id(),
                            ModelRequest.GENOME_ID, genome.id()));
            SimulatorTruth.Expectation e = truth.expect(request, example, calls);
            double penalty = weights.perLatencyMs() * e.latencyMs()
                    + weights.perToken() * e.totalTokens()
                    + weights.perUsd() * e.costUsd();
            composite += e.pCorrectAndClean() * Math.max(0, 1 - penalty);
            pass += e.pCorrectAndClean();
            cost += e.costUsd();
            tokens += e.totalTokens();
            latencies[i] = e.latencyMs();
        }
        Arrays.sort(latencies);
        int n = examples.size();
        int rank = (int) Math.ceil(0.95 * n);
        double p95 = latencies[Math.max(0, Math.min(n - 1, rank - 1))];
        return new Value(composite / n, pass / n, cost / n, p95, tokens / n);
    }
}
