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
    private final int consensusSamples;
    private final long evaluationSeed;

    /**
     * @param consensusSamples calls made when {@code use_consensus} is on (majority vote per field)
     * @param evaluationSeed mixed into every call's seed; change it to draw fresh samples
     */
    public PipelineExecutor(
            ModelBackend backend,
            PromptAssembler prompts,
            OutputJudge judge,
            int consensusSamples,
            long evaluationSeed) {
        if (consensusSamples < 1) {
            throw new IllegalArgumentException("consensusSamples must be >= 1");
        }
        this.backend = backend;
        this.prompts = prompts;
        this.judge = judge;
        this.consensusSamples = consensusSamples;
        this.evaluationSeed = evaluationSeed;
    }

    @Override
    public Evaluation execute(Genome genome, Example example, int sampleIndex) throws InterruptedException {
        List<ChatMessage> messages = prompts.messages(
                genome.text("rubric"), genome.bool("cot"), (int) genome.integer("retriever_topk"), example);
        int calls = genome.bool("use_consensus") ? consensusSamples : 1;
        List<String> outputs = new ArrayList<>(calls);
        double latency = 0;
        long tokens = 0;
        double cost = 0;
        for (int slot = 0; slot < calls; slot++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ModelRequest request = new ModelRequest(
                    genome.text("model_key"),
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
        OutputJudge.Judgement verdict = judge.judge(example, outputs);
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
                genome.id(), example.id(), verdict.finalOutput(), metrics, verdict.failures(), Optional.empty());
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
