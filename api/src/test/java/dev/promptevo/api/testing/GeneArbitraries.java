package dev.promptevo.api.testing;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.SearchSpace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of genes, spaces and alleles, for property tests of genes and operators.
 *
 * <p>Real genes get bounds and resolutions with at most three decimals and magnitudes below 10^4, as
 * search spaces written by hand have: coarse decimal grids, whose values {@link Gene.RealGene#snap}
 * must land on exactly. The api's {@code RealGeneResolutionPropertiesTest} covers fine resolutions.
 */
public final class GeneArbitraries {
    private GeneArbitraries() {}

    public static Arbitrary<BigDecimal> decimal(String min, String max) {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal(min), new BigDecimal(max))
                .ofScale(3);
    }

    public static Arbitrary<Gene.RealGene> realGenes() {
        return Combinators.combine(decimal("-1000", "1000"), decimal("0.001", "1000"), decimal("0.001", "100"))
                .as((min, width, resolution) ->
                        Gene.real("x", min.doubleValue(), min.add(width).doubleValue(), resolution.doubleValue()));
    }

    /** Integer genes whose maximum lies on the grid. */
    public static Arbitrary<Gene.IntegerGene> alignedIntegerGenes() {
        return Combinators.combine(
                        Arbitraries.longs().between(-1_000_000, 1_000_000),
                        Arbitraries.longs().between(1, 1000),
                        Arbitraries.longs().between(0, 1000))
                .as((min, step, steps) -> Gene.integer("n", min, min + steps * step, step));
    }

    /** Integer genes whose maximum may lie between two grid values. */
    public static Arbitrary<Gene.IntegerGene> integerGenes() {
        return Combinators.combine(alignedIntegerGenes(), Arbitraries.longs().between(0, 999))
                .as((gene, extra) -> Gene.integer("n", gene.min(), gene.max() + extra % gene.step(), gene.step()));
    }

    public static Arbitrary<Gene.ChoiceGene> choiceGenes() {
        return Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(12)
                .set()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(options -> Gene.choice("c", List.copyOf(options)));
    }

    public static Arbitrary<Gene.TextGene> textGenes() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .ofMaxLength(40)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(4),
                        Arbitraries.integers().between(1, 20))
                .as((pool, slack) -> Gene.text(
                        "t", pool.stream().mapToInt(String::length).max().orElse(0) + slack, pool));
    }

    /** Spaces of 1 to 8 genes of every kind, named {@code g0, g1, ...}. */
    public static Arbitrary<SearchSpace> spaces() {
        Arbitrary<Function<String, Gene>> gene = Arbitraries.oneOf(
                Arbitraries.just(Gene::bool),
                integerGenes().map(g -> name -> Gene.integer(name, g.min(), g.max(), g.step())),
                realGenes().map(g -> name -> Gene.real(name, g.min(), g.max(), g.resolution())),
                choiceGenes().map(g -> name -> Gene.choice(name, g.options())),
                textGenes().map(g -> name -> Gene.text(name, g.maxLength(), g.pool())));
        return gene.list().ofMinSize(1).ofMaxSize(8).map(makers -> {
            List<Gene> genes = new ArrayList<>();
            for (int i = 0; i < makers.size(); i++) {
                genes.add(makers.get(i).apply("g" + i));
            }
            return new SearchSpace(genes);
        });
    }

    public static Arbitrary<Allele> alleles() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).map(Allele::of),
                Arbitraries.longs().map(Allele::of),
                Arbitraries.doubles().map(Allele::of),
                Arbitraries.strings().ofMaxLength(30).map(Allele::of));
    }

    public static Arbitrary<String> geneNames() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(10);
    }
}
