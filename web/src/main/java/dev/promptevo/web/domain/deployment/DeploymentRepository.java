package dev.promptevo.web.domain.deployment;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface DeploymentRepository {
    void add(Deployment deployment, List<DeploymentArm> arms);

    Optional<Deployment> find(String id);

    /** The deployment, locked against concurrent writers of its state until the transaction ends. */
    Optional<Deployment> findForUpdate(String id);

    /** The deployments {@code viewer} may see, newest first. */
    Page<Deployment> list(Caller viewer, PageRequest page);

    /** In position order. */
    List<DeploymentArm> arms(String deploymentId);

    /** Whether a deployment serves genomes of this task (it cannot be deleted meanwhile). */
    boolean anyUsesTask(String taskId);

    /** Whether a deployment was made from runs on, or invokes with, this dataset. */
    boolean anyUsesDataset(String datasetId);

    Optional<DecisionReward> reward(String decisionId);

    /** Adds a reward; the transaction fails if the decision was rewarded meanwhile (its key is taken). */
    void addReward(DecisionReward reward);

    /** Per arm position: the count and the sum of its rewards. */
    List<RewardTotals> rewardTotals(String deploymentId);

    void addTraffic(List<TrafficCount> counts);

    /** Traffic counts of buckets starting at or after {@code since}, oldest first. */
    List<TrafficCount> traffic(String deploymentId, Instant since);

    /** What the stored rewards of one arm add up to. */
    record RewardTotals(int armPosition, long count, double sum) {}
}
