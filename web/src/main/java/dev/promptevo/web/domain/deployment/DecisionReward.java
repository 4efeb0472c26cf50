package dev.promptevo.web.domain.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The reward of one decision. Its primary key is the decision's id, so a decision is rewarded at most
 * once whatever the concurrency: a second insert fails on the key.
 */
@Entity
@Table(name = "decision_reward")
public class DecisionReward {
    /** Who gave the reward. */
    public enum Source {
        /** A client, with {@code POST /api/decisions/{id}/reward}. */
        CLIENT,
        /** The server, from the validators of an {@code invoke} with {@code autoReward}. */
        VALIDATORS
    }

    @Id
    @Column(name = "decision_id", length = 64)
    private String decisionId;

    @Column(name = "deployment_id", nullable = false, length = 36)
    private String deploymentId;

    @Column(name = "arm_position", nullable = false)
    private int armPosition;

    @Column(nullable = false)
    private double reward;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Source source;

    @Column(name = "decided_at", nullable = false)
    private OffsetDateTime decidedAt;

    @Column(name = "rewarded_at", nullable = false)
    private OffsetDateTime rewardedAt;

    protected DecisionReward() {}

    public DecisionReward(DecisionToken decision, double reward, Source source, Instant now) {
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("reward must be in [0, 1], got " + reward);
        }
        this.decisionId = decision.decisionId();
        this.deploymentId = decision.deploymentId();
        this.armPosition = decision.armPosition();
        this.reward = reward;
        this.source = Objects.requireNonNull(source, "source");
        this.decidedAt = decision.issuedAt().atOffset(ZoneOffset.UTC);
        this.rewardedAt = now.atOffset(ZoneOffset.UTC);
    }

    public String decisionId() {
        return decisionId;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public int armPosition() {
        return armPosition;
    }

    public double reward() {
        return reward;
    }

    public Source source() {
        return source;
    }

    public Instant rewardedAt() {
        return rewardedAt.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionReward other && Objects.equals(decisionId, other.decisionId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(decisionId);
    }
}
