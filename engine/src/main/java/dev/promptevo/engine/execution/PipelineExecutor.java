package dev.promptevo.engine.execution;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.validation.OutputJudge;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The evaluation pipeline for the seed's genome: assemble the prompt, call the model (several times
 * under {@code use_consensus}), validate, repair and judge the output, and turn it all into
 * {@link ExecutionMetrics}.
 *
 * <p>Every call is seeded from the genome id, the example id, the sample index and the consensus
 * slot, so an evaluation replays exactly and can be cached under those keys. A failed call becomes an
 * {@link Evaluation} with its reason and whatever it cost; it never escapes as an exception.
 */
public final class PipelineExecutor implements Executor {
    private final ModelBackend backend;
    private final PromptAssembler prompts;
    private final OutputJudge judge;
    private final Consensus consensus;
    private final long evaluationSeed;

    /**
     * What {@code use_consensus} asks: either {@code samples} calls to the genome's own model, or one
     * call to each model of a configured set (a panel); the outputs are majority-voted per field.
     */
    public record Consensus(int samples, List<String> models) {
        public Consensus {
            models = List.copyOf(models);
            if (models.isEmpty() && samples < 1) {
                throw new IllegalArgumentException("consensus needs samples >= 1 or a set of models");
            }
        }

        public static Consensus samples(int samples) {
            return new Consensus(samples, List.of());
        }

        public static Consensus panel(List<String> models) {
            return new Consensus(models.size(), models);
        }

        int calls() {
            return models.isEmpty() ? samples : models.size();
        }

        String model(int slot, String genomeModel) {
            return models.isEmpty() ? genomeModel : models.get(slot);
        }
    }

    /** @param evaluationSeed mixed into every call's seed; change it to draw fresh samples */
    public PipelineExecutor(
            ModelBackend backend,
            PromptAssembler prompts,
            OutputJudge judge,
            Consensus consensus,
            long evaluationSeed) {
        this.backend = backend;
        this.prompts = prompts;
        this.judge = judge;
        this.consensus = consensus;
        this.evaluationSeed = evaluationSeed;
    }

    @Override
    public Evaluation execute(Genome genome, Example example, int sampleIndex) throws InterruptedException {
        List<ChatMessage> messages = prompts.messages(
                genome.text("rubric"), genome.bool("cot"), (int) genome.integer("retriever_topk"), example);
        boolean voting = genome.bool("use_consensus");
        int calls = voting ? consensus.calls() : 1;
        List<String> outputs = new ArrayList<>(calls);
        double latency = 0;
        long tokens = 0;
        double cost = 0;
        for (int slot = 0; slot < calls; slot++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ModelRequest request = new ModelRequest(
                    voting ? consensus.model(slot, genome.text("model_key")) : genome.text("model_key"),
                    messages,
                    genome.real("temperature"),
                    (int) genome.integer("max_tokens"),
                    OptionalLong.of(callSeed(genome.id(), example.id(), sampleIndex, slot)),
                    true,
                    Map.of(
                            ModelRequest.PURPOSE, ModelRequest.PURPOSE_TASK,
                            ModelRequest.EXAMPLE_ID, example.id(),
                            ModelRequest.GENOME_ID, genome.id()));
            try {
                ModelResponse response = backend.complete(request);
                outputs.add(response.text());
                // Consensus samples are sent at once, so the slowest one is the latency the caller sees.
                latency = Math.max(latency, response.latencyMs());
                tokens += response.usage().total();
                cost += response.costUsd();
            } catch (BackendException e) {
                cost += e.costUsd();
                String reason = (e instanceof BudgetExhaustedException ? "budget: " : "backend: ") + e.getMessage();
                return new Evaluation(
                        genome.id(),
                        example.id(),
                        "",
                        ExecutionMetrics.failed(latency, tokens, cost),
                        List.of(reason),
                        Optional.of(reason));
            }
        }
        OutputJudge.Judgement verdict;
        try {
            verdict = judge.judge(example, outputs);
        } catch (ScorerUnavailableException e) {
            // A scorer that could not score (its judge call was refused or failed) leaves the
            // evaluation incomplete rather than scoring it 0, which would be a wrong measurement.
            cost += e.costUsd();
            String reason = (e.budgetExhausted() ? "budget: " : "scorer: ") + e.getMessage();
            return new Evaluation(
                    genome.id(),
                    example.id(),
                    "",
                    ExecutionMetrics.failed(latency, tokens, cost),
                    List.of(reason),
                    Optional.of(reason));
        }
        ExecutionMetrics metrics = new ExecutionMetrics(
                verdict.schemaOk(),
                verdict.safetyFlags(),
                verdict.validatorScore(),
                verdict.accuracy(),
                latency,
                tokens,
                verdict.repairs(),
                cost);
        return new Evaluation(
                genome.id(),
                example.id(),
                verdict.finalOutput(),
                metrics,
                verdict.failures(),
                Optional.empty(),
                calls > 1 ? OptionalDouble.of(verdict.agreement()) : OptionalDouble.empty());
    }

    private long callSeed(String genomeId, String exampleId, int sampleIndex, int slot) {
        long h = evaluationSeed ^ 0x9E3779B97F4A7C15L;
        for (byte b : (genomeId + '\u0000' + exampleId).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        h ^= (long) sampleIndex * 0xBF58476D1CE4E5B9L + slot;
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
