package dev.promptevo.engine.moea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NonDominatedSortingTest {

    /**
     * Nine points of two objectives, drawn on paper: a front of three ({@code a, b, c}), a second of
     * three behind it, a third of two, and a duplicate of a first-front point, which shares its rank
     * (neither of two equal points dominates the other).
     */
    @Test
    void sortsAHandDrawnSetIntoItsFronts() {
        List<Fitness> points = List.of(
                Fitness.of(1, 5), // 0 a
                Fitness.of(2, 3), // 1 b
                Fitness.of(4, 1), // 2 c
                Fitness.of(2, 6), // 3 behind a
                Fitness.of(3, 4), // 4 behind b
                Fitness.of(5, 2), // 5 behind c
                Fitness.of(6, 4.5), // 6 behind 4 and 5
                Fitness.of(4, 5), // 7 behind 4
                Fitness.of(2, 3)); // 8 = b

        int[][] fronts = NonDominatedSorting.fronts(points);

        assertThat(fronts).isDeepEqualTo(new int[][] {new int[] {0, 1, 2, 8}, new int[] {3, 4, 5}, new int[] {6, 7}});
    }

    @Test
    void aPointEqualInOneObjectiveAndBetterInTheOtherDominates() {
        assertThat(NonDominatedSorting.dominates(Fitness.of(1, 2), Fitness.of(1, 3)))
                .isTrue();
        assertThat(NonDominatedSorting.dominates(Fitness.of(1, 3), Fitness.of(1, 2)))
                .isFalse();
        assertThat(NonDominatedSorting.dominates(Fitness.of(1, 2), Fitness.of(1, 2)))
                .isFalse();
        assertThat(NonDominatedSorting.dominates(Fitness.of(1, 3), Fitness.of(2, 1)))
                .isFalse();
    }

    /** Deb et al. 2002, section IV: feasible first, then smaller violation, equal violations tie. */
    @Test
    void feasibilityComesBeforeTheObjectives() {
        Fitness feasibleButPoor = new Fitness(new double[] {9, 9}, 0.0);
        Fitness slightlyInfeasible = new Fitness(new double[] {0, 0}, 0.1);
        Fitness veryInfeasible = new Fitness(new double[] {-5, -5}, 2.0);
        Fitness alsoVeryInfeasible = new Fitness(new double[] {7, 7}, 2.0);

        assertThat(NonDominatedSorting.dominates(feasibleButPoor, slightlyInfeasible))
                .isTrue();
        assertThat(NonDominatedSorting.dominates(slightlyInfeasible, veryInfeasible))
                .isTrue();
        assertThat(NonDominatedSorting.dominates(veryInfeasible, alsoVeryInfeasible))
                .isFalse();
        assertThat(NonDominatedSorting.dominates(alsoVeryInfeasible, veryInfeasible))
                .isFalse();
        assertThat(NonDominatedSorting.fronts(
                        List.of(veryInfeasible, slightlyInfeasible, alsoVeryInfeasible, feasibleButPoor)))
                .isDeepEqualTo(new int[][] {new int[] {3}, new int[] {1}, new int[] {0, 2}});
    }

    @Test
    void threeObjectives() {
        List<Fitness> points = List.of(
                Fitness.of(1, 2, 3),
                Fitness.of(3, 2, 1),
                Fitness.of(2, 2, 2),
                Fitness.of(3, 3, 3),
                Fitness.of(1, 2, 4));

        assertThat(NonDominatedSorting.fronts(points))
                .isDeepEqualTo(new int[][] {new int[] {0, 1, 2}, new int[] {3, 4}});
    }

    @Test
    void anEmptySetHasNoFrontsAndMixedDimensionsFail() {
        assertThat(NonDominatedSorting.fronts(List.of())).isEmpty();
        assertThatThrownBy(() -> NonDominatedSorting.fronts(List.of(Fitness.of(1, 2), Fitness.of(1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The definition, checked by brute force on random sets: fronts partition the set, nobody in a
     * front dominates another member of it, and each member of a later front is dominated by someone in
     * the front just before.
     */
    @Property(seed = "20261125", tries = 200)
    void frontsMatchTheDefinition(
            @ForAll @IntRange(min = 1, max = 40) int size,
            @ForAll @IntRange(min = 1, max = 4) int objectives,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Fitness> points = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double[] values = new double[objectives];
            for (int m = 0; m < objectives; m++) {
                values[m] = random.nextInt(5);
            }
            points.add(new Fitness(values, random.nextInt(4) == 0 ? random.nextInt(3) : 0.0));
        }

        int[][] fronts = NonDominatedSorting.fronts(points);

        assertThat(java.util.Arrays.stream(fronts).mapToInt(f -> f.length).sum())
                .isEqualTo(size);
        for (int rank = 0; rank < fronts.length; rank++) {
            for (int p : fronts[rank]) {
                for (int q : fronts[rank]) {
                    assertThat(NonDominatedSorting.dominates(points.get(p), points.get(q)))
                            .isFalse();
                }
                if (rank > 0) {
                    boolean dominatedByPrevious = false;
                    for (int q : fronts[rank - 1]) {
                        dominatedByPrevious |= NonDominatedSorting.dominates(points.get(q), points.get(p));
                    }
                    assertThat(dominatedByPrevious).isTrue();
                }
            }
        }
    }
}
