package dev.promptevo.web.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.engine.bandit.ArmSpec;
import dev.promptevo.engine.bandit.BanditConfig;
import dev.promptevo.engine.bandit.BanditSnapshot;
import dev.promptevo.engine.bandit.BanditStatistics;
import dev.promptevo.engine.bandit.Gate;
import dev.promptevo.engine.bandit.ThompsonBandit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The restart path: a snapshot stored as JSON plus the stored rewards give the bandit that was running. */
class BanditStateTest {
    private static final double[] REWARDS = {0.0, 0.25, 0.5, 0.75, 1.0};

    @Test
    void aSnapshotReadsBackEqual() {
        ThompsonBandit bandit = ThompsonBandit.create(
                BanditConfig.defaults().withSeed(7),
                List.of(ArmSpec.warm("a", 0.8, 40), ArmSpec.cold("b"), ArmSpec.cold("c")),
                "a");
        bandit.pause("c", "too slow");
        bandit.recordGates("b", Set.of(Gate.SCHEMA));
        bandit.reward("a", 0.5);
        for (int i = 0; i < 100; i++) {
            bandit.choose();
        }
        BanditSnapshot snapshot = bandit.snapshot();
        assertThat(BanditState.read(BanditState.write(snapshot))).isEqualTo(snapshot);
    }

    /**
     * Rewards applied by many threads in whatever order, then the bandit rebuilt from its last
     * stored snapshot and the rewards' counts and sums (what the database holds): the same
     * posteriors, counts, pauses and statistics.
     */
    @Test
    void rewardsAppliedConcurrentlyRebuildTheSamePosteriors() {
        ThompsonBandit live = ThompsonBandit.create(
                BanditConfig.defaults().withSeed(11), List.of(ArmSpec.cold("a"), ArmSpec.cold("b"), ArmSpec.cold("c")));
        String stored = BanditState.write(live.snapshot());
        live.pause("c", "manual");
        String storedAfterPause = BanditState.write(live.snapshot());
        assertThat(stored).isNotEqualTo(storedAfterPause);

        List<String> arms = List.of("a", "b", "c");
        SplittableRandom random = new SplittableRandom(20261125);
        int n = 20_000;
        int[] arm = new int[n];
        double[] reward = new double[n];
        for (int i = 0; i < n; i++) {
            arm[i] = random.nextInt(3);
            reward[i] = REWARDS[random.nextInt(REWARDS.length)];
        }
        IntStream.range(0, n).parallel().forEach(i -> live.reward(arms.get(arm[i]), reward[i]));

        Map<String, long[]> counts = new HashMap<>();
        Map<String, Double> sums = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.computeIfAbsent(arms.get(arm[i]), k -> new long[1])[0]++;
            sums.merge(arms.get(arm[i]), reward[i], Double::sum);
        }
        Map<String, DeploymentRepository.RewardTotals> totals = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String id = arms.get(i);
            totals.put(id, new DeploymentRepository.RewardTotals(i, counts.get(id)[0], sums.get(id)));
        }
        ThompsonBandit restarted =
                ThompsonBandit.restore(BanditState.withRewards(BanditState.read(storedAfterPause), totals));

        BanditStatistics before = live.statistics();
        BanditStatistics after = restarted.statistics();
        assertThat(after).isEqualTo(before);
        assertThat(after.rewards()).isEqualTo(n);
        assertThat(after.arm("c").pause()).isPresent();
        assertThat(restarted.choose()).isEqualTo(live.choose());
    }

    @Test
    void aWarmStartIsKeptUnderTheRewards() {
        ThompsonBandit live =
                ThompsonBandit.create(BanditConfig.defaults(), List.of(ArmSpec.warm("a", 0.75, 8), ArmSpec.cold("b")));
        String stored = BanditState.write(live.snapshot());
        live.reward("a", 1.0);
        live.reward("a", 0.5);
        ThompsonBandit restarted = ThompsonBandit.restore(BanditState.withRewards(
                BanditState.read(stored), Map.of("a", new DeploymentRepository.RewardTotals(0, 2, 1.5))));
        assertThat(restarted.statistics().arm("a").alpha())
                .isEqualTo(live.statistics().arm("a").alpha())
                .isEqualTo(1 + 6 + 1.5);
        assertThat(restarted.statistics().arm("a").beta()).isEqualTo(1 + 2 + 0.5);
    }
}
