package dev.promptevo.bench.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.bench.BenchCliAccess;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correctness only: the baselines, the constants and the command's JSON. No regret or time is asserted. */
class BanditBenchmarkTest {

    @Test
    void theLaiRobbinsConstantUsesTheBernoulliDivergence() {
        // KL(0.4, 0.5) = 0.4 ln 0.8 + 0.6 ln 1.2 = 0.0201355...; c = 9 * 0.1 / KL
        double kl = 0.4 * Math.log(0.8) + 0.6 * Math.log(1.2);
        assertThat(Scenario.bernoulli(10, 0.1).laiRobbinsConstant()).isCloseTo(0.9 / kl, within(1e-12));
        assertThat(Scenario.bernoulli(10, 0.1).laiRobbinsConstant()).isCloseTo(44.697, within(0.001));
    }

    @Test
    void checkpointsArePowersOfTenUpToTheHorizon() {
        assertThat(RegretBenchmark.checkpoints(1_000_000)).containsExactly(1000, 10_000, 100_000, 1_000_000);
        assertThat(RegretBenchmark.checkpoints(2000)).containsExactly(1000, 2000);
        assertThat(RegretBenchmark.checkpoints(500)).containsExactly(10, 100, 500);
    }

    @Test
    void theBestArmMovesWithTheSeed() {
        Scenario scenario = Scenario.bernoulli(4, 0.1);
        assertThat(scenario.means(6)).containsExactly(0.4, 0.4, 0.5, 0.4);
        assertThat(Arrays.stream(scenario.means(7)).filter(m -> m == 0.5).count())
                .isEqualTo(1);
    }

    @Test
    void ucb1PlaysEveryArmOnceThenTheLargestIndex() {
        Ucb1 ucb = new Ucb1(3);
        for (int arm = 0; arm < 3; arm++) {
            assertThat(ucb.choose()).isEqualTo(arm);
            ucb.reward(arm, arm == 1 ? 1 : 0);
        }
        assertThat(ucb.choose()).isEqualTo(1);
    }

    @Test
    void epsilonGreedyExploitsOnceEpsilonHasDecayed() {
        EpsilonGreedy greedy = new EpsilonGreedy(3, 1e-9, 0.1, 1);
        for (int arm = 0; arm < 3; arm++) {
            greedy.reward(arm, arm == 2 ? 1 : 0);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(greedy.choose()).isEqualTo(2);
        }
    }

    @Test
    void theRegretOfARunIsTheSumOfTheGapsPlayed() {
        Scenario scenario = Scenario.bernoulli(2, 0.1);
        Policy.Factory alwaysZero = new Policy.Factory() {
            @Override
            public String name() {
                return "always-0";
            }

            @Override
            public Policy create(int k, long seed) {
                return new Policy() {
                    @Override
                    public int choose() {
                        return 0;
                    }

                    @Override
                    public void reward(int arm, double reward) {}
                };
            }
        };
        // Seed 1: the best arm is at index 1, so every decision costs 0.1.
        assertThat(RegretBenchmark.runOnce(scenario, alwaysZero, 1, new long[] {10, 100}))
                .containsExactly(new double[] {1.0, 10.0}, within(1e-9));
    }

    @Test
    void theCommandPrintsATableAndWritesTheJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bandit.json");

        int exit = BenchCliAccess.execute(
                "bandit",
                "--out",
                out.toString(),
                "--seeds",
                "3",
                "--horizon",
                "10000",
                "--arms",
                "5",
                "--eps",
                "0.1",
                "--update-seeds",
                "2",
                "--update-horizon",
                "1000",
                "--update-arms",
                "3",
                "--update-eps",
                "0.1",
                "--concentrations",
                "2",
                "--jmh-forks",
                "0",
                "--jmh-warmup",
                "0",
                "--jmh-iterations",
                "1",
                "--jmh-millis",
                "20",
                "--threads",
                "2");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("benchmark").asText()).isEqualTo("bandit");
        JsonNode regret = json.get("regret").get(0);
        assertThat(regret.get("arms").asInt()).isEqualTo(5);
        assertThat(regret.get("checkpoints")).hasSize(2);
        assertThat(regret.get("laiRobbinsC").asDouble()).isPositive();
        List<String> policies = regret.get("policies").findValuesAsText("policy");
        assertThat(policies).containsExactly("thompson", "ucb1", "epsilon-greedy");
        for (JsonNode policy : regret.get("policies")) {
            assertThat(policy.get("regretPerSeed")).hasSize(3);
            assertThat(policy.get("meanRegret").get(1).asDouble()).isBetween(0.0, 0.1 * 10_000);
            assertThat(policy.get("growthPerDecade")).hasSize(1);
        }
        assertThat(json.get("targets").has("thompsonBelowUcb1Everywhere")).isTrue();
        JsonNode update = json.get("updateRule").get(0);
        assertThat(update.get("concentration").asDouble()).isEqualTo(2.0);
        assertThat(update.get("policies").findValuesAsText("policy"))
                .containsExactly("thompson", "thompson-bernoulli-trick");
        assertThat(json.get("latency")).hasSize(8);
        for (JsonNode latency : json.get("latency")) {
            assertThat(latency.get("p50").asDouble()).as(latency.toString()).isPositive();
        }
    }
}
