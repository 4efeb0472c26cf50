package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.GeneArbitraries;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolynomialMutationTest extends MutationOperatorContract {
    private static final int DRAWS = 20_000;

    @Override
    protected MutationOperator operator() {
        return new PolynomialMutation();
    }

    /** A step can snap back onto the parent's value on the seed space's 0.05 temperature grid. */
    @Override
    protected boolean alwaysChanges() {
        return false;
    }

    @Property(seed = "20261125")
    void childrenStayInTheGenesRange(
            @ForAll("realGenes") Gene.RealGene gene,
            @ForAll @DoubleRange(min = 0, max = 1) double position,
            @ForAll @DoubleRange(min = 0, max = 500) double eta,
            @ForAll long seed)
            throws InterruptedException {
        double value = Math.clamp(gene.min() + position * (gene.max() - gene.min()), gene.min(), gene.max());
        Genome parent = Genome.of(Map.of(gene.name(), Allele.of(value)));

        Genome child = Mutators.polynomial(eta, 1.0).mutate(parent, VariationContexts.of(SearchSpace.of(gene), seed));

        assertThat(gene.violation(child.allele(gene.name()))).isEmpty();
    }

    /**
     * From the middle of a unit range, every gene mutated ({@code p = 1}): the step {@code delta}
     * has mean 0, and {@code E|delta|} and its standard deviation are, by integrating the bounded
     * operator's inverse distribution over {@code u}, 0.13605 and 0.1119 for {@code eta = 5}, 0.045454
     * and 0.0434 for 20, 0.0098039 and 0.0097 for 100 (unbounded, {@code E|delta| = 1/(eta + 2)}). With
     * 20,000 draws the tolerances are about five standard errors.
     */
    @ParameterizedTest
    @CsvSource({"5, 0.13605, 0.004", "20, 0.045454, 0.0015", "100, 0.0098039, 0.00035"})
    void theMeanStepShrinksAsTheDistributionIndexGrows(double eta, double meanAbsoluteStep, double tolerance)
            throws InterruptedException {
        SearchSpace unit = SearchSpace.of(Gene.real("x", 0.0, 1.0, 1e-10));
        Genome parent = Genomes.of("x", 0.5);
        VariationContext context = VariationContexts.of(unit, new SplittableRandom(7));
        MutationOperator mutation = Mutators.polynomial(eta, 1.0);
        double sum = 0;
        double sumOfAbsolutes = 0;
        for (int i = 0; i < DRAWS; i++) {
            double step = mutation.mutate(parent, context).real("x") - 0.5;
            sum += step;
            sumOfAbsolutes += Math.abs(step);
        }
        assertThat(sumOfAbsolutes / DRAWS).isCloseTo(meanAbsoluteStep, within(tolerance));
        assertThat(sum / DRAWS).isCloseTo(0.0, within(3 * tolerance));
    }

    /**
     * With the default {@code p = 1/n} over ten real genes the number of mutated genes is Binomial(10,
     * 1/10): mean 1, standard deviation 0.95; over 5,000 draws the standard error is 0.013, the
     * tolerance 0.06. Text and boolean genes are never touched.
     */
    @Test
    void byDefaultOneRealGeneInNMutatesOnAverage() throws InterruptedException {
        List<Gene> genes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            genes.add(Gene.real("x" + i, 0.0, 1.0, 1e-10));
        }
        genes.add(Gene.bool("flag"));
        SearchSpace space = new SearchSpace(genes);
        Genome parent = Genomes.of(
                "x0", 0.5, "x1", 0.5, "x2", 0.5, "x3", 0.5, "x4", 0.5, "x5", 0.5, "x6", 0.5, "x7", 0.5, "x8", 0.5, "x9",
                0.5, "flag", true);
        VariationContext context = VariationContexts.of(space, new SplittableRandom(5));
        int changed = 0;
        int draws = 5_000;
        for (int i = 0; i < draws; i++) {
            Genome child = new PolynomialMutation().mutate(parent, context);
            assertThat(child.bool("flag")).isTrue();
            changed += Changes.between(parent, child).size();
        }
        assertThat(changed / (double) draws).isCloseTo(1.0, within(0.06));
    }

    @Test
    void appliesOnlyWhereThereIsARealGene() {
        assertThat(new PolynomialMutation().appliesTo(Spaces.seedDefault())).isTrue();
        assertThat(new PolynomialMutation().appliesTo(SearchSpace.of(Gene.bool("flag"))))
                .isFalse();
    }

    @Test
    void hasItsIdAndRejectsBadArguments() {
        assertThat(new PolynomialMutation().id()).isEqualTo("mutate.polynomial");
        assertThat(Mutators.polynomial(20).id()).isEqualTo("mutate.polynomial");
        assertThatThrownBy(() -> Mutators.polynomial(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.polynomial(20, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.polynomial(20, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Gene.RealGene> realGenes() {
        return GeneArbitraries.realGenes();
    }
}
