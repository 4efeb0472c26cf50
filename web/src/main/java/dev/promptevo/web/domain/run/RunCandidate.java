package dev.promptevo.web.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.task.GenomeJson;
import dev.promptevo.web.domain.JsonText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A fully evaluated genome of a run: the genome, its aggregated metrics, its fitness and its lineage
 * (parents and the operator that made it). Per-example evaluations are not stored yet.
 */
@Entity
@Table(name = "run_candidate")
public class RunCandidate {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "genome_id", nullable = false, length = 64)
    private String genomeId;

    /** Order in which the run first evaluated it. */
    @Column(nullable = false)
    private int ordinal;

    @Column(nullable = false)
    private int generation;

    @Column(nullable = false, length = 1000)
    private String operator;

    @Column(name = "parents_json", nullable = false)
    private String parentsJson;

    @Column(name = "genome_json", nullable = false)
    private String genomeJson;

    @Column(name = "metrics_json", nullable = false)
    private String metricsJson;

    /** The candidate's value on each objective of the run's Pareto front, by objective id. */
    @Column(name = "objectives_json", nullable = false)
    private String objectivesJson;

    @Column(nullable = false)
    private double composite;

    @Column(name = "pass_rate", nullable = false)
    private double passRate;

    @Column(name = "on_pareto_front", nullable = false)
    private boolean onParetoFront;

    @Column(name = "is_best", nullable = false)
    private boolean best;

    @Column(name = "is_base", nullable = false)
    private boolean base;

    protected RunCandidate() {}

    public RunCandidate(
            String runId,
            int ordinal,
            Candidate candidate,
            List<Objective> objectives,
            boolean onParetoFront,
            boolean best,
            boolean base) {
        this.id = UUID.randomUUID().toString();
        this.runId = runId;
        this.genomeId = candidate.id();
        this.ordinal = ordinal;
        this.generation = candidate.generation();
        this.operator = candidate.operator();
        this.parentsJson = JsonText.ofStrings(candidate.parentIds());
        this.genomeJson = GenomeJson.toNode(candidate.genome()).toString();
        this.metricsJson = JsonText.write(candidate.summary());
        Map<String, Double> values = new LinkedHashMap<>();
        objectives.forEach(o -> values.put(o.id(), o.measure(candidate.summary())));
        this.objectivesJson = JsonText.write(values);
        this.composite = candidate.composite();
        this.passRate = candidate.summary().passRate();
        this.onParetoFront = onParetoFront;
        this.best = best;
        this.base = base;
    }

    public String runId() {
        return runId;
    }

    public String genomeId() {
        return genomeId;
    }

    public int ordinal() {
        return ordinal;
    }

    public int generation() {
        return generation;
    }

    public String operator() {
        return operator;
    }

    public List<String> parentIds() {
        return JsonText.strings(parentsJson);
    }

    public ObjectNode genome() {
        return (ObjectNode) JsonText.tree(genomeJson);
    }

    public JsonNode metrics() {
        return JsonText.tree(metricsJson);
    }

    public Map<String, Double> objectiveValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        JsonText.tree(objectivesJson)
                .fields()
                .forEachRemaining(f -> values.put(f.getKey(), f.getValue().asDouble()));
        return values;
    }

    public double composite() {
        return composite;
    }

    public double passRate() {
        return passRate;
    }

    public boolean onParetoFront() {
        return onParetoFront;
    }

    public boolean best() {
        return best;
    }

    public boolean base() {
        return base;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunCandidate other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
