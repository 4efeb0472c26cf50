package dev.promptevo.web.domain.run;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Caller;
import java.util.List;
import java.util.Optional;

public interface RunRepository {
    void add(Run run);

    Optional<Run> find(String id);

    /** The run, locked against concurrent writers until the transaction ends. */
    Optional<Run> findForUpdate(String id);

    /** Oldest first. */
    List<Run> withStatus(RunStatus status);

    /** The runs {@code viewer} may see, newest first, optionally only those of one task. */
    Page<Run> list(Caller viewer, Optional<String> taskId, PageRequest page);

    boolean anyUsesTask(String taskId);

    boolean anyUsesDataset(String datasetId);

    void addGeneration(Generation generation);

    /** In generation order. */
    List<Generation> generations(String runId);

    void addCandidates(List<RunCandidate> candidates);

    /** Best composite first (ties: first evaluated first). */
    Page<RunCandidate> candidates(String runId, PageRequest page);

    /** Best composite first. */
    List<RunCandidate> paretoFront(String runId);

    /** Stores a run's checkpoint, replacing the one it had. */
    void saveCheckpoint(String runId, int generation, String state, java.time.Instant now);

    Optional<RunCheckpoint> checkpoint(String runId);

    void addEvaluations(List<CandidateEvaluations> evaluations);

    /** Every stored candidate's evaluations of the run, by genome id. */
    java.util.Map<String, String> evaluationsJson(String runId);

    Optional<CandidateEvaluations> evaluations(String runId, String genomeId);

    /** Stores completed model calls of running runs (at most one per run and request key). */
    void addCalls(java.util.Collection<RecordedCall> calls);

    /** The model calls the run completed since its last checkpoint. */
    List<RecordedCall> calls(String runId);

    /** Deletes the run's recorded model calls; returns how many there were. */
    int deleteCalls(String runId);

    /** Deletes the recorded model calls of every run that has ended; returns how many there were. */
    int deleteCallsOfEndedRuns();
}
