package dev.promptevo.engine.evolution;

import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.execution.Spend;
import java.util.List;

/**
 * What a run found.
 *
 * @param best the candidate with the best composite
 * @param paretoFront the non-dominated candidates over {@code objectives}
 * @param candidates every fully evaluated candidate, in the order first evaluated (the lineage)
 */
public record OptimizationResult(
        Candidate base,
        Candidate best,
        List<Candidate> paretoFront,
        List<Objective> objectives,
        List<GenerationReport> generations,
        List<Candidate> candidates,
        Spend spent,
        StopReason stopReason) {

    public OptimizationResult {
        paretoFront = List.copyOf(paretoFront);
        objectives = List.copyOf(objectives);
        generations = List.copyOf(generations);
        candidates = List.copyOf(candidates);
    }
}
