package dev.promptevo.engine.evolution;

import dev.promptevo.engine.execution.Spend;

/**
 * One generation's outcome.
 *
 * @param bestComposite the best composite seen so far in the run
 * @param medianComposite the median composite of this generation's population
 * @param evaluations evaluations run in this generation (cached ones not counted)
 * @param rejected new candidates dropped by early rejection at one of its rungs
 * @param spent the run's cumulative spend at the end of this generation
 */
public record GenerationReport(
        int index,
        double bestComposite,
        double medianComposite,
        int evaluations,
        int rejected,
        String bestGenomeId,
        Spend spent) {}
