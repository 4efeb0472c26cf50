package dev.promptevo.engine.evolution;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.engine.execution.Spend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's state after a completed generation: enough to resume it so that it reaches the same
 * result as an uninterrupted run with the same seed, without repeating (or paying again for) a single
 * completed evaluation. Every generation draws from its own generator, seeded from the run's seed and
 * the generation index, so no generator state needs saving.
 *
 * @param completedGeneration the last generation whose evaluations are all here
 * @param populationIds that generation's population, best first
 * @param archive every complete candidate, in the order first evaluated
 * @param evaluations each archived candidate's training evaluations, in training order
 * @param rejected genomes turned away by early rejection (never evaluated again)
 * @param stopped set when the run had already decided to stop after this generation
 */
public record Checkpoint(
        long seed,
        int completedGeneration,
        List<String> populationIds,
        List<Candidate> archive,
        Map<String, List<Evaluation>> evaluations,
        Set<String> rejected,
        List<OperatorStats> operatorStats,
        double bestSoFar,
        int stagnant,
        List<GenerationReport> reports,
        Spend spent,
        Optional<StopReason> stopped) {

    public Checkpoint {
        populationIds = List.copyOf(populationIds);
        archive = List.copyOf(archive);
        Map<String, List<Evaluation>> copy = new LinkedHashMap<>();
        evaluations.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        evaluations = java.util.Collections.unmodifiableMap(copy);
        rejected = Set.copyOf(rejected);
        operatorStats = List.copyOf(operatorStats);
        reports = List.copyOf(reports);
    }
}
