package dev.promptevo.bench.moea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.uma.jmetal.qualityindicator.impl.hypervolume.impl.PISAHypervolume;

/**
 * PromptEvo's exact hypervolume against jMetal's {@code PISAHypervolume} (the PISA code of Zitzler et
 * al., exact in any dimension) on the same normalized fronts: equal to rounding error.
 */
class NormalizedHypervolumeTest {

    @Test
    void agreesWithJmetalOnTheReferenceFronts() {
        for (MoeaProblem problem : MoeaProblem.all()) {
            assertAgrees(problem, problem.referenceFront());
        }
    }

    /** Noisy fronts around each true front: dominated, duplicate and out-of-box points included. */
    @Test
    void agreesWithJmetalOnNoisyFronts() {
        SplittableRandom random = new SplittableRandom(20261125);
        for (MoeaProblem problem : MoeaProblem.all()) {
            for (int trial = 0; trial < 5; trial++) {
                List<double[]> front = new ArrayList<>();
                List<double[]> reference = problem.referenceFront();
                for (int i = 0; i < 120; i++) {
                    double[] p = reference.get(random.nextInt(reference.size())).clone();
                    for (int m = 0; m < p.length; m++) {
                        p[m] += random.nextDouble(0, 0.3);
                    }
                    front.add(p);
                }
                front.add(front.get(0).clone());
                assertAgrees(problem, front);
            }
        }
    }

    /** The true ZDT1 front normalizes to itself and bounds 2/3 below (1, 1). */
    @Test
    void zdt1sFrontHasTwoThirds() {
        assertThat(new NormalizedHypervolume(MoeaProblem.zdt1())
                        .of(MoeaProblem.zdt1().referenceFront()))
                .isCloseTo(2.0 / 3, within(1e-3));
    }

    private static void assertAgrees(MoeaProblem problem, List<double[]> front) {
        NormalizedHypervolume ours = new NormalizedHypervolume(problem);
        double[][] normalized = ours.normalize(front);
        double theirs = new PISAHypervolume(new double[problem.objectives()]).compute(normalized);

        assertThat(ours.of(front)).as(problem.name()).isCloseTo(theirs, within(1e-9));
    }
}
