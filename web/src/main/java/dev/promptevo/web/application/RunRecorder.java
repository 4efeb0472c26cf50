package dev.promptevo.web.application;

import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.GenerationReport;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.dataset.StoredDataset;
import dev.promptevo.web.domain.run.CandidateEvaluations;
import dev.promptevo.web.domain.run.CheckpointRows;
import dev.promptevo.web.domain.run.Generation;
import dev.promptevo.web.domain.run.RecordedCall;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.run.RunCheckpoint;
import dev.promptevo.web.domain.run.RunLimits;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.run.RunStatus;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run's worker writes, each call in a transaction of its own: the start, one transaction per
 * completed generation (its row, the run's checkpoint, the evaluations of the candidates it
 * completed, and the deletion of the model calls recorded since the last checkpoint, which the new
 * one covers, together), batches of completed model calls, the result. A run that has ended
 * meanwhile (a client cancelled it) is left as it is, so the first final status wins.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RunRecorder {
    /** Stored settings were checked when the run was started; reading them back must not re-apply today's limits. */
    private static final RunLimits STORED = new RunLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Inject
    private RunRepository runs;

    @Inject
    private TaskRepository tasks;

    @Inject
    private DatasetRepository datasets;

    @Inject
    private Clock clock;

    @Inject
    private Event<RunEvents.GenerationRecorded> generationRecorded;

    @Inject
    private Event<RunEvents.StatusChanged> statusChanged;

    /**
     * Moves a queued run to RUNNING and reads its inputs.
     *
     * @return empty when the run is no longer queued (cancelled before it started)
     */
    public Optional<RunInputs> start(String runId) {
        Run run = runs.findForUpdate(runId).orElseThrow(() -> new UnknownEntityException(RunService.KIND, runId));
        if (run.status() != RunStatus.QUEUED) {
            return Optional.empty();
        }
        // A run queued again after it was cancelled or failed goes on from its last checkpoint.
        boolean resuming = run.hasStarted();
        run.start(clock.instant());
        statusChanged.fire(new RunEvents.StatusChanged(run));
        return Optional.of(inputs(run, resuming));
    }

    /**
     * Reads the inputs of a run left RUNNING by a server that stopped, with its last checkpoint.
     *
     * @return empty when the run is no longer running (cancelled meanwhile)
     */
    public Optional<RunInputs> resume(String runId) {
        Run run = runs.findForUpdate(runId).orElseThrow(() -> new UnknownEntityException(RunService.KIND, runId));
        if (run.status() != RunStatus.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(inputs(run, true));
    }

    private RunInputs inputs(Run run, boolean resuming) {
        StoredTask task =
                tasks.find(run.taskId()).orElseThrow(() -> new UnknownEntityException(TaskService.KIND, run.taskId()));
        StoredDataset dataset = datasets.find(run.datasetId())
                .orElseThrow(() -> new UnknownEntityException(DatasetService.KIND, run.datasetId()));
        var definition = TaskService.definitionOf(task);
        Optional<Checkpoint> checkpoint = resuming
                ? runs.checkpoint(run.id())
                        .map(RunCheckpoint::stateJson)
                        .map(state -> CheckpointRows.join(state, runs.evaluationsJson(run.id()), definition.space()))
                : Optional.empty();
        return new RunInputs(
                task.id(),
                definition,
                dataset.name(),
                datasets.examples(dataset.id()),
                RunSettings.of(run.settings(), STORED),
                checkpoint,
                resuming ? runs.calls(run.id()) : List.of());
    }

    /**
     * Records a completed generation: its row, the run's progress, its checkpoint (replacing the last
     * one) and the evaluations of the candidates it completed, in one transaction, so that a restart
     * finds them all or none.
     *
     * @param completed the candidates this generation completed (each archived in {@code checkpoint})
     * @param backendCalls model calls the run sent to its backend since its last checkpoint
     * @return false when the run has ended meanwhile: the worker should stop
     */
    public boolean recordGeneration(
            String runId, Checkpoint checkpoint, Collection<Candidate> completed, long backendCalls) {
        Run run = runs.findForUpdate(runId).orElseThrow(() -> new UnknownEntityException(RunService.KIND, runId));
        if (run.status().isFinal()) {
            return false;
        }
        GenerationReport report = checkpoint.reports().getLast();
        if (run.generationsCompleted() > report.index()) {
            // Another worker of this run recorded it first (an application instance being replaced
            // while it resumed the run): the run replays from its seed, so it is this very generation.
            return true;
        }
        Generation generation = new Generation(runId, report, clock.instant());
        runs.addGeneration(generation);
        run.recordGeneration(report.index(), report.bestComposite(), report.bestGenomeId(), report.spent());
        run.addBackendCalls(backendCalls);
        runs.deleteCalls(runId);
        CheckpointRows.Split rows = CheckpointRows.split(checkpoint, completed);
        runs.saveCheckpoint(runId, checkpoint.completedGeneration(), rows.state(), clock.instant());
        runs.addEvaluations(completed.stream()
                .map(c -> new CandidateEvaluations(
                        runId,
                        c.id(),
                        c.generation(),
                        checkpoint.evaluations().get(c.id()).size(),
                        rows.completed().get(c.id())))
                .toList());
        generationRecorded.fire(new RunEvents.GenerationRecorded(run, generation));
        return true;
    }

    /**
     * Stores every candidate (with its place on the Pareto front) and completes the run; its recorded
     * model calls are deleted.
     *
     * @param backendCalls model calls the run sent to its backend since its last checkpoint
     * @return false when the run had ended meanwhile (nothing written)
     */
    public boolean complete(String runId, OptimizationResult result, long backendCalls) {
        Run run = runs.findForUpdate(runId).orElseThrow(() -> new UnknownEntityException(RunService.KIND, runId));
        if (run.status().isFinal()) {
            return false;
        }
        Set<String> front = result.paretoFront().stream().map(Candidate::id).collect(Collectors.toSet());
        List<RunCandidate> rows = new ArrayList<>();
        List<Candidate> candidates = result.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            rows.add(new RunCandidate(
                    runId,
                    i,
                    c,
                    result.objectives(),
                    front.contains(c.id()),
                    c.id().equals(result.best().id()),
                    c.id().equals(result.base().id())));
        }
        runs.addCandidates(rows);
        run.complete(
                result.stopReason().name(),
                result.best().id(),
                result.best().composite(),
                result.base().composite(),
                result.objectives(),
                result.spent(),
                clock.instant());
        run.addBackendCalls(backendCalls);
        runs.deleteCalls(runId);
        statusChanged.fire(new RunEvents.StatusChanged(run));
        return true;
    }

    /** Stores a batch of model calls completed by running runs. */
    public void addCalls(List<RecordedCall> calls) {
        runs.addCalls(calls);
    }

    /** Deletes a run's recorded model calls (it has ended, or will never resume them). */
    public void deleteCalls(String runId) {
        runs.deleteCalls(runId);
    }

    /** Deletes the recorded model calls of runs that have ended (left by a server that died). */
    public int deleteCallsOfEndedRuns() {
        return runs.deleteCallsOfEndedRuns();
    }

    public void fail(String runId, String message) {
        runs.findForUpdate(runId).filter(run -> !run.status().isFinal()).ifPresent(run -> {
            run.fail(message, clock.instant());
            statusChanged.fire(new RunEvents.StatusChanged(run));
        });
    }
}
