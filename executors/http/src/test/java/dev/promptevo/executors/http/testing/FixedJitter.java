package dev.promptevo.executors.http.testing;

import java.util.random.RandomGenerator;

/** A "random" generator whose {@link #nextDouble()} is always the same fraction, for exact backoffs. */
public final class FixedJitter implements RandomGenerator {
    private final double fraction;

    public FixedJitter(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a jitter fraction must be in [0, 1), got " + fraction);
        }
        this.fraction = fraction;
    }

    @Override
    public double nextDouble() {
        return fraction;
    }

    @Override
    public long nextLong() {
        return (long) (fraction * Long.MAX_VALUE);
    }
}
