package dev.promptevo.web.application;

import dev.promptevo.api.task.Example;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.web.domain.run.RecordedCall;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.task.TaskDefinition;
import java.util.List;
import java.util.Optional;

/**
 * Everything a worker reads from the database to run: read once, when the run starts or resumes.
 *
 * @param resumeFrom the run's last checkpoint when it resumes after a restart; empty for a fresh start
 *     (or a run interrupted before its first generation completed)
 * @param recordedCalls the model calls the run completed since its last checkpoint before a restart,
 *     to be answered from their records; empty for a fresh start
 */
public record RunInputs(
        String taskId,
        TaskDefinition definition,
        String datasetName,
        List<Example> examples,
        RunSettings settings,
        Optional<Checkpoint> resumeFrom,
        List<RecordedCall> recordedCalls) {
    public RunInputs {
        examples = List.copyOf(examples);
        recordedCalls = List.copyOf(recordedCalls);
    }
}
