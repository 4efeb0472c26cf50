package dev.promptevo.engine.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded statistical and functional tests of the bandit; tolerances are stated next to each check. */
class ThompsonBanditTest {

    private static List<ArmSpec> cold(String... ids) {
        return java.util.Arrays.stream(ids).map(ArmSpec::cold).toList();
    }

    /** Plays {@code steps} decisions with Bernoulli rewards of the given means; returns the arms chosen. */
    private static List<String> play(
            ThompsonBandit bandit, Map<String, Double> means, int steps, SplittableRandom random) {
        List<String> chosen = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            String arm = bandit.choose();
            chosen.add(arm);
            bandit.reward(arm, random.nextDouble() < means.get(arm) ? 1 : 0);
        }
        return chosen;
    }

    private static double share(List<String> chosen, String arm) {
        return chosen.stream().filter(arm::equals).count() / (double) chosen.size();
    }

    @Test
    void trafficConvergesToTheBestArm() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.plain(7), cold("a", "b", "c", "d"));
        Map<String, Double> means = Map.of("a", 0.3, "b", 0.4, "c", 0.5, "d", 0.6);

        List<String> chosen = play(bandit, means, 4000, new SplittableRandom(1));

        assertThat(share(chosen.subList(3000, 4000), "d")).isGreaterThan(0.85);
        assertThat(bandit.statistics().arm("d").probabilityBest()).isGreaterThan(0.9);
    }

    @Test
    void everyActiveArmGetsAtLeastTheFloor() {
        BanditConfig config = BanditConfig.plain(11).withTrafficFloor(0.05);
        ThompsonBandit bandit = ThompsonBandit.create(config, cold("bad", "ok", "good", "best"));
        Map<String, Double> means = Map.of("bad", 0.05, "ok", 0.5, "good", 0.6, "best", 0.9);

        List<String> chosen = play(bandit, means, 20_000, new SplittableRandom(2));

        // The floor's uniform part alone gives each arm 5%; 10,000 decisions have a binomial sd of 0.22 pt.
        assertThat(share(chosen.subList(10_000, 20_000), "bad")).isGreaterThan(0.044);
        for (ArmStatistics arm : bandit.statistics().arms()) {
            assertThat(arm.trafficShare()).as(arm.armId()).isGreaterThanOrEqualTo(0.05);
        }
    }

    @Test
    void aPausedArmGetsNoTraffic() {
        ThompsonBandit bandit =
                ThompsonBandit.create(BanditConfig.defaults().withSeed(3).withTrafficFloor(0.2), cold("a", "b", "c"));
        assertThat(bandit.pause("b", "too slow")).isTrue();

        for (int i = 0; i < 5000; i++) {
            assertThat(bandit.choose()).isNotEqualTo("b");
            assertThat(bandit.choose("user-" + i)).isNotEqualTo("b");
        }
        ArmStatistics b = bandit.statistics().arm("b");
        assertThat(b.status()).isEqualTo(ArmStatus.PAUSED);
        assertThat(b.pause()).contains(new Pause(Pause.Cause.MANUAL, "too slow"));
        assertThat(b.decisions()).isZero();
        assertThat(b.trafficShare()).isZero();
        assertThat(b.probabilityBest()).isZero();
    }

    @Test
    void stickyKeysStayPutWhileTheArmSetIsUnchangedAndMoveWhenItChanges() {
        ThompsonBandit bandit =
                ThompsonBandit.create(BanditConfig.defaults().withSeed(5).withTrafficFloor(0.1), cold("a", "b", "c"));
        List<String> keys =
                IntStream.range(0, 3000).mapToObj(i -> "visitor-" + i).toList();
        Map<String, String> first = assign(bandit, keys);

        // Rewards change the posteriors, not the sticky epoch.
        play(bandit, Map.of("a", 0.2, "b", 0.5, "c", 0.8), 2000, new SplittableRandom(3));
        assertThat(assign(bandit, keys)).isEqualTo(first);
        assertThat(first.values()).contains("a", "b", "c");

        bandit.pause("b", "experiment over");
        Map<String, String> afterPause = assign(bandit, keys);
        assertThat(afterPause.values()).doesNotContain("b");
        long moved = keys.stream()
                .filter(k -> !afterPause.get(k).equals(first.get(k)))
                .count();
        long onB = first.values().stream().filter("b"::equals).count();
        assertThat(moved).isGreaterThanOrEqualTo(onB);
        assertThat(assign(bandit, keys)).isEqualTo(afterPause);

        bandit.addArm(ArmSpec.cold("d"));
        Map<String, String> afterAdd = assign(bandit, keys);
        assertThat(afterAdd.values()).contains("d");
        // Rendezvous hashing moves a key only when its race changes: keys that did not go to "d" mostly stay.
        long stayed = keys.stream()
                .filter(k -> !afterAdd.get(k).equals("d"))
                .filter(k -> afterAdd.get(k).equals(afterPause.get(k)))
                .count();
        long notOnD = keys.stream().filter(k -> !afterAdd.get(k).equals("d")).count();
        assertThat((double) stayed / notOnD).isGreaterThan(0.6);
    }

    @Test
    void stickySharesFollowThePosteriorsAfterARebalance() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.plain(8), cold("a", "b"));
        List<String> keys = IntStream.range(0, 2000).mapToObj(i -> "k" + i).toList();
        Map<String, String> before = assign(bandit, keys);
        assertThat(before.values().stream().filter("b"::equals).count()).isBetween(800L, 1200L);
        for (int i = 0; i < 200; i++) {
            bandit.reward("a", 0.1);
            bandit.reward("b", 0.9);
        }
        long version = bandit.version();

        bandit.rebalance();

        Map<String, String> after = assign(bandit, keys);
        assertThat(bandit.version()).isEqualTo(version);
        assertThat(after.values().stream().filter("b"::equals).count()).isGreaterThan(1990L);
    }

    private static Map<String, String> assign(ThompsonBandit bandit, List<String> keys) {
        Map<String, String> assignment = new HashMap<>();
        keys.forEach(k -> assignment.put(k, bandit.choose(k)));
        return assignment;
    }

    @Test
    void aGuardrailPausesAnArmWithTheReason() {
        BanditConfig config =
                BanditConfig.defaults().withSeed(1).withGuardrails(List.of(new Guardrail(Gate.SCHEMA, 0.10, 50)));
        ThompsonBandit bandit = ThompsonBandit.create(config, cold("good", "flaky"));

        Optional<Pause> pause = Optional.empty();
        for (int i = 0; i < 50; i++) {
            assertThat(pause).as("no pause before 50 checks").isEmpty();
            pause = bandit.recordGates("flaky", i % 4 == 0 ? EnumSet.of(Gate.SCHEMA) : Set.of());
            bandit.recordGates("good", Set.of());
        }

        // 13 of 50 failed (i = 0, 4, ..., 48): 26% > 10%
        assertThat(pause)
                .contains(new Pause(
                        Pause.Cause.GUARDRAIL, "schema gate failed 13 of 50 checks (26.0%), above the 10.0% limit"));
        assertThat(bandit.activeArmIds()).containsExactly("good");
        assertThat(bandit.statistics().arm("flaky").pause()).isEqualTo(pause);
        assertThat(bandit.statistics().arm("good").gates()).isEqualTo(new GateTally(50, 0, 0));

        // Resuming starts the tally again, so the arm is judged on new decisions only.
        assertThat(bandit.resume("flaky")).isTrue();
        assertThat(bandit.recordGates("flaky", EnumSet.of(Gate.SCHEMA))).isEmpty();
        assertThat(bandit.statistics().arm("flaky").gates()).isEqualTo(new GateTally(1, 1, 0));
    }

    @Test
    void theLastActiveArmIsNeverPausedItKeepsServingWithAnAlert() {
        BanditConfig config =
                BanditConfig.defaults().withSeed(1).withGuardrails(List.of(new Guardrail(Gate.SAFETY, 0.0, 10)));
        ThompsonBandit bandit = ThompsonBandit.create(config, cold("only"));

        for (int i = 0; i < 20; i++) {
            assertThat(bandit.recordGates("only", EnumSet.of(Gate.SAFETY))).isEmpty();
        }

        ArmStatistics only = bandit.statistics().arm("only");
        assertThat(only.status()).isEqualTo(ArmStatus.ACTIVE);
        assertThat(only.alert())
                .contains("guardrail breached, not paused as the last active arm:"
                        + " safety gate failed 10 of 10 checks (100.0%), above the 0.0% limit");
        assertThat(bandit.choose()).isEqualTo("only");
        assertThatThrownBy(() -> bandit.pause("only", "manual"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("arm 'only' is the last active arm; add or resume another arm before pausing it");

        // Once another arm can take the traffic, the next breaching check pauses it.
        bandit.addArm(ArmSpec.cold("fallback"));
        Optional<Pause> pause = bandit.recordGates("only", EnumSet.of(Gate.SAFETY));
        assertThat(pause).map(Pause::cause).contains(Pause.Cause.GUARDRAIL);
        assertThat(bandit.activeArmIds()).containsExactly("fallback");
        assertThat(bandit.statistics().arm("only").alert()).isEmpty();
    }

    @Test
    void discountingTracksASwitchedBestArm() {
        Map<String, Double> before = Map.of("a", 0.8, "b", 0.2);
        Map<String, Double> after = Map.of("a", 0.2, "b", 0.8);
        double[] shareOfB = new double[2];
        double[] gammas = {0.99, 1.0};
        for (int g = 0; g < 2; g++) {
            ThompsonBandit bandit =
                    ThompsonBandit.create(BanditConfig.plain(21).withDiscount(gammas[g]), cold("a", "b"));
            SplittableRandom random = new SplittableRandom(4);
            play(bandit, before, 3000, random);
            List<String> chosen = play(bandit, after, 3000, random);
            shareOfB[g] = share(chosen.subList(1500, 3000), "b");
        }

        assertThat(shareOfB[0]).as("gamma 0.99").isGreaterThan(0.85);
        assertThat(shareOfB[0]).as("gamma 0.99 vs no discount").isGreaterThan(shareOfB[1] + 0.1);
    }

    @Test
    void discountedEvidenceShrinksTowardsTheFlatPrior() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.plain(1).withDiscount(0.5), cold("a", "b"));
        bandit.reward("a", 1.0); // tick 1
        bandit.reward("b", 0.0); // tick 2: a's evidence is one reward old
        bandit.reward("b", 0.0); // tick 3: two rewards old

        ArmStatistics a = bandit.statistics().arm("a");
        assertThat(a.alpha()).isEqualTo(1 + 0.25);
        assertThat(a.beta()).isEqualTo(1.0);
        ArmStatistics b = bandit.statistics().arm("b");
        assertThat(b.beta()).isEqualTo(1 + 0.5 + 1);
        assertThat(b.rewards()).isEqualTo(2);
    }

    @Test
    void theCredibleIntervalMatchesClosedFormBetaQuantiles() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.plain(1), cold("four-wins", "none", "two-losses"));
        for (int i = 0; i < 4; i++) {
            bandit.reward("four-wins", 1.0);
        }
        bandit.reward("two-losses", 0.0);
        bandit.reward("two-losses", 0.0);

        // Beta(a, 1) has the quantile p^(1/a); Beta(1, b) has 1 - (1 - p)^(1/b); Beta(1, 1) is uniform.
        ArmStatistics wins = bandit.statistics().arm("four-wins");
        assertThat(wins.alpha()).isEqualTo(5.0);
        assertThat(wins.mean()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(wins.credibleLower()).isCloseTo(Math.pow(0.025, 1 / 5.0), within(1e-9));
        assertThat(wins.credibleUpper()).isCloseTo(Math.pow(0.975, 1 / 5.0), within(1e-9));
        ArmStatistics none = bandit.statistics().arm("none");
        assertThat(none.credibleLower()).isCloseTo(0.025, within(1e-9));
        assertThat(none.credibleUpper()).isCloseTo(0.975, within(1e-9));
        ArmStatistics losses = bandit.statistics().arm("two-losses");
        assertThat(losses.credibleLower()).isCloseTo(1 - Math.pow(0.975, 1 / 3.0), within(1e-9));
        assertThat(losses.credibleUpper()).isCloseTo(1 - Math.pow(0.025, 1 / 3.0), within(1e-9));
    }

    @Test
    void probabilityToBeBestAndExpectedLossMatchHandComputedCases() {
        BanditConfig config = BanditConfig.plain(9).withMonteCarloDraws(50_000);

        ThompsonBandit equal = ThompsonBandit.create(config, cold("x", "y"));
        for (int i = 0; i < 30; i++) {
            equal.reward("x", 0.4);
            equal.reward("y", 0.4);
        }
        // Monte Carlo sd with 50,000 draws is 0.0022 at p = 0.5.
        assertThat(equal.statistics().arm("x").probabilityBest()).isCloseTo(0.5, within(0.01));

        ThompsonBandit dominant = ThompsonBandit.create(config, cold("x", "y"));
        for (int i = 0; i < 100; i++) {
            dominant.reward("x", 1.0);
            dominant.reward("y", 0.0);
        }
        assertThat(dominant.statistics().arm("x").probabilityBest()).isGreaterThan(0.999);
        assertThat(dominant.statistics().arm("x").expectedLoss()).isLessThan(1e-6);

        // X ~ Beta(2, 1) (density 2x), Y ~ Beta(1, 1): P(X > Y) = 2/3, E[(Y - X)+] = 1/12, E[(X - Y)+] = 1/4.
        ThompsonBandit oneWin = ThompsonBandit.create(config, cold("x", "y"));
        oneWin.reward("x", 1.0);
        BanditStatistics stats = oneWin.statistics();
        assertThat(stats.arm("x").probabilityBest()).isCloseTo(2.0 / 3, within(0.01));
        assertThat(stats.arm("y").probabilityBest()).isCloseTo(1.0 / 3, within(0.01));
        assertThat(stats.arm("x").expectedLoss()).isCloseTo(1.0 / 12, within(0.005));
        assertThat(stats.arm("y").expectedLoss()).isCloseTo(1.0 / 4, within(0.005));
    }

    @Test
    void noRewardIsLostUnderConcurrency() throws Exception {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.defaults().withSeed(13), cold("a", "b", "c"));
        String[] ids = {"a", "b", "c"};
        int threads = 100;
        int perThread = 1000;
        // Rewards are multiples of 1/4, so every sum is exact in binary floating point whatever the order.
        double[] expectedSuccess = new double[3];
        long[] expectedCount = new long[3];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expectedSuccess[(t + i) % 3] += ((t * perThread + i) % 5) / 4.0;
                expectedCount[(t + i) % 3]++;
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean rewarding = new AtomicBoolean(true);
        List<Future<Long>> choosers = new ArrayList<>();
        // Platform threads: the choosers spin without blocking, which would starve virtual threads' carriers.
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 4)) {
            for (int c = 0; c < 4; c++) {
                int chooser = c;
                choosers.add(pool.submit(() -> {
                    start.await();
                    long n = 0;
                    while (rewarding.get()) {
                        if (n % 2 == 0) {
                            bandit.choose();
                        } else {
                            bandit.choose("unit-" + chooser + "-" + n);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            List<Future<?>> rewarders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                rewarders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        bandit.reward(ids[(thread + i) % 3], ((thread * perThread + i) % 5) / 4.0);
                    }
                    return null;
                }));
            }
            start.countDown();
            try {
                for (Future<?> f : rewarders) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                rewarding.set(false);
            }
            long decisions = 0;
            for (Future<Long> f : choosers) {
                decisions += f.get(60, TimeUnit.SECONDS);
            }

            BanditStatistics stats = bandit.statistics();
            assertThat(stats.rewards()).isEqualTo((long) threads * perThread);
            assertThat(stats.decisions()).isEqualTo(decisions);
            for (int a = 0; a < 3; a++) {
                ArmStatistics arm = stats.arm(ids[a]);
                assertThat(arm.rewards()).isEqualTo(expectedCount[a]);
                assertThat(arm.alpha()).isEqualTo(1 + expectedSuccess[a]);
                assertThat(arm.beta()).isEqualTo(1 + expectedCount[a] - expectedSuccess[a]);
            }
        }
    }

    @Test
    void aRestoredSnapshotContinuesIdentically() {
        BanditConfig config = BanditConfig.defaults()
                .withSeed(17)
                .withDiscount(0.999)
                .withRewardUpdate(RewardUpdate.BERNOULLI_TRICK)
                .withSplitHandoverRewards(100);
        List<ArmSpec> arms = List.of(
                ArmSpec.warm("prod", 0.7, 300), ArmSpec.warm("c1", 0.6, 10), ArmSpec.cold("c2"), ArmSpec.cold("c3"));
        ThompsonBandit original = ThompsonBandit.create(config, arms, "prod");
        Map<String, Double> means = Map.of("prod", 0.6, "c1", 0.7, "c2", 0.3, "c3", 0.5);
        SplittableRandom random = new SplittableRandom(6);
        drive(original, means, 400, random, new ArrayList<>());
        original.pause("c3", "not needed");
        drive(original, means, 100, random, new ArrayList<>());

        BanditSnapshot snapshot = original.snapshot();
        ThompsonBandit restored = ThompsonBandit.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.statistics()).isEqualTo(original.statistics());

        List<String> fromOriginal = new ArrayList<>();
        List<String> fromRestored = new ArrayList<>();
        long continuation = random.nextLong();
        drive(original, means, 500, new SplittableRandom(continuation), fromOriginal);
        drive(restored, means, 500, new SplittableRandom(continuation), fromRestored);

        assertThat(fromRestored).isEqualTo(fromOriginal);
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        assertThat(restored.statistics()).isEqualTo(original.statistics());
    }

    private static void drive(
            ThompsonBandit bandit, Map<String, Double> means, int steps, SplittableRandom random, List<String> log) {
        for (int t = 0; t < steps; t++) {
            String arm = t % 3 == 0 ? bandit.choose("user-" + random.nextInt(50)) : bandit.choose();
            log.add(arm);
            bandit.reward(arm, random.nextDouble() < means.get(arm) ? 0.9 : 0.1);
            bandit.recordGates(arm, random.nextDouble() < 0.02 ? EnumSet.of(Gate.SCHEMA) : Set.of());
        }
    }

    @Test
    void theRolloutStartsAtTheSplitAndHandsOverToSampling() {
        BanditConfig config = BanditConfig.plain(19).withProductionShare(0.8).withSplitHandoverRewards(1000);
        ThompsonBandit bandit = ThompsonBandit.create(config, cold("prod", "c1", "c2", "c3", "c4"), "prod");

        List<String> atStart =
                IntStream.range(0, 5000).mapToObj(i -> bandit.choose()).toList();
        // With no rewards the split decides alone: 80% / 5% each (sd 0.6 pt and 0.3 pt).
        assertThat(share(atStart, "prod")).isCloseTo(0.8, within(0.02));
        assertThat(share(atStart, "c2")).isCloseTo(0.05, within(0.01));
        assertThat(bandit.statistics().arm("prod").trafficShare()).isCloseTo(0.8, within(1e-12));

        for (int i = 0; i < 2250; i++) {
            for (String arm : List.of("prod", "c1", "c2", "c3")) {
                bandit.reward(arm, 0.5);
            }
            bandit.reward("c4", 0.7);
        }
        // 11,250 rewards: the split weighs 1000 / 12,250 = 8.2%; c4 is best with probability ~1.
        List<String> later =
                IntStream.range(0, 5000).mapToObj(i -> bandit.choose()).toList();
        double expectedC4 = 1000.0 / 12_250 * 0.05 + (1 - 1000.0 / 12_250);
        assertThat(bandit.statistics().arm("c4").trafficShare()).isCloseTo(expectedC4, within(0.001));
        assertThat(share(later, "c4")).isCloseTo(expectedC4, within(0.015));
    }

    @Test
    void aWarmStartIsCappedAtTheConfiguredPseudoCount() {
        ThompsonBandit bandit = ThompsonBandit.create(
                BanditConfig.plain(1).withWarmStartCap(20),
                List.of(ArmSpec.warm("big", 0.9, 200), ArmSpec.warm("small", 0.25, 8), ArmSpec.cold("cold")));

        BanditStatistics stats = bandit.statistics();
        assertThat(stats.arm("big").alpha()).isCloseTo(19.0, within(1e-12));
        assertThat(stats.arm("big").beta()).isCloseTo(3.0, within(1e-12));
        assertThat(stats.arm("small").alpha()).isEqualTo(3.0);
        assertThat(stats.arm("small").beta()).isEqualTo(7.0);
        assertThat(stats.arm("cold").alpha()).isEqualTo(1.0);
        assertThat(stats.arm("big").rewards()).isZero();
    }

    @Test
    void promoteEndsTheExperimentAndRollbackUndoesIt() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.defaults(), cold("prod", "c1", "c2"), "prod");
        long version = bandit.version();

        bandit.promote("c1");

        assertThat(bandit.production()).contains("c1");
        assertThat(bandit.activeArmIds()).containsExactly("c1");
        assertThat(bandit.version()).isEqualTo(version + 1);
        assertThat(bandit.statistics().arm("prod").pause())
                .contains(new Pause(Pause.Cause.PROMOTION, "superseded by the promotion of 'c1'"));
        assertThat(bandit.choose()).isEqualTo("c1");
        assertThatThrownBy(() -> bandit.rollback("prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("arm 'prod' is not the last promoted arm; the last promotion was of 'c1'");

        assertThat(bandit.rollback("c1")).contains("prod");

        assertThat(bandit.activeArmIds()).containsExactly("prod", "c2");
        assertThat(bandit.statistics().arm("c1").pause())
                .contains(new Pause(Pause.Cause.ROLLBACK, "promotion rolled back to 'prod'"));
        assertThatThrownBy(() -> bandit.rollback("c1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("there is no promotion to roll back");
    }

    @Test
    void theStopRuleNeedsBothTheProbabilityAndTheSamples() {
        BanditConfig config = BanditConfig.plain(23).withStopRule(new StopRule(0.95, 500));
        ThompsonBandit bandit = ThompsonBandit.create(config, cold("a", "b"));
        assertThat(bandit.statistics().verdict()).isInstanceOf(Verdict.KeepRunning.class);
        for (int i = 0; i < 400; i++) {
            bandit.reward("a", 0.7);
            bandit.reward("b", 0.5);
        }
        assertThat(bandit.statistics().verdict())
                .isEqualTo(new Verdict.KeepRunning(
                        "the leader 'a' is best with probability 1.000 but has 400 of the 500 rewards required"));
        for (int i = 0; i < 100; i++) {
            bandit.reward("a", 0.7);
        }

        Verdict verdict = bandit.statistics().verdict();

        assertThat(verdict).isInstanceOf(Verdict.Promote.class);
        Verdict.Promote promote = (Verdict.Promote) verdict;
        assertThat(promote.armId()).isEqualTo("a");
        assertThat(promote.probabilityBest()).isGreaterThanOrEqualTo(0.95);
        assertThat(promote.rewards()).isEqualTo(500);
    }

    @Test
    void theBernoulliTrickUpdatesWithWholeObservations() {
        ThompsonBandit bandit =
                ThompsonBandit.create(BanditConfig.plain(29).withRewardUpdate(RewardUpdate.BERNOULLI_TRICK), cold("a"));
        for (int i = 0; i < 1000; i++) {
            bandit.reward("a", 0.5);
        }

        ArmStatistics a = bandit.statistics().arm("a");
        assertThat(a.alpha() + a.beta()).isEqualTo(1002.0);
        assertThat(a.alpha() - Math.rint(a.alpha())).isZero();
        // Binomial(1000, 0.5): sd 15.8
        assertThat(a.alpha() - 1).isBetween(450.0, 550.0);
    }

    @Test
    void badInputIsRejectedWithAClearMessageAndChangesNothing() {
        ThompsonBandit bandit = ThompsonBandit.create(BanditConfig.defaults(), cold("a", "b"));
        BanditSnapshot before = bandit.snapshot();

        for (double bad : new double[] {-0.01, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> bandit.reward("a", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reward must be a number in [0, 1], got " + bad + " for arm 'a'");
        }
        assertThatThrownBy(() -> bandit.reward("nope", 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown arm 'nope'");
        assertThatThrownBy(() -> bandit.recordGates("nope", Set.of())).hasMessage("unknown arm 'nope'");
        assertThatThrownBy(() -> bandit.pause("nope", "x")).hasMessage("unknown arm 'nope'");
        assertThatThrownBy(() -> bandit.resume("nope")).hasMessage("unknown arm 'nope'");
        assertThatThrownBy(() -> bandit.promote("nope")).hasMessage("unknown arm 'nope'");
        assertThatThrownBy(() -> bandit.addArm(ArmSpec.cold("a"))).hasMessage("arm 'a' already exists");
        assertThatThrownBy(() -> bandit.choose(null)).isInstanceOf(NullPointerException.class);
        assertThat(bandit.snapshot()).isEqualTo(before);

        bandit.pause("b", "");
        assertThat(bandit.statistics().arm("b").pause())
                .contains(new Pause(Pause.Cause.MANUAL, "paused by an operator"));
        assertThatThrownBy(() -> bandit.promote("b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("arm 'b' is paused (paused by an operator); resume it before promoting it");
    }

    @Test
    void badConstructionIsRejectedWithAClearMessage() {
        BanditConfig config = BanditConfig.defaults();
        assertThatThrownBy(() -> ThompsonBandit.create(config, List.of()))
                .hasMessage("a bandit needs at least one arm");
        assertThatThrownBy(() -> ThompsonBandit.create(config, cold("a", "a"))).hasMessage("duplicate arm id 'a'");
        assertThatThrownBy(() -> ThompsonBandit.create(config, cold("a"), "b"))
                .hasMessage("production arm 'b' is not among the arms");
        assertThatThrownBy(() -> ArmSpec.cold(" ")).hasMessage("arm id must not be blank");
        assertThatThrownBy(() -> ArmSpec.warm("a", 1.2, 10))
                .hasMessage("warm start meanScore must be in [0, 1], got 1.2");
        assertThatThrownBy(() -> config.withDiscount(0)).hasMessage("discount must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> config.withTrafficFloor(-0.1)).hasMessage("trafficFloor must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> config.withProductionShare(Double.NaN))
                .hasMessage("productionShare must be in [0, 1], got NaN");
        assertThatThrownBy(() -> new Guardrail(Gate.SCHEMA, 1.0, 10))
                .hasMessage("guardrail maxFailureRate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new StopRule(0.95, -1)).hasMessage("minRewards must be >= 0, got -1");
    }
}
