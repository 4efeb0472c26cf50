package dev.promptevo.engine.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.Objective;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    private static final List<Objective> OBJECTIVES = List.of(Objective.quality(), Objective.cost());

    static Candidate candidate(String name, double composite, double cost, double passRate) {
        MetricsSummary summary = new MetricsSummary(
                10,
                composite,
                passRate,
                1,
                0,
                1,
                1,
                100,
                200,
                50,
                cost,
                0,
                0,
                500,
                cost * 10,
                1,
                java.util.OptionalDouble.empty());
        return new Candidate(Genome.of(Map.of("name", Allele.of(name))), 0, List.of(), "base", summary);
    }

    @Test
    void keepsExactlyTheNonDominatedCandidates() {
        Candidate cheapPoor = candidate("a", 0.5, 0.001, 1);
        Candidate dearGood = candidate("b", 0.9, 0.010, 1);
        Candidate middle = candidate("c", 0.7, 0.005, 1);
        Candidate dominated = candidate("d", 0.6, 0.006, 1); // worse than c on both
        Candidate tiedWorse = candidate("e", 0.9, 0.020, 1); // equal quality to b, dearer
        List<Candidate> front =
                ParetoFront.of(List.of(cheapPoor, dearGood, middle, dominated, tiedWorse), OBJECTIVES, c -> true);
        assertThat(front).containsExactlyInAnyOrder(cheapPoor, dearGood, middle);
    }

    @Test
    void feasibleCandidatesDominateInfeasibleOnes() {
        Candidate feasible = candidate("a", 0.5, 0.010, 0.8);
        Candidate infeasibleButCheap = candidate("b", 0.6, 0.001, 0.1);
        List<Candidate> front = ParetoFront.of(
                List.of(feasible, infeasibleButCheap),
                OBJECTIVES,
                c -> c.summary().passRate() >= 0.5);
        assertThat(front).containsExactly(feasible);
        assertThat(ParetoFront.of(List.of(infeasibleButCheap), OBJECTIVES, c -> false))
                .as("with nothing feasible the front is taken over all")
                .containsExactly(infeasibleButCheap);
    }
}
