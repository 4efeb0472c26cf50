package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.testing.GeneArbitraries;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.StubModelBackend;
import dev.promptevo.api.testing.VariationContexts;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class OperatorPropertiesTest {

    @Provide
    Arbitrary<MutationOperator> seedMutations() {
        return Arbitraries.of(List.of(
                new CotToggle(),
                new ConsensusToggle(),
                new TemperatureGaussian(),
                new ModelChange(),
                new MaxTokensStep(),
                new RetrieverTopKStep(),
                new RubricRewrite()));
    }

    @Provide
    Arbitrary<Gene.RealGene> realGenes() {
        return GeneArbitraries.realGenes();
    }

    @Provide
    Arbitrary<Gene.IntegerGene> integerGenes() {
        return GeneArbitraries.integerGenes();
    }

    @Provide
    Arbitrary<Gene.ChoiceGene> choiceGenes() {
        return GeneArbitraries.choiceGenes();
    }

    @Provide
    Arbitrary<SearchSpace> spaces() {
        return GeneArbitraries.spaces();
    }

    @Property(seed = "20261125", tries = 500)
    void seedMutantsChangeOneGeneAndStayInTheSpace(
            @ForAll("seedMutations") MutationOperator operator, @ForAll long parentSeed, @ForAll long seed)
            throws InterruptedException {
        SearchSpace space = Spaces.seedDefault();
        Genome parent = space.sample(new SplittableRandom(parentSeed));

        Genome child = operator.mutate(
                parent,
                VariationContexts.withRewriter(
                        space,
                        new SplittableRandom(seed),
                        StubModelBackend.rubricReviser(),
                        VariationContexts::failures));

        assertThat(space.violations(child)).isEmpty();
        assertThat(Changes.between(parent, child)).hasSize(1);
    }

    @Property(seed = "20261125")
    void integerStepsStayOnTheGridAndMoveAtMostMaxSteps(
            @ForAll("integerGenes") Gene.IntegerGene gene,
            @ForAll @IntRange(min = 1, max = 5) int maxSteps,
            @ForAll long seed)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        Genome parent = Genome.of(Map.of(gene.name(), gene.sample(random)));

        Genome child = Mutators.integerStep(gene.name(), maxSteps)
                .mutate(parent, VariationContexts.of(SearchSpace.of(gene), random));

        assertThat(gene.violation(child.allele(gene.name()))).isEmpty();
        long moved = Math.abs(child.integer(gene.name()) - parent.integer(gene.name())) / gene.step();
        assertThat(moved).isLessThanOrEqualTo(maxSteps);
        if (gene.max() - gene.min() >= gene.step()) {
            assertThat(moved).isPositive();
        }
    }

    @Property(seed = "20261125")
    void gaussianMutantsStayInRangeFromAnyValue(
            @ForAll("realGenes") Gene.RealGene gene,
            @ForAll @DoubleRange(min = 0, max = 1) double position,
            @ForAll @DoubleRange(min = 0.001, max = 2) @Scale(3) double sigmaShare,
            @ForAll long seed)
            throws InterruptedException {
        double value = Math.clamp(gene.min() + position * (gene.max() - gene.min()), gene.min(), gene.max());
        Genome parent = Genome.of(Map.of(gene.name(), Allele.of(value)));

        Genome child = Mutators.gaussian(gene.name(), sigmaShare)
                .mutate(parent, VariationContexts.of(SearchSpace.of(gene), seed));

        assertThat(gene.violation(child.allele(gene.name()))).isEmpty();
    }

    /** Where the range is narrower than half a resolution step, snapping leaves only the minimum. */
    @Property(seed = "20261125")
    void gaussianMutantsOfGridValuesMove(
            @ForAll("realGenes") Gene.RealGene gene, @ForAll long parentSeed, @ForAll long seed)
            throws InterruptedException {
        Assume.that(2 * (gene.max() - gene.min()) >= gene.resolution());
        Genome parent = Genome.of(Map.of(gene.name(), gene.sample(new SplittableRandom(parentSeed))));

        Genome child =
                Mutators.gaussian(gene.name(), 0.1).mutate(parent, VariationContexts.of(SearchSpace.of(gene), seed));

        assertThat(child).isNotEqualTo(parent);
    }

    @Property(seed = "20261125")
    void choiceMutantsPickAnotherOption(@ForAll("choiceGenes") Gene.ChoiceGene gene, @ForAll long seed)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        Genome parent = Genome.of(Map.of(gene.name(), gene.sample(random)));

        Genome child =
                Mutators.changeChoice(gene.name()).mutate(parent, VariationContexts.of(SearchSpace.of(gene), random));

        assertThat(gene.violation(child.allele(gene.name()))).isEmpty();
        assertThat(child.equals(parent)).isEqualTo(gene.options().size() == 1);
    }

    @Property(seed = "20261125")
    void uniformChildrenTakeEachGeneFromAParent(
            @ForAll("spaces") SearchSpace space, @ForAll long firstSeed, @ForAll long secondSeed, @ForAll long seed) {
        Genome first = space.sample(new SplittableRandom(firstSeed));
        Genome second = space.sample(new SplittableRandom(secondSeed));

        Genome child = Crossovers.uniform().cross(first, second, VariationContexts.of(space, seed));

        assertThat(space.violations(child)).isEmpty();
        for (Gene gene : space.genes()) {
            assertThat(child.allele(gene.name())).isIn(first.allele(gene.name()), second.allele(gene.name()));
        }
    }

    @Property(seed = "20261125")
    void blendValuesLieBetweenTheParents(
            @ForAll("spaces") SearchSpace space, @ForAll long firstSeed, @ForAll long secondSeed, @ForAll long seed) {
        Genome first = space.sample(new SplittableRandom(firstSeed));
        Genome second = space.sample(new SplittableRandom(secondSeed));

        assertBlendBetween(space, first, second, Crossovers.blend(), seed);
    }

    @Property(seed = "20261125")
    void blendValuesLieBetweenParentsOffTheGrid(
            @ForAll("realGenes") Gene.RealGene gene,
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll long seed) {
        SearchSpace space = SearchSpace.of(gene);
        double range = gene.max() - gene.min();
        Genome first =
                Genome.of(Map.of(gene.name(), Allele.of(Math.clamp(gene.min() + a * range, gene.min(), gene.max()))));
        Genome second =
                Genome.of(Map.of(gene.name(), Allele.of(Math.clamp(gene.min() + b * range, gene.min(), gene.max()))));

        assertBlendBetween(space, first, second, Crossovers.blend(), seed);
    }

    private static void assertBlendBetween(
            SearchSpace space, Genome first, Genome second, CrossoverOperator blend, long seed) {
        Genome child = blend.cross(first, second, VariationContexts.of(space, seed));

        assertThat(space.violations(child)).isEmpty();
        for (Gene gene : space.genes()) {
            Allele a = first.allele(gene.name());
            Allele b = second.allele(gene.name());
            Allele c = child.allele(gene.name());
            switch (gene) {
                case Gene.RealGene real ->
                    assertThat(child.real(gene.name()))
                            .isBetween(
                                    Math.min(first.real(real.name()), second.real(real.name())),
                                    Math.max(first.real(real.name()), second.real(real.name())));
                case Gene.IntegerGene integer ->
                    assertThat(child.integer(gene.name()))
                            .isBetween(
                                    Math.min(first.integer(integer.name()), second.integer(integer.name())),
                                    Math.max(first.integer(integer.name()), second.integer(integer.name())));
                default -> assertThat(c).isIn(a, b);
            }
        }
    }
}
