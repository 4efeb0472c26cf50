package dev.promptevo.web.domain.deployment;

import dev.promptevo.engine.bandit.WarmStart;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.UUID;

/**
 * One genome a deployment routes to. {@code position} is its index in the deployment (what a decision
 * id carries); the bandit knows it by its genome id. The warm start is its offline evaluation, if any.
 */
@Entity
@Table(name = "deployment_arm")
public class DeploymentArm {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "deployment_id", nullable = false, length = 36)
    private String deploymentId;

    @Column(nullable = false)
    private int position;

    @Column(name = "genome_id", nullable = false, length = 64)
    private String genomeId;

    @Column(name = "genome_json", nullable = false)
    private String genomeJson;

    @Column(name = "warm_mean", nullable = false)
    private double warmMean;

    @Column(name = "warm_evaluations", nullable = false)
    private long warmEvaluations;

    protected DeploymentArm() {}

    public DeploymentArm(String deploymentId, int position, String genomeId, String genomeJson, WarmStart warmStart) {
        this.id = UUID.randomUUID().toString();
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.position = position;
        this.genomeId = Objects.requireNonNull(genomeId, "genomeId");
        this.genomeJson = Objects.requireNonNull(genomeJson, "genomeJson");
        this.warmMean = warmStart.meanScore();
        this.warmEvaluations = warmStart.evaluations();
    }

    public String deploymentId() {
        return deploymentId;
    }

    public int position() {
        return position;
    }

    public String genomeId() {
        return genomeId;
    }

    public String genomeJson() {
        return genomeJson;
    }

    public WarmStart warmStart() {
        return new WarmStart(warmMean, warmEvaluations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeploymentArm other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
