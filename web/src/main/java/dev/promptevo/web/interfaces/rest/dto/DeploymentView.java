package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.engine.bandit.ArmStatistics;
import dev.promptevo.engine.bandit.BanditStatistics;
import dev.promptevo.engine.bandit.Verdict;
import dev.promptevo.web.application.Deployments;
import dev.promptevo.web.application.LiveDeployment;
import dev.promptevo.web.domain.deployment.TrafficCount;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A deployment with every arm's statistics now and its traffic over time.
 *
 * @param production the production arm's position, if there is one
 * @param rewards rewards observed (all arms)
 * @param decisions decisions routed since the state was loaded or flushed last (all arms)
 * @param verdict the stop rule's verdict: {@code promote} with the arm, or {@code keep-running} with why
 */
public record DeploymentView(
        String id,
        String taskId,
        String datasetId,
        long decisionTtlSeconds,
        Integer production,
        long armSetVersion,
        long rewards,
        long decisions,
        VerdictView verdict,
        List<ArmView> arms,
        TrafficView traffic) {

    public record VerdictView(String kind, Integer armPosition, String reason) {}

    /**
     * One arm.
     *
     * @param posteriorMean the Beta posterior's mean
     * @param credibleInterval the posterior's central 95% interval
     * @param probabilityBest the probability it is the best active arm (Monte Carlo)
     * @param expectedLoss the expected reward lost by choosing it rather than the best arm (Monte Carlo)
     * @param pulls decisions routed to it
     * @param rewards rewards observed for it
     * @param trafficShare its share of (non-sticky) decisions now
     * @param pauseCause MANUAL, GUARDRAIL, PROMOTION or ROLLBACK when paused
     */
    public record ArmView(
            int position,
            String genomeId,
            ObjectNode genome,
            String status,
            String pauseCause,
            String pauseReason,
            String alert,
            boolean production,
            double alpha,
            double beta,
            double posteriorMean,
            List<Double> credibleInterval,
            double probabilityBest,
            double expectedLoss,
            long pulls,
            long rewards,
            double trafficShare,
            long gateChecks,
            long schemaFailures,
            long safetyFailures) {}

    /** Decisions per arm (by position) in each time bucket with any, oldest first. */
    public record TrafficView(long bucketSeconds, List<BucketView> buckets) {}

    public record BucketView(String start, long total, List<Long> decisions, List<Double> shares) {}

    public static DeploymentView of(Deployments.Report report) {
        LiveDeployment d = report.deployment();
        BanditStatistics stats = report.statistics();
        List<ArmView> arms = d.arms().stream()
                .map(arm -> arm(arm, stats.arm(arm.genomeId())))
                .toList();
        Integer production = stats.production().map(id -> d.arm(id).position()).orElse(null);
        VerdictView verdict = switch (stats.verdict()) {
            case Verdict.Promote p ->
                new VerdictView(
                        "promote",
                        d.arm(p.armId()).position(),
                        String.format(
                                Locale.ROOT,
                                "best with probability %.3f after %d rewards",
                                p.probabilityBest(),
                                p.rewards()));
            case Verdict.KeepRunning k -> new VerdictView("keep-running", null, k.reason());
        };
        return new DeploymentView(
                d.id(),
                d.taskId(),
                d.datasetId().orElse(null),
                d.decisionTtl().toSeconds(),
                production,
                stats.version(),
                stats.rewards(),
                stats.decisions(),
                verdict,
                arms,
                traffic(d, report.traffic()));
    }

    private static ArmView arm(LiveDeployment.Arm arm, ArmStatistics s) {
        return new ArmView(
                arm.position(),
                arm.genomeId(),
                arm.genome(),
                s.status().name(),
                s.pause().map(p -> p.cause().name()).orElse(null),
                s.pause().map(p -> p.reason()).orElse(null),
                s.alert().orElse(null),
                s.production(),
                s.alpha(),
                s.beta(),
                s.mean(),
                List.of(s.credibleLower(), s.credibleUpper()),
                s.probabilityBest(),
                s.expectedLoss(),
                s.decisions(),
                s.rewards(),
                s.trafficShare(),
                s.gates().checks(),
                s.gates().schemaFailures(),
                s.gates().safetyFailures());
    }

    private static TrafficView traffic(LiveDeployment d, List<TrafficCount> counts) {
        int k = d.arms().size();
        TreeMap<Instant, long[]> byBucket = new TreeMap<>();
        for (TrafficCount c : counts) {
            byBucket.computeIfAbsent(c.bucketStart(), b -> new long[k])[c.armPosition()] += c.decisions();
        }
        List<BucketView> buckets = byBucket.entrySet().stream()
                .map(e -> {
                    long total = 0;
                    for (long n : e.getValue()) {
                        total += n;
                    }
                    double[] shares = new double[k];
                    for (int i = 0; i < k; i++) {
                        shares[i] = total == 0 ? 0 : (double) e.getValue()[i] / total;
                    }
                    return new BucketView(
                            e.getKey().toString(),
                            total,
                            Arrays.stream(e.getValue()).boxed().toList(),
                            Arrays.stream(shares).boxed().toList());
                })
                .toList();
        return new TrafficView(d.bucketSeconds(), buckets);
    }
}
