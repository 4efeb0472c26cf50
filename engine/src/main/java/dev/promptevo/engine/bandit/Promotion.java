package dev.promptevo.engine.bandit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One promotion, kept so that it can be rolled back.
 *
 * @param promoted the arm that became the production arm
 * @param previousProduction the production arm before it, if there was one
 * @param pausedArms the arms the promotion paused (every other arm active at the time)
 */
public record Promotion(String promoted, Optional<String> previousProduction, List<String> pausedArms) {

    public Promotion {
        Objects.requireNonNull(promoted, "promoted");
        Objects.requireNonNull(previousProduction, "previousProduction");
        pausedArms = List.copyOf(pausedArms);
    }
}
