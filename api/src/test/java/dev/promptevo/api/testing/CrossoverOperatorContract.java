package dev.promptevo.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CrossoverOperator} promises, as a test to extend (after Jenetics' {@code
 * GeneTester}): a subclass returns its operator from {@link #operator()} and, where the seed's
 * defaults do not fit, overrides {@link #space()}, {@link #context} and {@link #parent}. A blending
 * crossover (one that makes new numbers between its parents') returns {@code true} from {@link
 * #blending()}: its real and integer genes are then checked to lie between the parents' values
 * instead of equalling one of them.
 *
 * <p>Shipped in the {@code promptevo-api} test-jar for plugin authors; needs JUnit 5 and AssertJ on
 * the test class path.
 */
public abstract class CrossoverOperatorContract {

    /** A fresh instance of the operator under test. */
    protected abstract CrossoverOperator operator();

    /** Whether real and integer genes may take values between the parents'. */
    protected boolean blending() {
        return false;
    }

    /** The space parents and children live in; by default {@link Spaces#seedDefault()}. */
    protected SearchSpace space() {
        return Spaces.seedDefault();
    }

    /** A context over {@code space} drawing from {@code random}; by default without a rewriter. */
    protected VariationContext context(SearchSpace space, RandomGenerator random) {
        return VariationContexts.of(space, random);
    }

    /** A valid parent in {@link #space()}; by default a random sample. */
    protected Genome parent(RandomGenerator random) {
        return space().sample(random);
    }

    /** How many seeded draws each check makes. */
    protected int draws() {
        return 200;
    }

    @Test
    public void idIsNonBlankAndStable() {
        CrossoverOperator operator = operator();
        assertThat(operator.id()).isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(operator.id()).isEqualTo(operator.id()).isEqualTo(operator().id());
    }

    @Test
    public void childrenStayInTheSpace() {
        CrossoverOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome first = parent(random);
            Genome second = parent(random);
            Genome child = operator.cross(first, second, context(space(), random));
            assertThat(space().violations(child))
                    .as("violations of the child of %s and %s (seed %d)", first, second, seed)
                    .isEmpty();
        }
    }

    @Test
    public void sameSeedGivesTheSameChild() {
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator parents = new SplittableRandom(seed);
            Genome first = parent(parents);
            Genome second = parent(parents);
            Genome once = operator().cross(first, second, context(space(), new SplittableRandom(~seed)));
            Genome again = operator().cross(first, second, context(space(), new SplittableRandom(~seed)));
            assertThat(again).as("second child (seed %d)", seed).isEqualTo(once);
        }
    }

    @Test
    public void parentsAreLeftUnchanged() {
        CrossoverOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome first = parent(random);
            Genome second = parent(random);
            String firstBefore = first.canonicalJson();
            String secondBefore = second.canonicalJson();
            operator.cross(first, second, context(space(), random));
            assertThat(first.canonicalJson()).as("first parent (seed %d)", seed).isEqualTo(firstBefore);
            assertThat(second.canonicalJson())
                    .as("second parent (seed %d)", seed)
                    .isEqualTo(secondBefore);
        }
    }

    @Test
    public void eachGeneComesFromTheParents() {
        CrossoverOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome first = parent(random);
            Genome second = parent(random);
            Genome child = operator.cross(first, second, context(space(), random));
            for (Gene gene : space().genes()) {
                Allele a = first.allele(gene.name());
                Allele b = second.allele(gene.name());
                Allele c = child.allele(gene.name());
                String description =
                        "gene %s of the child of %s and %s (seed %d)".formatted(gene.name(), first, second, seed);
                if (blending() && isNumeric(gene)) {
                    assertThat(value(c))
                            .as(description)
                            .isBetween(Math.min(value(a), value(b)), Math.max(value(a), value(b)));
                } else {
                    assertThat(c).as(description).isIn(a, b);
                }
            }
        }
    }

    @Test
    public void crossingAGenomeWithItselfGivesIt() {
        CrossoverOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome parent = parent(random);
            assertThat(operator.cross(parent, parent, context(space(), random)))
                    .as("seed %d", seed)
                    .isEqualTo(parent);
        }
    }

    @Test
    public void childrenMixTheirParents() {
        CrossoverOperator operator = operator();
        int mixed = 0;
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome first = parent(random);
            Genome second = parent(random);
            Genome child = operator.cross(first, second, context(space(), random));
            if (!child.equals(first) && !child.equals(second)) {
                mixed++;
            }
        }
        assertThat(mixed).as("children equal to neither parent").isPositive();
    }

    private static boolean isNumeric(Gene gene) {
        return gene instanceof Gene.RealGene || gene instanceof Gene.IntegerGene;
    }

    private static double value(Allele allele) {
        return switch (allele) {
            case Allele.Real(double v) -> v;
            case Allele.Int(long v) -> v;
            default -> throw new AssertionError("not a number: " + allele);
        };
    }
}
