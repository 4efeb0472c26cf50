package dev.promptevo.web.domain.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.promptevo.engine.bandit.BanditSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bandit's snapshot as stored in {@code deployment.state_json}, and the rebuild of its posteriors
 * from the stored rewards.
 *
 * <p>Why rewards are the source of truth rather than the snapshot: a snapshot written after every
 * reward would serialize all rewards of a deployment on one row (the throughput of a lock), and one
 * written now and then would lose the rewards since. A reward row per decision is one insert, its key
 * makes rewards idempotent, and with the fractional update ({@code alpha += r, beta += 1 - r}) and no
 * discounting a posterior is the warm start plus the count and sum of its arm's rewards, whatever order
 * they came in: the rebuild is exact. (Floating-point sums taken in different orders can differ in
 * their last bits; rewards that are multiples of a power of two, such as 0, 0.5 and 1, add exactly.)
 */
public final class BanditState {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BanditState() {}

    public static String write(BanditSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a bandit snapshot", e);
        }
    }

    public static BanditSnapshot read(String json) {
        try {
            return MAPPER.readValue(json, BanditSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored bandit snapshot: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code stored} with every arm's evidence replaced by its warm start plus its rewards, and the
     * reward clock set to the number of rewards.
     *
     * @param rewardsByArm per arm id, the count and sum of its stored rewards (an absent arm has none)
     * @throws IllegalArgumentException when the snapshot discounts evidence (its rewards' order would
     *     matter, and deployments do not discount)
     */
    public static BanditSnapshot withRewards(
            BanditSnapshot stored, Map<String, DeploymentRepository.RewardTotals> rewardsByArm) {
        if (stored.config().discount() != 1.0) {
            throw new IllegalArgumentException("a discounted bandit cannot be rebuilt from its rewards");
        }
        long clock = 0;
        List<BanditSnapshot.ArmSnapshot> arms = new ArrayList<>();
        for (BanditSnapshot.ArmSnapshot arm : stored.arms()) {
            var totals = rewardsByArm.get(arm.id());
            long count = totals == null ? 0 : totals.count();
            double sum = totals == null ? 0 : totals.sum();
            clock += count;
            double pseudo =
                    Math.min(arm.warmStart().evaluations(), stored.config().warmStartCap());
            double mean = arm.warmStart().meanScore();
            arms.add(new BanditSnapshot.ArmSnapshot(
                    arm.id(),
                    arm.warmStart(),
                    mean * pseudo + sum,
                    (1 - mean) * pseudo + (count - sum),
                    0,
                    count,
                    arm.decisions(),
                    arm.gates(),
                    arm.pause(),
                    arm.alert(),
                    arm.stickyWeight()));
        }
        return new BanditSnapshot(
                stored.config(),
                arms,
                stored.production(),
                stored.promotions(),
                clock,
                stored.decisions(),
                stored.version(),
                stored.epoch(),
                Math.min(stored.rolloutStart(), clock));
    }
}
