package dev.promptevo.engine.task;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.Task;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * This bundle searching over {@code models} instead of the task's own (the {@code model_key}
     * gene's options); the base genome moves to the first of them when its model is not among them.
     */
    public TaskBundle withModels(List<String> models) {
        if (models.isEmpty()) {
            return this;
        }
        List<Gene> genes = space.genes().stream()
                .map(g -> g.name().equals(MODEL_GENE) ? (Gene) Gene.choice(MODEL_GENE, models) : g)
                .toList();
        Genome base = baseGenome;
        if (!models.contains(base.text(MODEL_GENE))) {
            base = base.with(MODEL_GENE, Allele.of(models.get(0)));
        }
        return new TaskBundle(directory, task, dataset, new SearchSpace(genes), base, backendId, backendSettings);
    }

    private static final String MODEL_GENE = "model_key";
}
