package dev.promptevo.engine.moea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrowdingDistanceTest {

    /**
     * Five points on one front, f1 = 0, 1, 3, 6, 10 (range 10) and f2 = 10, 6, 3, 1, 0 (range 10): the
     * inner points get (3 - 0)/10 + (10 - 3)/10 = 1.0, (6 - 1)/10 + (6 - 1)/10 = 1.0 and (10 - 3)/10 +
     * (3 - 0)/10 = 1.0; the ends are infinite.
     */
    @Test
    void innerPointsAddTheirNormalizedNeighbourGaps() {
        List<Fitness> front =
                List.of(Fitness.of(6, 1), Fitness.of(0, 10), Fitness.of(3, 3), Fitness.of(10, 0), Fitness.of(1, 6));

        double[] distances = CrowdingDistance.of(front);

        assertThat(distances[1]).isInfinite();
        assertThat(distances[3]).isInfinite();
        assertThat(distances[0]).isCloseTo(1.0, within(1e-12));
        assertThat(distances[2]).isCloseTo(1.0, within(1e-12));
        assertThat(distances[4]).isCloseTo(1.0, within(1e-12));
    }

    /**
     * f1 = 0, 1, 2, 4 (range 4) and f2 = 8, 4, 2, 0 (range 8): (1, 4) gets 2/4 + 6/8 = 1.25 and (2, 2)
     * gets 3/4 + 4/8 = 1.25. With (3, 1) in place of (2, 2), (1, 4) gets 3/4 + 7/8 = 1.625 and (3, 1)
     * gets 3/4 + 4/8 = 1.25.
     */
    @Test
    void objectivesAreNormalizedByTheirOwnRange() {
        double[] even =
                CrowdingDistance.of(List.of(Fitness.of(0, 8), Fitness.of(1, 4), Fitness.of(2, 2), Fitness.of(4, 0)));
        double[] uneven =
                CrowdingDistance.of(List.of(Fitness.of(0, 8), Fitness.of(1, 4), Fitness.of(3, 1), Fitness.of(4, 0)));

        assertThat(even[1]).isCloseTo(1.25, within(1e-12));
        assertThat(even[2]).isCloseTo(1.25, within(1e-12));
        assertThat(uneven[1]).isCloseTo(1.625, within(1e-12));
        assertThat(uneven[2]).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void smallFrontsAreAllBoundary() {
        assertThat(CrowdingDistance.of(List.of(Fitness.of(1, 2)))).containsExactly(Double.POSITIVE_INFINITY);
        assertThat(CrowdingDistance.of(List.of(Fitness.of(1, 2), Fitness.of(2, 1))))
                .containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** An objective that is constant on the front adds nothing, rather than 0/0. */
    @Test
    void aConstantObjectiveAddsNothing() {
        double[] distances =
                CrowdingDistance.of(List.of(Fitness.of(0, 5), Fitness.of(1, 5), Fitness.of(3, 5), Fitness.of(4, 5)));

        assertThat(distances[0]).isInfinite();
        assertThat(distances[3]).isInfinite();
        assertThat(distances[1]).isCloseTo(0.75, within(1e-12));
        assertThat(distances[2]).isCloseTo(0.75, within(1e-12));
    }
}
