package dev.promptevo.engine.evolution;

import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.genome.Genome;
import java.util.List;
import java.util.Objects;

/**
 * A genome with its aggregated evaluations and its lineage.
 *
 * @param generation the generation it was first evaluated in
 * @param parentIds ids of the genomes it was bred from (empty for the base and random samples)
 * @param operator how it was made: {@code base}, {@code random}, or operator ids joined by {@code +}
 */
public record Candidate(
        Genome genome, int generation, List<String> parentIds, String operator, MetricsSummary summary) {

    public Candidate {
        Objects.requireNonNull(genome, "genome");
        parentIds = List.copyOf(parentIds);
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(summary, "summary");
    }

    public String id() {
        return genome.id();
    }

    public double composite() {
        return summary.composite();
    }
}
