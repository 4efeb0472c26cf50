package dev.promptevo.bench.moea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uma.jmetal.problem.doubleproblem.DoubleProblem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

class MoeaProblemTest {

    static java.util.List<MoeaProblem> problems() {
        return MoeaProblem.all();
    }

    /** Both sides must optimize the same function: our objectives equal jMetal's on random genomes. */
    @ParameterizedTest
    @MethodSource("problems")
    void objectivesEqualJmetals(MoeaProblem problem) {
        DoubleProblem jmetal = problem.jmetal().get();
        assertThat(jmetal.numberOfVariables()).isEqualTo(problem.variables());
        assertThat(jmetal.numberOfObjectives()).isEqualTo(problem.objectives());
        SplittableRandom random = new SplittableRandom(20261125);
        for (int i = 0; i < 200; i++) {
            Genome genome = problem.space().sample(random);
            DoubleSolution solution = jmetal.createSolution();
            double[] x = MoeaProblem.variables(genome);
            for (int v = 0; v < x.length; v++) {
                assertThat(x[v])
                        .isBetween(
                                jmetal.variableBounds().get(v).getLowerBound(),
                                jmetal.variableBounds().get(v).getUpperBound());
                solution.variables().set(v, x[v]);
            }
            jmetal.evaluate(solution);

            double[] ours = problem.fitness(genome).objectives();
            for (int m = 0; m < ours.length; m++) {
                assertThat(ours[m])
                        .as("%s objective %d", problem.name(), m)
                        .isCloseTo(solution.objectives()[m], within(1e-12));
            }
        }
    }

    /**
     * Both sides must search the same space: every double jMetal's variation may compute, down to the
     * tiny values where ZDT6's {@code g} is steepest, is a value of PromptEvo's genes unchanged.
     */
    @ParameterizedTest
    @MethodSource("problems")
    void genesKeepEveryDoubleAsJmetalsVariablesDo(MoeaProblem problem) {
        SplittableRandom random = new SplittableRandom(20261125);
        for (Gene gene : problem.space().genes()) {
            Gene.RealGene real = (Gene.RealGene) gene;
            for (int i = 0; i < 100; i++) {
                double x = random.nextDouble(real.min(), real.max());
                assertThat(real.snap(x).value()).isEqualTo(x);
            }
            for (double tiny : new double[] {3e-11, 1e-200, Double.MIN_VALUE}) {
                double x = real.min() + tiny;
                assertThat(real.snap(x).value()).as("%s snaps %s", real, x).isEqualTo(x);
            }
        }
    }

    /** Every reference point lies on its problem's front: some genome reaches it exactly. */
    @Test
    void referenceFrontsSpanTheKnownRanges() {
        assertThat(MoeaProblem.zdt1().idealPoint()).containsExactly(0.0, 0.0);
        assertThat(MoeaProblem.zdt1().nadirPoint()).containsExactly(1.0, 1.0);
        assertThat(MoeaProblem.zdt3().idealPoint()[1]).isCloseTo(-0.7733, within(1e-4));
        assertThat(MoeaProblem.zdt3().nadirPoint()[0]).isCloseTo(0.8518, within(1e-4));
        assertThat(MoeaProblem.zdt6().idealPoint()[0]).isCloseTo(0.2808, within(1e-4));
        assertThat(MoeaProblem.zdt6().nadirPoint()[1]).isCloseTo(0.9212, within(1e-4));
        assertThat(MoeaProblem.dtlz2().referenceFront())
                .allSatisfy(
                        p -> assertThat(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).isCloseTo(1.0, within(1e-12)));
    }

    /** ZDT3's front is five segments: four gaps in f1 wider than the sampling step. */
    @Test
    void zdt3sFrontIsDisconnected() {
        var front = MoeaProblem.zdt3().referenceFront();
        int gaps = 0;
        for (int i = 1; i < front.size(); i++) {
            if (front.get(i)[0] - front.get(i - 1)[0] > 0.01) {
                gaps++;
            }
        }
        assertThat(gaps).isEqualTo(4);
    }

    @Test
    void problemsAreFoundByName() {
        assertThat(MoeaProblem.named("zdt4").variables()).isEqualTo(10);
        assertThat(MoeaProblem.named("DTLZ2").objectives()).isEqualTo(3);
        assertThatThrownBy(() -> MoeaProblem.named("ZDT5")).hasMessageContaining("known");
    }
}
