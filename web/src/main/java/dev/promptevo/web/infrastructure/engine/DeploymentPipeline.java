package dev.promptevo.web.infrastructure.engine;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.execution.PipelineExecutor;
import dev.promptevo.engine.execution.PromptAssembler;
import dev.promptevo.engine.validation.OutputJudge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a live input through a genome the way a run evaluates it: the engine's {@link PromptAssembler},
 * the task's backend (configured from server settings only), and the {@link OutputJudge} with the
 * validators enabled by default, all through the engine's {@link PipelineExecutor}.
 *
 * <p>An input equal to one of the deployment's known examples (its dataset) is that example, with its
 * expected output, so accuracy is measured; any other input is an example of its own with no expected
 * output. The simulated backend imitates known examples only and refuses other inputs.
 */
public final class DeploymentPipeline {
    /** The retriever runs use by default ({@code RunFactory.Options.defaults}). */
    private static final String RETRIEVER = "retriever.bm25";

    private final PipelineExecutor executor;
    private final Map<String, Example> knownByInput;
    private final AtomicInteger samples = new AtomicInteger();

    private DeploymentPipeline(PipelineExecutor executor, Map<String, Example> knownByInput) {
        this.executor = executor;
        this.knownByInput = knownByInput;
    }

    /**
     * @param task the engine's task
     * @param backendId the task's backend
     * @param backendSettings the backend's server settings
     * @param knownExamples the deployment's dataset (empty without one)
     */
    public static DeploymentPipeline of(
            PluginCatalog plugins,
            Task task,
            String backendId,
            Map<String, String> backendSettings,
            List<Example> knownExamples,
            Path dataDir) {
        ModelBackendProvider provider = plugins.runFactory().backends().get(backendId);
        ModelBackend backend =
                provider.create(new ModelBackendProvider.Context(backendSettings, dataDir, knownExamples));
        Optional<Retriever> retriever = task.documents().isEmpty()
                ? Optional.empty()
                : Optional.of(plugins.retrievers().get(RETRIEVER).index(task.documents()));
        List<Validator> validators = plugins.validators().all().stream()
                .filter(Validator::enabledByDefault)
                .toList();
        PipelineExecutor executor = new PipelineExecutor(
                backend,
                new PromptAssembler(task, retriever),
                new OutputJudge(task, validators),
                PipelineExecutor.Consensus.samples(RunFactory.DEFAULT_CONSENSUS_SAMPLES),
                0L);
        Map<String, Example> byInput = new LinkedHashMap<>();
        knownExamples.forEach(e -> byInput.putIfAbsent(e.input(), e));
        return new DeploymentPipeline(executor, Map.copyOf(byInput));
    }

    /** Whether {@code input} is one of the known examples (so accuracy means something). */
    public boolean known(String input) {
        return knownByInput.containsKey(input);
    }

    /** Runs {@code input} through {@code genome}; a failed call is an evaluation with its error, not an exception. */
    public Evaluation run(Genome genome, String input) throws InterruptedException {
        Example example = knownByInput.getOrDefault(input, adHoc(input));
        return executor.execute(genome, example, samples.getAndIncrement() & Integer.MAX_VALUE);
    }

    private static Example adHoc(String input) {
        return new Example("input-" + sha256(input), input, "{}", 0.5, List.of(), List.of());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
