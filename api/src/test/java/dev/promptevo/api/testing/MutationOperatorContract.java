package dev.promptevo.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MutationOperator} promises, as a test to extend (after Jenetics' {@code
 * GeneTester}): a subclass returns its operator from {@link #operator()} and, where the seed's
 * defaults do not fit, overrides {@link #space()}, {@link #context} and {@link #parent}. Each check
 * runs {@link #draws()} seeded draws, so a failure names the seed that broke it.
 *
 * <p>Shipped in the {@code promptevo-api} test-jar for plugin authors; needs JUnit 5 and AssertJ on
 * the test class path.
 */
public abstract class MutationOperatorContract {

    /** A fresh instance of the operator under test. */
    protected abstract MutationOperator operator();

    /** A space the operator applies to; by default {@link Spaces#seedDefault()}. */
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

    /**
     * Whether every valid parent gets a different child. Operators that may legitimately return the
     * parent (a mutation with a rate) override this with {@code false}; they must then change the
     * parent at least once over all draws.
     */
    protected boolean alwaysChanges() {
        return true;
    }

    @Test
    public void idIsNonBlankAndStable() {
        MutationOperator operator = operator();
        assertThat(operator.id()).isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(operator.id()).isEqualTo(operator.id()).isEqualTo(operator().id());
    }

    @Test
    public void appliesToItsSpace() {
        assertThat(operator().appliesTo(space())).isTrue();
    }

    @Test
    public void doesNothingInAnEmptySpace() throws InterruptedException {
        MutationOperator operator = operator();
        SearchSpace empty = SearchSpace.of();
        Genome parent = parent(new SplittableRandom(1));

        assertThat(operator.appliesTo(empty)).isFalse();
        assertThat(operator.mutate(parent, context(empty, new SplittableRandom(2))))
                .isEqualTo(parent);
    }

    @Test
    public void childrenStayInTheSpace() throws InterruptedException {
        MutationOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome parent = parent(random);
            Genome child = operator.mutate(parent, context(space(), random));
            assertThat(space().violations(child))
                    .as("violations of the child of %s (seed %d)", parent, seed)
                    .isEmpty();
        }
    }

    @Test
    public void sameSeedGivesTheSameChild() throws InterruptedException {
        for (long seed = 0; seed < draws(); seed++) {
            Genome parent = parent(new SplittableRandom(seed));
            Genome once = operator().mutate(parent, context(space(), new SplittableRandom(~seed)));
            Genome again = operator().mutate(parent, context(space(), new SplittableRandom(~seed)));
            assertThat(again).as("second child of %s (seed %d)", parent, seed).isEqualTo(once);
        }
    }

    @Test
    public void parentIsLeftUnchanged() throws InterruptedException {
        MutationOperator operator = operator();
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome parent = parent(random);
            String before = parent.canonicalJson();
            String id = parent.id();
            operator.mutate(parent, context(space(), random));
            assertThat(parent.canonicalJson())
                    .as("parent after mutation (seed %d)", seed)
                    .isEqualTo(before);
            assertThat(parent.id()).isEqualTo(id);
        }
    }

    @Test
    public void childDiffersFromItsParent() throws InterruptedException {
        MutationOperator operator = operator();
        int changed = 0;
        for (long seed = 0; seed < draws(); seed++) {
            RandomGenerator random = new SplittableRandom(seed);
            Genome parent = parent(random);
            Genome child = operator.mutate(parent, context(space(), random));
            boolean differs = !child.equals(parent);
            if (alwaysChanges()) {
                assertThat(differs)
                        .as("child of %s (seed %d) differs from it", parent, seed)
                        .isTrue();
            }
            if (differs) {
                changed++;
            }
        }
        assertThat(changed).as("children that differ from their parent").isPositive();
    }
}
