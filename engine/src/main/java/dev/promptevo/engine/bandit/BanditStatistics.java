package dev.promptevo.engine.bandit;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Every arm's statistics at one moment, and the stop rule's verdict.
 *
 * @param version the arm-set version (changes whenever an arm is added, paused, resumed, promoted or
 *     rolled back)
 * @param rewards rewards observed by the bandit so far
 * @param decisions decisions made so far (sticky ones included)
 */
public record BanditStatistics(
        long version,
        long rewards,
        long decisions,
        Optional<String> production,
        List<ArmStatistics> arms,
        Verdict verdict) {

    public BanditStatistics {
        Objects.requireNonNull(production, "production");
        Objects.requireNonNull(verdict, "verdict");
        arms = List.copyOf(arms);
    }

    public ArmStatistics arm(String armId) {
        return arms.stream()
                .filter(a -> a.armId().equals(armId))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("unknown arm '" + armId + "'"));
    }
}
