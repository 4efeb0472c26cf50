package dev.promptevo.engine.moea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    @Test
    void aSinglePointSpansTheBoxToTheReference() {
        assertThat(Hypervolume.of(List.of(new double[] {0.25, 0.5}), new double[] {1, 1}))
                .isEqualTo(0.375);
        assertThat(Hypervolume.of(List.of(new double[] {1, 2, 3}), new double[] {2, 4, 7}))
                .isEqualTo(1 * 2 * 4);
        assertThat(Hypervolume.of(List.of(new double[] {0, 0, 0, 0}), new double[] {1, 2, 3, 4}))
                .isEqualTo(24.0);
    }

    /** (1, 3), (2, 2), (3, 1) below (4, 4): a staircase of 3 + 2 + 1 unit-high steps = 6. */
    @Test
    void aTwoObjectiveStaircase() {
        List<double[]> points = List.of(new double[] {3, 1}, new double[] {1, 3}, new double[] {2, 2});

        assertThat(Hypervolume.of(points, new double[] {4, 4})).isEqualTo(6.0);
    }

    @Test
    void dominatedDuplicateAndOutlyingPointsAddNothing() {
        List<double[]> points = List.of(
                new double[] {1, 3},
                new double[] {2, 2},
                new double[] {3, 1},
                new double[] {2, 2},
                new double[] {2.5, 2.5},
                new double[] {0.5, 4},
                new double[] {5, 0});

        assertThat(Hypervolume.of(points, new double[] {4, 4})).isEqualTo(6.0);
        assertThat(Hypervolume.of(List.of(), new double[] {4, 4})).isZero();
    }

    /**
     * The unit points e1, e2, e3 below (2, 2, 2) dominate every point of the cube [0, 2]^3 with one
     * coordinate at least 1: 8 - 1 = 7. By inclusion-exclusion: 3 * 4 - 3 * 2 + 1 = 7.
     */
    @Test
    void theUnitPointsInThreeObjectives() {
        List<double[]> points = List.of(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});

        assertThat(Hypervolume.of(points, new double[] {2, 2, 2})).isCloseTo(7.0, within(1e-12));
    }

    /** The same in four objectives: 2^4 - 1 = 15 = 4 * 8 - 6 * 4 + 4 * 2 - 1. */
    @Test
    void theUnitPointsInFourObjectives() {
        List<double[]> points =
                List.of(new double[] {1, 0, 0, 0}, new double[] {0, 1, 0, 0}, new double[] {0, 0, 1, 0}, new double[] {
                    0, 0, 0, 1
                });

        assertThat(Hypervolume.of(points, new double[] {2, 2, 2, 2})).isCloseTo(15.0, within(1e-12));
    }

    /**
     * ZDT1's front {@code f2 = 1 - sqrt(f1)} below (1, 1) bounds the area {@code integral of sqrt(f1) =
     * 2/3}; 10,001 evenly spaced points fall short by less than the gaps' staircase, under 1e-4.
     */
    @Test
    void aDenseZdt1FrontApproachesTwoThirds() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            double f1 = i / 10_000.0;
            points.add(new double[] {f1, 1 - Math.sqrt(f1)});
        }

        double volume = Hypervolume.of(points, new double[] {1, 1});

        assertThat(volume).isLessThan(2.0 / 3).isCloseTo(2.0 / 3, within(1e-4));
    }

    /**
     * The DTLZ2 front, the unit sphere's positive octant, below (1, 1, 1) leaves the cube minus the
     * eighth of the ball: {@code 1 - pi/6 = 0.47640}; a 60 x 60 grid of points on it falls short by
     * less than 0.02.
     */
    @Test
    void aDenseSphereOctantApproachesOneMinusPiOverSix() {
        List<double[]> points = new ArrayList<>();
        int steps = 60;
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; j <= steps; j++) {
                double theta = Math.PI / 2 * i / steps;
                double phi = Math.PI / 2 * j / steps;
                points.add(
                        new double[] {Math.cos(theta) * Math.cos(phi), Math.cos(theta) * Math.sin(phi), Math.sin(theta)
                        });
            }
        }

        double volume = Hypervolume.of(points, new double[] {1, 1, 1});

        assertThat(volume).isLessThan(1 - Math.PI / 6).isCloseTo(1 - Math.PI / 6, within(0.02));
    }

    /** Exact against inclusion-exclusion over all subsets, on random small sets in 2 to 4 objectives. */
    @Property(seed = "20261125", tries = 300)
    void equalsInclusionExclusion(
            @ForAll @IntRange(min = 0, max = 9) int size,
            @ForAll @IntRange(min = 2, max = 4) int objectives,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] reference = new double[objectives];
        for (int m = 0; m < objectives; m++) {
            reference[m] = 1 + random.nextInt(3);
        }
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double[] p = new double[objectives];
            for (int m = 0; m < objectives; m++) {
                p[m] = random.nextInt(5) * 0.25 + (random.nextBoolean() ? 0 : random.nextDouble() * 0.1);
            }
            points.add(p);
        }

        assertThat(Hypervolume.of(points, reference)).isCloseTo(inclusionExclusion(points, reference), within(1e-9));
    }

    @Test
    void badInputFails() {
        assertThatThrownBy(() -> Hypervolume.of(List.of(new double[] {1, 2}), new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypervolume.of(List.of(), new double[] {Double.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The union's measure as the alternating sum of every subset's common box. */
    private static double inclusionExclusion(List<double[]> points, double[] reference) {
        int n = points.size();
        double total = 0;
        for (int subset = 1; subset < (1 << n); subset++) {
            double[] corner = new double[reference.length];
            java.util.Arrays.fill(corner, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if ((subset & (1 << i)) != 0) {
                    for (int m = 0; m < corner.length; m++) {
                        corner[m] = Math.max(corner[m], points.get(i)[m]);
                    }
                }
            }
            double box = 1;
            for (int m = 0; m < corner.length; m++) {
                box *= Math.max(0, reference[m] - corner[m]);
            }
            total += Integer.bitCount(subset) % 2 == 1 ? box : -box;
        }
        return total;
    }
}
