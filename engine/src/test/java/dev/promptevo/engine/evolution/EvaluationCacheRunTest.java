package dev.promptevo.engine.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.engine.execution.BudgetedBackend;
import dev.promptevo.engine.execution.CacheStats;
import dev.promptevo.engine.execution.CachingBackend;
import dev.promptevo.engine.execution.EvaluationCache;
import dev.promptevo.engine.execution.FileEvaluationCache;
import dev.promptevo.engine.execution.SpendLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation cache across runs: what replays is reused, what does not is called again. */
class EvaluationCacheRunTest {

    /**
     * A backend whose answer is a function of the request (so it could replay), that says it replays
     * only the requests {@code replays} accepts, and counts the calls it gets by temperature class.
     */
    static final class SeededBackend implements ModelBackend {
        final Predicate<ModelRequest> replays;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong unreplayableCalls = new AtomicLong();

        SeededBackend(Predicate<ModelRequest> replays) {
            this.replays = replays;
        }

        @Override
        public String id() {
            return "seeded";
        }

        @Override
        public ModelResponse complete(ModelRequest request) {
            calls.incrementAndGet();
            if (!replays.test(request)) {
                unreplayableCalls.incrementAndGet();
            }
            long h = request.seed().orElse(0) ^ request.promptText().hashCode();
            String pass = Math.floorMod(h, 10) < 6 ? "pass" : "fail";
            return new ModelResponse(pass, new TokenUsage(10, 5), 100, ModelResponse.FinishReason.STOP, 0.0001);
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.of(new ModelPrice(1.0, 2.0));
        }

        @Override
        public Optional<String> replayScope(ModelRequest request) {
            return replays.test(request) ? Optional.of("seeded") : Optional.empty();
        }
    }

    /** Scores what the backend answered, with the genome's model and temperature in the request. */
    static Executor executor(ModelBackend backend) {
        return (genome, example, sample) -> {
            ModelRequest request = new ModelRequest(
                    genome.text("model_key"),
                    List.of(ChatMessage.user(example.input() + (genome.bool("cot") ? " think" : ""))),
                    genome.real("temperature"),
                    64,
                    OptionalLong.of((genome.id() + example.id()).hashCode() * 31L + sample),
                    false,
                    Map.of(ModelRequest.GENOME_ID, genome.id(), ModelRequest.EXAMPLE_ID, example.id()));
            ModelResponse response;
            try {
                response = backend.complete(request);
            } catch (BackendException e) {
                return new Evaluation(
                        genome.id(),
                        example.id(),
                        "",
                        ExecutionMetrics.failed(0, 0, 0),
                        List.of("budget: " + e.getMessage()),
                        Optional.of("budget: " + e.getMessage()));
            }
            boolean pass = response.text().equals("pass");
            double latency = genome.text("model_key").equals("a") ? 200 : 600;
            ExecutionMetrics m = new ExecutionMetrics(
                    true, 0, 1, pass ? 1 : 0, latency, response.usage().total(), 0, response.costUsd());
            return new Evaluation(genome.id(), example.id(), response.text(), m, List.of(), Optional.empty());
        };
    }

    record Outcome(OptimizationResult result, SeededBackend backend) {}

    static Outcome run(Predicate<ModelRequest> replays, EvaluationCache cache) throws InterruptedException {
        OptimizerConfig config = OptimizerTest.config();
        SeededBackend raw = new SeededBackend(replays);
        SpendLedger ledger = new SpendLedger(config.budget(), Clock.systemUTC());
        CachingBackend backend = new CachingBackend(new BudgetedBackend(raw, ledger), cache);
        OptimizationResult result = Optimizer.builder(
                        OptimizerTest.TASK,
                        OptimizerTest.EXAMPLES,
                        OptimizerTest.SPACE,
                        OptimizerTest.BASE,
                        executor(backend))
                .mutations(List.of(
                        new OptimizerTest.FlipCot(),
                        new OptimizerTest.StepTemperature(),
                        new OptimizerTest.ChangeModel()))
                .crossovers(List.of(new OptimizerTest.Uniform()))
                .ledger(ledger)
                .config(config)
                .cacheStats(backend::stats)
                .build()
                .run(ProgressListener.NONE);
        return new Outcome(result, raw);
    }

    @Test
    void aSecondRunWithTheSameSeedAndTheCacheFileMakesNoCallAndEndsTheSame(@TempDir Path dir)
            throws InterruptedException {
        Path file = dir.resolve("cache.jsonl");
        Outcome first;
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            first = run(request -> true, cache);
        }
        Outcome second;
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            second = run(request -> true, cache);
        }
        long firstCalls = first.result().spent().calls();
        assertThat(firstCalls).isPositive();
        assertThat(first.result().cache()).contains(new CacheStats(0, firstCalls, 0, 0.0, 0));
        assertThat(second.backend().calls).hasValue(0);
        assertThat(second.result().spent().calls()).isZero();
        assertThat(second.result().spent().costUsd()).isZero();
        assertThat(second.result().cache().orElseThrow().hits()).isEqualTo(firstCalls);
        assertThat(second.result().cache().orElseThrow().savedUsd())
                .isCloseTo(first.result().spent().costUsd(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(second.result().best().id()).isEqualTo(first.result().best().id());
        assertThat(second.result().candidates())
                .extracting(Candidate::summary)
                .as("the same evaluations, scored the same")
                .containsExactlyElementsOf(first.result().candidates().stream()
                        .map(Candidate::summary)
                        .toList());
    }

    @Test
    void callsTheBackendCannotReplayAreMadeAgainInTheSecondRun() throws InterruptedException {
        Predicate<ModelRequest> greedyOnly = request -> request.temperature() < 0.5;
        EvaluationCache cache = EvaluationCache.inMemory();
        Outcome first = run(greedyOnly, cache);
        Outcome second = run(greedyOnly, cache);

        long unreplayable = first.backend().unreplayableCalls.get();
        long replayable = first.backend().calls.get() - unreplayable;
        assertThat(unreplayable).as("the base runs at temperature 0.9").isPositive();
        assertThat(replayable).as("the search tries temperatures below 0.5").isPositive();
        assertThat(second.backend().calls)
                .as("only the calls that may answer differently")
                .hasValue(unreplayable);
        assertThat(second.result().cache().orElseThrow())
                .extracting(CacheStats::hits, CacheStats::misses, CacheStats::uncacheable)
                .containsExactly(replayable, 0L, unreplayable);
        assertThat(cache.size()).isEqualTo((int) replayable);
    }
}
