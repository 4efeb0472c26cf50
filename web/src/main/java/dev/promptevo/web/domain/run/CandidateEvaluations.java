package dev.promptevo.web.domain.run;

import dev.promptevo.api.eval.Evaluation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One complete candidate's evaluations on the run's training examples, in training order, as one
 * JSON array (the engine's checkpoint format for them): written once, when the generation that
 * completed the candidate is recorded, and read back to resume the run or to page through them.
 */
@Entity
@Table(name = "run_evaluations")
public class CandidateEvaluations {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "genome_id", nullable = false, length = 64)
    private String genomeId;

    @Column(nullable = false)
    private int generation;

    @Column(name = "example_count", nullable = false)
    private int exampleCount;

    @Column(name = "evaluations_json", nullable = false)
    private String evaluationsJson;

    protected CandidateEvaluations() {}

    public CandidateEvaluations(String runId, String genomeId, int generation, int exampleCount, String json) {
        this.id = UUID.randomUUID().toString();
        this.runId = Objects.requireNonNull(runId, "runId");
        this.genomeId = Objects.requireNonNull(genomeId, "genomeId");
        this.generation = generation;
        this.exampleCount = exampleCount;
        this.evaluationsJson = Objects.requireNonNull(json, "json");
    }

    public String runId() {
        return runId;
    }

    public String genomeId() {
        return genomeId;
    }

    public int generation() {
        return generation;
    }

    public int exampleCount() {
        return exampleCount;
    }

    public String evaluationsJson() {
        return evaluationsJson;
    }

    public List<Evaluation> evaluations() {
        return CheckpointRows.evaluations(evaluationsJson);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateEvaluations other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
