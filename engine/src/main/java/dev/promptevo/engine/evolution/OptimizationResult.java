package dev.promptevo.engine.evolution;

import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.execution.CacheStats;
import dev.promptevo.engine.execution.Spend;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run found.
 *
 * @param best the candidate with the best composite
 * @param paretoFront the non-dominated candidates over {@code objectives}
 * @param candidates every fully evaluated candidate, in the order first evaluated (the lineage)
 * @param holdout the base, the best and the front re-scored on the hold-out examples, by genome id
 *     (empty without a hold-out, or when the budget ran out first)
 * @param operatorStats how often each operator's children beat their parents
 * @param failedEvaluations evaluations whose model call failed, counted by reason (timeouts, rate
 *     limits, context length, ...), so a failing backend shows in the results, not only in logs
 * @param rejectedCandidates new candidates turned away by early rejection
 * @param cache what the evaluation cache answered and stored in this run (since this process
 *     started it, for a resumed run); empty when the run had none
 */
public record OptimizationResult(
        Candidate base,
        Candidate best,
        List<Candidate> paretoFront,
        List<Objective> objectives,
        List<GenerationReport> generations,
        List<Candidate> candidates,
        Map<String, MetricsSummary> holdout,
        List<OperatorStats> operatorStats,
        Map<String, Integer> failedEvaluations,
        int rejectedCandidates,
        int trainExamples,
        int holdoutExamples,
        Spend spent,
        StopReason stopReason,
        Optional<CacheStats> cache) {

    public OptimizationResult {
        paretoFront = List.copyOf(paretoFront);
        objectives = List.copyOf(objectives);
        generations = List.copyOf(generations);
        candidates = List.copyOf(candidates);
        holdout = Collections.unmodifiableMap(new LinkedHashMap<>(holdout));
        operatorStats = List.copyOf(operatorStats);
        failedEvaluations = Collections.unmodifiableMap(new LinkedHashMap<>(failedEvaluations));
        java.util.Objects.requireNonNull(cache, "cache");
    }

    /** The best candidate's hold-out composite minus its training composite, when it was re-scored. */
    public Optional<Double> bestHoldoutGap() {
        return Optional.ofNullable(holdout.get(best.id())).map(h -> h.composite() - best.composite());
    }
}
