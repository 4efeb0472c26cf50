package dev.promptevo.web.application;

import dev.promptevo.api.task.Dataset;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.infrastructure.engine.BackendSettings;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import dev.promptevo.web.infrastructure.metrics.BackendMetrics;
import dev.promptevo.web.infrastructure.persistence.SchemaMigration;
import dev.promptevo.web.infrastructure.telemetry.TracedExecutor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs queued runs on the server's managed executor, one task per run, and stops them when they are
 * cancelled. The engine does the search; every completed generation is recorded at once with the
 * run's checkpoint (one transaction each) and the candidates when the run ends. After a restart, a
 * run the previous process left RUNNING continues from its last checkpoint: the engine replays the
 * interrupted generation from the same seed, so the run ends as an uninterrupted one would, and its
 * spend continues from the checkpoint's (what the interrupted generation had spent is not counted).
 */
@ApplicationScoped
public class RunLauncher {
    private static final Logger LOG = Logger.getLogger(RunLauncher.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private RunRecorder recorder;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private BackendSettings backendSettings;

    @Inject
    private BackendMetrics metrics;

    /** MicroProfile Telemetry's tracer; a no-op one where the server offers none. */
    @Inject
    private Instance<Tracer> tracers;

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    /** Set when the application stops: what fails from then on is the shutdown, not the run. */
    private volatile boolean stopping;

    /** One run in flight: its cancellation flag, and its task once submitted. */
    private static final class Execution {
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile Future<?> future;
    }

    /** Thrown from the progress listener to leave the engine's loop when a run is cancelled. */
    private static final class RunStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunStopped() {
            super("cancelled", null, false, false);
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.Queued event) {
        submit(event.runId(), false);
    }

    void onCancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.Cancelled event) {
        Execution execution = executions.get(event.runId());
        if (execution != null) {
            execution.cancelled.set(true);
            Future<?> future = execution.future;
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    void onSchemaReady(@Observes SchemaMigration.SchemaReady event) {
        RunRecorder.Recovery recovery = recorder.recoverAfterRestart();
        recovery.resume().forEach(runId -> submit(runId, true));
        recovery.start().forEach(runId -> submit(runId, false));
    }

    @PreDestroy
    void stopAll() {
        stopping = true;
        executions.values().forEach(execution -> {
            execution.cancelled.set(true);
            Future<?> future = execution.future;
            if (future != null) {
                future.cancel(true);
            }
        });
    }

    /** Runs in flight on this server. */
    public int active() {
        return executions.size();
    }

    private void submit(String runId, boolean resume) {
        Execution execution = new Execution();
        executions.put(runId, execution);
        execution.future = executor.submit(() -> {
            try {
                execute(runId, resume, execution.cancelled);
            } finally {
                executions.remove(runId, execution);
            }
        });
    }

    private void execute(String runId, boolean resume, AtomicBoolean cancelled) {
        RunInputs inputs;
        try {
            var started = resume ? recorder.resume(runId) : recorder.start(runId);
            if (started.isEmpty()) {
                return;
            }
            inputs = started.get();
        } catch (RuntimeException e) {
            if (stopping || cancelled.get()) {
                return; // the run stays as it is and is taken up again at the next start
            }
            LOG.log(Level.WARNING, "run " + runId + " cannot " + (resume ? "resume" : "start"), e);
            recorder.fail(runId, (resume ? "cannot resume: " : "cannot start: ") + describe(e));
            return;
        }
        try {
            TaskDefinition definition = inputs.definition();
            TaskBundle bundle = new TaskBundle(
                    Path.of(dataDir),
                    definition.toTask(inputs.taskId()),
                    new Dataset(inputs.datasetName(), inputs.examples()),
                    definition.space(),
                    definition.baseGenome(),
                    definition.backendId(),
                    backendSettings.of(definition.backendId()));
            RunSettings settings = inputs.settings();
            RunFactory.Options defaults = RunFactory.Options.defaults(settings.toOptimizerConfig());
            RunFactory.Options options = new RunFactory.Options(
                    defaults.config(),
                    defaults.backendId(),
                    defaults.backendSettings(),
                    defaults.rewriteModel(),
                    defaults.consensusSamples(),
                    defaults.consensusModels(),
                    defaults.judgeModel(),
                    settings.validators(),
                    defaults.evaluationSeed(),
                    defaults.retrieverId(),
                    defaults.clock());
            // The generation's row and checkpoint are written together, from the checkpoint the engine
            // hands over after the generation's report; the candidates it completed come just before.
            AtomicReference<List<Candidate>> completed = new AtomicReference<>(List.of());
            AtomicInteger generation = new AtomicInteger();
            RunFactory.PreparedRun prepared = plugins.runFactory()
                    .withOperators(settings.mutations(), settings.crossovers())
                    .withBackendWrapper(metrics::wrap)
                    .withExecutorWrapper(executor -> new TracedExecutor(executor, tracer(), runId, generation::get))
                    .prepare(bundle, options, inputs.resumeFrom(), (Checkpoint checkpoint) -> {
                        if (cancelled.get() || !recorder.recordGeneration(runId, checkpoint, completed.get())) {
                            cancelled.set(true);
                            throw new RunStopped();
                        }
                    });
            inputs.resumeFrom()
                    .ifPresent(checkpoint -> LOG.info(
                            () -> "run " + runId + " resumes after generation " + checkpoint.completedGeneration()));
            OptimizationResult result = prepared.optimizer().run(new ProgressListener() {
                @Override
                public void onGenerationStart(int index, int plannedEvaluations) {
                    if (cancelled.get()) {
                        throw new RunStopped();
                    }
                    generation.set(index);
                }

                @Override
                public void onEvaluation(int generation, int done, int planned) {
                    metrics.evaluation(bundle.backendId());
                }

                @Override
                public void onCandidates(int generation, List<Candidate> evaluated) {
                    completed.set(evaluated);
                }
            });
            if (!cancelled.get()) {
                recorder.complete(runId, result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled, or the server is stopping: the run's row says which
        } catch (RunStopped e) {
            LOG.fine(() -> "run " + runId + " stopped: cancelled");
        } catch (RuntimeException e) {
            if (!stopping && !cancelled.get() && !Thread.currentThread().isInterrupted()) {
                LOG.log(Level.WARNING, "run " + runId + " failed", e);
                recorder.fail(runId, describe(e));
            }
        }
    }

    private Tracer tracer() {
        return tracers.isResolvable() ? tracers.get() : OpenTelemetry.noop().getTracer(RunLauncher.class.getName());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
