package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.application.Deployments;

/**
 * The answer to a reward.
 *
 * @param applied true when this request's reward was stored and counted; false when the decision had
 *     been rewarded before, in which case nothing changed and {@code reward} is the earlier one
 * @param reward the reward stored for the decision
 * @param source CLIENT or VALIDATORS (an invocation's automatic reward)
 */
public record RewardedView(
        String decisionId,
        String deploymentId,
        int armPosition,
        String genomeId,
        double reward,
        boolean applied,
        String source,
        String rewardedAt) {

    public static RewardedView of(Deployments.Rewarded r) {
        return new RewardedView(
                r.decisionId(),
                r.deploymentId(),
                r.arm().position(),
                r.arm().genomeId(),
                r.stored().reward(),
                r.applied(),
                r.stored().source().name(),
                r.stored().rewardedAt().toString());
    }
}
