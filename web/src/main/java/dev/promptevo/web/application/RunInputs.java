package dev.promptevo.web.application;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.task.TaskDefinition;
import java.util.List;

/** Everything a worker reads from the database to run: read once, when the run starts. */
public record RunInputs(
        String taskId, TaskDefinition definition, String datasetName, List<Example> examples, RunSettings settings) {
    public RunInputs {
        examples = List.copyOf(examples);
    }
}
