package dev.promptevo.web.application;

import dev.promptevo.api.task.Dataset;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.domain.run.RunLeases;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.run.RunStatus;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.infrastructure.engine.BackendSettings;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import dev.promptevo.web.infrastructure.metrics.BackendMetrics;
import dev.promptevo.web.infrastructure.persistence.SchemaMigration;
import dev.promptevo.web.infrastructure.telemetry.TracedExecutor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs runs on the server's managed executor, at most {@code promptevo.runs.max-parallel} at a time,
 * one task per run, and stops them when they are cancelled. Runs beyond the limit stay QUEUED in the
 * database and start in the order they were queued as slots free, on this server or another one
 * over the same database (after a restart too).
 *
 * <p>Before running a run the server claims its lease ({@link RunLeases}, owner: this application
 * instance) and renews it every third of {@code promptevo.runs.lease-seconds} while the run goes on,
 * so two servers never both start or resume a run; a run whose server died (its lease expired) is
 * taken over. A server that finds it lost a lease stops its worker. A graceful stop releases the
 * leases at once.
 *
 * <p>The engine does the search; every completed generation is recorded at once with the run's
 * checkpoint (one transaction each) and the candidates when the run ends. Every model call the run
 * completes is recorded too ({@link CallJournal}), in batches, until the next checkpoint covers it.
 * A run left RUNNING by a server that stopped continues from its last checkpoint (from the start when
 * it had none): the engine replays the interrupted generation from the same seed, and the calls it
 * had completed are answered from their records instead of being sent again, so the run ends as an
 * uninterrupted one would, with the same spend, having sent the backend the same calls.
 */
@ApplicationScoped
public class RunLauncher {
    private static final Logger LOG = Logger.getLogger(RunLauncher.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private RunRecorder recorder;

    @Inject
    private RunLeases leases;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private BackendSettings backendSettings;

    @Inject
    private BackendMetrics metrics;

    @Inject
    private Clock clock;

    /** MicroProfile Telemetry's tracer; a no-op one where the server offers none. */
    @Inject
    private Instance<Tracer> tracers;

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    @Inject
    @ConfigProperty(name = "promptevo.runs.max-parallel", defaultValue = "4")
    private int maxParallel;

    @Inject
    @ConfigProperty(name = "promptevo.runs.lease-seconds", defaultValue = "30")
    private int leaseSeconds;

    @Inject
    @ConfigProperty(name = "promptevo.runs.call-flush-millis", defaultValue = "1000")
    private long callFlushMillis;

    @Inject
    @ConfigProperty(name = "promptevo.runs.call-flush-size", defaultValue = "256")
    private int callFlushSize;

    /** This application instance, as the owner of run leases: a new one at every start. */
    private final String instanceId = UUID.randomUUID().toString();

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    private CallJournal journal;

    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    /** Set once the schema is current: runs are taken up from then on. */
    private volatile boolean ready;

    /** Set when the application stops: what fails from then on is the shutdown, not the run. */
    private volatile boolean stopping;

    /** One run in flight: its cancellation flag, and its task once submitted. */
    private static final class Execution {
        final AtomicBoolean cancelled = new AtomicBoolean();
        /** Set when another server took the run's lease over: the run goes on there. */
        final AtomicBoolean leaseLost = new AtomicBoolean();

        final CountDownLatch ended = new CountDownLatch(1);
        volatile Future<?> future;
        volatile CallJournal.RunCalls calls;

        void stop() {
            cancelled.set(true);
            CallJournal.RunCalls recording = calls;
            if (recording != null) {
                recording.stopping();
            }
            Future<?> running = future;
            if (running != null) {
                running.cancel(true);
            }
        }
    }

    /** Thrown from the progress listener to leave the engine's loop when a run is cancelled. */
    private static final class RunStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunStopped() {
            super("cancelled", null, false, false);
        }
    }

    @PostConstruct
    void init() {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("promptevo.runs.max-parallel must be >= 1, got " + maxParallel);
        }
        if (leaseSeconds < 3) {
            throw new IllegalArgumentException("promptevo.runs.lease-seconds must be >= 3, got " + leaseSeconds);
        }
        journal = new CallJournal(
                recorder::addCalls,
                callFlushSize,
                flush -> scheduler.execute(this::flushCalls),
                clock,
                metrics::replayed);
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.Queued event) {
        // On another thread: this one still belongs to the request whose transaction just ended.
        scheduler.execute(this::fillSlotsQuietly);
    }

    void onCancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.Cancelled event) {
        Execution execution = executions.get(event.runId());
        if (execution != null) {
            execution.stop();
        }
    }

    void onSchemaReady(@Observes SchemaMigration.SchemaReady event) {
        int stale = recorder.deleteCallsOfEndedRuns();
        if (stale > 0) {
            LOG.info(() -> "deleted " + stale + " recorded model call(s) of runs that ended while a server was down");
        }
        ready = true;
        long beat = Math.max(1, leaseSeconds * 1000L / 3);
        synchronized (timers) {
            timers.add(scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS));
            timers.add(scheduler.scheduleWithFixedDelay(
                    this::flushCalls, callFlushMillis, callFlushMillis, TimeUnit.MILLISECONDS));
        }
        fillSlots();
    }

    @PreDestroy
    void stopAll() {
        stopping = true;
        List<String> running = List.copyOf(executions.keySet());
        synchronized (timers) {
            timers.forEach(timer -> timer.cancel(false));
        }
        executions.values().forEach(Execution::stop);
        // The workers leave at their next step; what their calls completed until then is flushed after.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Execution execution : executions.values()) {
            try {
                execution.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        flushCalls();
        running.forEach(this::release);
    }

    /** Runs in flight on this server. */
    public int active() {
        return executions.size();
    }

    /** Renews this server's leases, stops the runs whose lease it lost, and takes up waiting runs. */
    private void heartbeat() {
        try {
            if (!executions.isEmpty()) {
                Set<String> held = leases.renew(instanceId, executions.keySet(), clock.instant(), lease());
                executions.forEach((runId, execution) -> {
                    if (!held.contains(runId) && execution.ended.getCount() > 0) {
                        LOG.warning(() -> "run " + runId + ": this server no longer holds its lease; stopping here");
                        execution.leaseLost.set(true);
                        execution.stop();
                    }
                });
            }
            fillSlots();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "renewing run leases failed; will retry", e);
        }
    }

    private void flushCalls() {
        try {
            journal.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "writing " + journal.pending() + " recorded model call(s) failed; will retry", e);
        }
    }

    private void fillSlotsQuietly() {
        try {
            fillSlots();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "taking up waiting runs failed; the next heartbeat tries again", e);
        }
    }

    /**
     * Claims and starts waiting runs while slots are free: runs a dead server left RUNNING first,
     * then queued ones in the order they were queued.
     */
    private synchronized void fillSlots() {
        if (!ready || stopping) {
            return;
        }
        int free = maxParallel - executions.size();
        if (free <= 0) {
            return;
        }
        Instant now = clock.instant();
        for (RunLeases.Claimable waiting : leases.claimable(now, free + 16)) {
            if (free == 0) {
                return;
            }
            if (!executions.containsKey(waiting.runId()) && leases.claim(waiting.runId(), instanceId, now, lease())) {
                submit(waiting.runId(), waiting.status() == RunStatus.RUNNING);
                free--;
            }
        }
    }

    private Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    private void release(String runId) {
        try {
            leases.release(instanceId, runId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing the lease of run " + runId + " failed; it expires by itself", e);
        }
    }

    private void submit(String runId, boolean resume) {
        Execution execution = new Execution();
        executions.put(runId, execution);
        execution.future = executor.submit(() -> {
            try {
                execute(runId, resume, execution);
            } finally {
                // The lease goes before the execution leaves the map: a run resumed meanwhile (queued
                // again by a client) can only be claimed once this execution is gone, never have its
                // new lease released by this one.
                if (!stopping && !execution.leaseLost.get()) {
                    release(runId);
                }
                executions.remove(runId, execution);
                if (!stopping) {
                    scheduler.execute(this::fillSlotsQuietly);
                }
                execution.ended.countDown();
            }
        });
    }

    private void execute(String runId, boolean resume, Execution execution) {
        AtomicBoolean cancelled = execution.cancelled;
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
        CallJournal.RunCalls calls = journal.open(runId, inputs.recordedCalls());
        execution.calls = calls;
        if (cancelled.get()) {
            calls.stopping();
        }
        boolean ended = false;
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
                    // Recorded answers are not sent, so the metrics (calls made) never see them; the
                    // run's ledger, outside the wrapper, counts them once as the run's spend.
                    .withBackendWrapper(backend -> calls.wrap(metrics.wrap(backend)))
                    .withExecutorWrapper(executor -> new TracedExecutor(executor, tracer(), runId, generation::get))
                    .prepare(bundle, options, inputs.resumeFrom(), (Checkpoint checkpoint) -> {
                        if (cancelled.get()
                                || !journal.checkpoint(
                                        calls,
                                        sent -> recorder.recordGeneration(runId, checkpoint, completed.get(), sent))) {
                            cancelled.set(true);
                            throw new RunStopped();
                        }
                    });
            if (resume) {
                LOG.info(() -> "run " + runId + " resumes "
                        + inputs.resumeFrom()
                                .map(checkpoint -> "after generation " + checkpoint.completedGeneration())
                                .orElse("from its start (it had completed no generation)")
                        + ", with " + inputs.recordedCalls().size() + " recorded model call(s) to answer from records");
            }
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
                journal.checkpoint(calls, sent -> recorder.complete(runId, result, sent));
                LOG.info(() -> "run " + runId + " completed; " + calls.replayed()
                        + " model call(s) answered from records after a restart");
                ended = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled, or the server is stopping: the run's row says which
        } catch (RunStopped e) {
            LOG.fine(() -> "run " + runId + " stopped: cancelled");
        } catch (RuntimeException e) {
            if (!stopping && !cancelled.get() && !Thread.currentThread().isInterrupted()) {
                LOG.log(Level.WARNING, "run " + runId + " failed", e);
                recorder.fail(runId, describe(e));
                ended = true;
            }
        }
        if (!stopping && !execution.leaseLost.get() && (ended || cancelled.get())) {
            // Completed, failed or cancelled: its records will answer nothing any more.
            try {
                journal.forget(calls, () -> recorder.deleteCalls(runId));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "deleting the recorded calls of run " + runId + " failed; the next start does", e);
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
