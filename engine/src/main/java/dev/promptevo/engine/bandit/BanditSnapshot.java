package dev.promptevo.engine.bandit;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole state of a {@link ThompsonBandit}, to persist and {@link ThompsonBandit#restore restore}:
 * a restored bandit makes the same decisions and statistics as the original would have.
 *
 * @param rewardClock rewards observed so far: the time base of discounting and of the rollout
 * @param decisions non-sticky decisions made so far: the position of the next decision's draw
 * @param version the arm-set version
 * @param epoch the sticky-assignment epoch (changes with the version and on {@link ThompsonBandit#rebalance})
 * @param rolloutStart the reward clock when the current rollout began
 * @param promotions the promotions that can still be rolled back, oldest first
 */
public record BanditSnapshot(
        BanditConfig config,
        List<ArmSnapshot> arms,
        Optional<String> production,
        List<Promotion> promotions,
        long rewardClock,
        long decisions,
        long version,
        long epoch,
        long rolloutStart) {

    /**
     * One arm.
     *
     * @param successes evidence for success above the flat prior, as of {@code stamp}
     * @param failures evidence for failure above the flat prior, as of {@code stamp}
     * @param stamp the reward clock at which the evidence was last updated
     * @param stickyWeight the arm's share of sticky assignments in the current epoch (0 when paused)
     */
    public record ArmSnapshot(
            String id,
            WarmStart warmStart,
            double successes,
            double failures,
            long stamp,
            long rewards,
            long decisions,
            GateTally gates,
            Optional<Pause> pause,
            Optional<String> alert,
            double stickyWeight) {

        public ArmSnapshot {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(warmStart, "warmStart");
            Objects.requireNonNull(gates, "gates");
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(alert, "alert");
            if (!(successes >= 0) || !(failures >= 0) || Double.isInfinite(successes) || Double.isInfinite(failures)) {
                throw new IllegalArgumentException("arm '" + id + "': evidence must be finite numbers >= 0");
            }
            if (!(stickyWeight >= 0 && stickyWeight <= 1)) {
                throw new IllegalArgumentException("arm '" + id + "': stickyWeight must be in [0, 1]");
            }
        }
    }

    public BanditSnapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(production, "production");
        arms = List.copyOf(arms);
        promotions = List.copyOf(promotions);
        Set<String> ids = new HashSet<>();
        for (ArmSnapshot arm : arms) {
            if (!ids.add(arm.id())) {
                throw new IllegalArgumentException("duplicate arm id '" + arm.id() + "' in snapshot");
            }
        }
        if (arms.stream().allMatch(a -> a.pause().isPresent())) {
            throw new IllegalArgumentException("a snapshot needs at least one active arm");
        }
        production.ifPresent(id -> {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("production arm '" + id + "' is not among the snapshot's arms");
            }
        });
        if (rewardClock < 0 || decisions < 0 || rolloutStart < 0 || rolloutStart > rewardClock) {
            throw new IllegalArgumentException("snapshot counters must be >= 0 and rolloutStart <= rewardClock");
        }
    }
}
