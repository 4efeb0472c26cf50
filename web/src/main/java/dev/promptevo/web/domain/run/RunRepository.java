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
}
