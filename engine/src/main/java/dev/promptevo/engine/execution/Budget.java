package dev.promptevo.engine.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Hard limits of one run. Every model call (the optimizer's own rewrites included) is counted.
 *
 * @param maxCalls model calls at most
 * @param maxUsd dollars at most; with a USD cap a call to a model without a known price is refused
 * @param maxWallTime wall time at most; calls still running at the deadline are cancelled
 */
public record Budget(OptionalLong maxCalls, OptionalDouble maxUsd, Optional<Duration> maxWallTime) {

    public static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalDouble.empty(), Optional.empty());

    public Budget {
        if (maxCalls.isPresent() && maxCalls.getAsLong() < 0) {
            throw new IllegalArgumentException("maxCalls must be >= 0");
        }
        if (maxUsd.isPresent() && !(maxUsd.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("maxUsd must be >= 0");
        }
    }

    public Budget withMaxCalls(long calls) {
        return new Budget(OptionalLong.of(calls), maxUsd, maxWallTime);
    }

    public Budget withMaxUsd(double usd) {
        return new Budget(maxCalls, OptionalDouble.of(usd), maxWallTime);
    }

    public Budget withMaxWallTime(Duration time) {
        return new Budget(maxCalls, maxUsd, Optional.of(time));
    }
}
