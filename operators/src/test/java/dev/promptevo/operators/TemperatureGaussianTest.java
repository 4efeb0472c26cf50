package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemperatureGaussianTest extends MutationOperatorContract {
    private static final int DRAWS = 20_000;

    @Override
    protected MutationOperator operator() {
        return new TemperatureGaussian();
    }

    @Test
    void changesTemperatureAndNothingElse() throws InterruptedException {
        Genome base = Genomes.seedBase();

        Genome child = new TemperatureGaussian().mutate(base, VariationContexts.of(Spaces.seedDefault(), 3));

        assertThat(Changes.between(base, child)).containsExactly(Spaces.TEMPERATURE);
    }

    /**
     * From 1.0, far from both bounds, the step is N(0, 0.2) snapped to 0.05 with zero steps redrawn:
     * mean 0 and standard deviation sqrt((0.04 + 0.05^2 / 12) / P(|N| >= 0.025)) = 0.211. With 20,000
     * draws the standard errors are 0.0015 and 0.001; the tolerances are about five of them.
     */
    @Test
    void stepsAreCentredGaussiansOfSigmaOneTenthOfTheRange() throws InterruptedException {
        Genome parent = Genomes.seedBase().with(Spaces.TEMPERATURE, Allele.of(1.0));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(42));
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double step = new TemperatureGaussian().mutate(parent, context).real(Spaces.TEMPERATURE) - 1.0;
            assertThat(step).isNotZero();
            assertThat(Math.abs(step / 0.05 - Math.rint(step / 0.05))).isLessThan(1e-9);
            sum += step;
            sumOfSquares += step * step;
        }
        double mean = sum / DRAWS;
        double deviation = Math.sqrt(sumOfSquares / DRAWS - mean * mean);

        assertThat(mean).isCloseTo(0.0, within(0.008));
        assertThat(deviation).isCloseTo(0.211, within(0.006));
    }

    @Test
    void atABoundEveryChildMovesInwards() throws InterruptedException {
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(7));
        Genome cold = Genomes.seedBase().with(Spaces.TEMPERATURE, Allele.of(0.0));
        Genome hot = Genomes.seedBase().with(Spaces.TEMPERATURE, Allele.of(2.0));
        for (int i = 0; i < 2_000; i++) {
            assertThat(new TemperatureGaussian().mutate(cold, context).real(Spaces.TEMPERATURE))
                    .isGreaterThan(0.0)
                    .isLessThanOrEqualTo(2.0);
            assertThat(new TemperatureGaussian().mutate(hot, context).real(Spaces.TEMPERATURE))
                    .isLessThan(2.0)
                    .isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void hasTheSeedId() {
        assertThat(new TemperatureGaussian().id()).isEqualTo("mutate.temperature.gaussian");
    }
}
