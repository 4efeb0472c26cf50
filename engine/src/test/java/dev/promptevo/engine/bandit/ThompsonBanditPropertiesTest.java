package dev.promptevo.engine.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ThompsonBanditPropertiesTest {

    private static List<ArmSpec> arms(int k) {
        return IntStream.range(0, k).mapToObj(i -> ArmSpec.cold("arm-" + i)).toList();
    }

    /** The fractional update commutes: the posterior is the same whatever order the rewards come in. */
    @Property(tries = 200, seed = "20261125")
    void thePosteriorDoesNotDependOnTheOrderOfRewards(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 16) Integer> sixteenths, @ForAll long seed) {
        List<Double> rewards = sixteenths.stream().map(s -> s / 16.0).toList();
        List<Double> shuffled = new ArrayList<>(rewards);
        Collections.shuffle(shuffled, new Random(seed));
        ThompsonBandit inOrder = ThompsonBandit.create(BanditConfig.plain(1), arms(1));
        ThompsonBandit reordered = ThompsonBandit.create(BanditConfig.plain(1), arms(1));

        rewards.forEach(r -> inOrder.reward("arm-0", r));
        shuffled.forEach(r -> reordered.reward("arm-0", r));

        ArmStatistics a = inOrder.statistics().arm("arm-0");
        assertThat(reordered.statistics().arm("arm-0")).isEqualTo(a);
        double sum = rewards.stream().mapToDouble(Double::doubleValue).sum();
        assertThat(a.alpha()).isEqualTo(1 + sum);
        assertThat(a.beta()).isEqualTo(1 + rewards.size() - sum);
    }

    /** Floor, split and sampling combined are a distribution that gives every active arm its floor. */
    @Property(tries = 60, seed = "20261125")
    void trafficSharesSumToOneAndRespectTheFloor(
            @ForAll @IntRange(min = 1, max = 12) int k,
            @ForAll @DoubleRange(min = 0, max = 0.2) double floor,
            @ForAll @DoubleRange(min = 0, max = 1) double productionShare,
            @ForAll @IntRange(min = 0, max = 300) int rewards,
            @ForAll long seed) {
        BanditConfig config = BanditConfig.defaults()
                .withSeed(seed)
                .withTrafficFloor(floor)
                .withProductionShare(productionShare)
                .withMonteCarloDraws(1000);
        ThompsonBandit bandit = ThompsonBandit.create(config, arms(k), "arm-0");
        Random random = new Random(seed);
        for (int i = 0; i < rewards; i++) {
            bandit.reward("arm-" + random.nextInt(k), random.nextDouble());
        }

        List<ArmStatistics> stats = bandit.statistics().arms();

        assertThat(stats.stream().mapToDouble(ArmStatistics::trafficShare).sum())
                .isCloseTo(1.0, within(1e-9));
        double guaranteed = Math.min(floor, 1.0 / k);
        stats.forEach(a -> assertThat(a.trafficShare()).isGreaterThanOrEqualTo(guaranteed - 1e-12));
        assertThat(stats.stream().mapToDouble(ArmStatistics::probabilityBest).sum())
                .isCloseTo(1.0, within(1e-9));
    }

    /** A sticky key's arm is a function of the key and the snapshot: it survives a restore. */
    @Property(tries = 100, seed = "20261125")
    void aStickyKeyKeepsItsArmAcrossARestore(
            @ForAll String key, @ForAll @IntRange(min = 2, max = 8) int k, @ForAll long seed) {
        ThompsonBandit bandit =
                ThompsonBandit.create(BanditConfig.defaults().withSeed(seed).withMonteCarloDraws(1000), arms(k));
        String arm = bandit.choose(key);

        assertThat(bandit.choose(key)).isEqualTo(arm);
        assertThat(ThompsonBandit.restore(bandit.snapshot()).choose(key)).isEqualTo(arm);
    }
}
