package dev.promptevo.bench.bandit;

import dev.promptevo.engine.bandit.ArmSpec;
import dev.promptevo.engine.bandit.BanditConfig;
import dev.promptevo.engine.bandit.RewardUpdate;
import dev.promptevo.engine.bandit.ThompsonBandit;
import java.util.List;
import java.util.stream.IntStream;

/** The engine's {@link ThompsonBandit} itself (textbook configuration: no split, floor or discount). */
final class ThompsonPolicy implements Policy {
    private final ThompsonBandit bandit;
    private final String[] ids;

    ThompsonPolicy(int k, long seed, RewardUpdate update) {
        ids = IntStream.range(0, k).mapToObj(Integer::toString).toArray(String[]::new);
        List<ArmSpec> arms =
                IntStream.range(0, k).mapToObj(i -> ArmSpec.cold(ids[i])).toList();
        bandit = ThompsonBandit.create(
                BanditConfig.plain(seed).withRewardUpdate(update).withMonteCarloDraws(100), arms);
    }

    static Factory factory(RewardUpdate update) {
        return new Factory() {
            @Override
            public String name() {
                return update == RewardUpdate.FRACTIONAL ? "thompson" : "thompson-bernoulli-trick";
            }

            @Override
            public Policy create(int k, long seed) {
                return new ThompsonPolicy(k, seed, update);
            }
        };
    }

    @Override
    public int choose() {
        return Integer.parseInt(bandit.choose());
    }

    @Override
    public void reward(int arm, double reward) {
        bandit.reward(ids[arm], reward);
    }
}
