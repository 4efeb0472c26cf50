package dev.promptevo.engine.task;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.Task;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a task directory holds: the task, its golden dataset, the space to search, the team's
 * current configuration, and the backend the directory suggests.
 */
public record TaskBundle(
        Path directory,
        Task task,
        Dataset dataset,
        SearchSpace space,
        Genome baseGenome,
        String backendId,
        Map<String, String> backendSettings) {

    public TaskBundle {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(baseGenome, "baseGenome");
        Objects.requireNonNull(backendId, "backendId");
        backendSettings = Map.copyOf(backendSettings);
        space.requireValid(baseGenome);
    }
}
