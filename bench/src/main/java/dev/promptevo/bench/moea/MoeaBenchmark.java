package dev.promptevo.bench.moea;

import dev.promptevo.engine.moea.Nsga2;
import dev.promptevo.operators.Crossovers;
import dev.promptevo.operators.Mutators;
import dev.promptevo.operators.RealCodedVariation;
import dev.promptevo.operators.SimulatedBinaryCrossover;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAII;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAIIBuilder;
import org.uma.jmetal.operator.crossover.impl.SBXCrossover;
import org.uma.jmetal.operator.mutation.impl.PolynomialMutation;
import org.uma.jmetal.problem.doubleproblem.DoubleProblem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

/**
 * PromptEvo's {@link Nsga2} against jMetal's {@code NSGAII} on the same problems with the same
 * settings: population {@code N}, a budget of evaluations, SBX (probability 0.9, distribution index
 * 20) and polynomial mutation (probability 1/n, index 20), binary tournament, both children of every
 * crossover kept. PromptEvo's side breeds with {@link RealCodedVariation} unless told to apply the
 * {@code crossover.sbx} and {@code mutate.polynomial} operators one after the other.
 *
 * <p>Each side runs on its own representation (genomes of real genes here, jMetal's double
 * solutions there) and its own random generator, both seeded with the run's seed. The quality of a
 * run is the {@link NormalizedHypervolume} of its final non-dominated set, computed the same way for
 * both. Its cost is the wall time of the run alone (building the algorithm, evolving, extracting the
 * front), with the JIT warmed up first by {@code warmupRuns} discarded runs of each algorithm on each
 * problem. The two algorithms alternate run by run, the one going first changing with the seed, so
 * that both see the same machine noise.
 */
public final class MoeaBenchmark {

    /**
     * What to run.
     *
     * @param seeds runs per algorithm and problem, seeded 1 to {@code seeds}
     * @param warmupRuns discarded runs per algorithm and problem before measuring
     * @param fusedVariation whether PromptEvo breeds with {@link RealCodedVariation} (SBX and
     *     polynomial mutation in one step, one genome per child) rather than the two operators applied
     *     one after the other; both breed the same children from the same seed
     */
    public record Settings(
            List<MoeaProblem> problems,
            int seeds,
            int evaluations,
            int populationSize,
            int warmupRuns,
            boolean fusedVariation) {
        public Settings {
            problems = List.copyOf(problems);
            if (problems.isEmpty()
                    || seeds < 1
                    || evaluations < populationSize
                    || populationSize < 2
                    || warmupRuns < 0) {
                throw new IllegalArgumentException("need problems, seeds >= 1, evaluations >= population >= 2");
            }
        }
    }

    /** One run: its final non-dominated objective vectors and its wall time. */
    record Run(List<double[]> front, double wallMs) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public MoeaBenchmark(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public MoeaReport run() throws InterruptedException {
        for (MoeaProblem problem : settings.problems()) {
            progress.accept("warming up on " + problem.name());
            for (int i = 0; i < settings.warmupRuns(); i++) {
                promptEvo(problem, -1 - i);
                jmetal(problem, -1 - i);
            }
        }
        List<MoeaReport.ProblemResult> results = new ArrayList<>();
        for (MoeaProblem problem : settings.problems()) {
            NormalizedHypervolume hypervolume = new NormalizedHypervolume(problem);
            double[] promptEvoHv = new double[settings.seeds()];
            double[] promptEvoMs = new double[settings.seeds()];
            double[] jmetalHv = new double[settings.seeds()];
            double[] jmetalMs = new double[settings.seeds()];
            for (int s = 0; s < settings.seeds(); s++) {
                long seed = s + 1;
                Run ours;
                Run theirs;
                if (seed % 2 == 0) {
                    ours = promptEvo(problem, seed);
                    theirs = jmetal(problem, seed);
                } else {
                    theirs = jmetal(problem, seed);
                    ours = promptEvo(problem, seed);
                }
                promptEvoHv[s] = hypervolume.of(ours.front());
                promptEvoMs[s] = ours.wallMs();
                jmetalHv[s] = hypervolume.of(theirs.front());
                jmetalMs[s] = theirs.wallMs();
            }
            MoeaReport.ProblemResult result = new MoeaReport.ProblemResult(
                    problem.name(),
                    MoeaReport.AlgorithmResult.of(promptEvoHv, promptEvoMs),
                    MoeaReport.AlgorithmResult.of(jmetalHv, jmetalMs));
            progress.accept(result.summary());
            results.add(result);
        }
        return new MoeaReport(settings, results);
    }

    Run promptEvo(MoeaProblem problem, long seed) throws InterruptedException {
        long start = System.nanoTime();
        Nsga2.Builder builder = Nsga2.builder(problem.space(), problem::fitness);
        if (settings.fusedVariation()) {
            builder.variation(RealCodedVariation.of(0.9, 20, 20)::breed);
        } else {
            SimulatedBinaryCrossover sbx = Crossovers.simulatedBinary(20);
            builder.crossover(sbx::crossBoth).crossoverProbability(0.9).mutation(Mutators.polynomial(20));
        }
        Nsga2.Result result = builder.populationSize(settings.populationSize())
                .maxEvaluations(settings.evaluations())
                .seed(seed)
                .build()
                .run();
        List<double[]> front =
                result.front().stream().map(i -> i.fitness().objectives()).toList();
        return new Run(front, (System.nanoTime() - start) / 1e6);
    }

    Run jmetal(MoeaProblem problem, long seed) {
        long start = System.nanoTime();
        JMetalRandom.getInstance().setSeed(seed);
        DoubleProblem jmetalProblem = problem.jmetal().get();
        NSGAII<DoubleSolution> algorithm = new NSGAIIBuilder<>(
                        jmetalProblem,
                        new SBXCrossover(0.9, 20.0),
                        new PolynomialMutation(1.0 / jmetalProblem.numberOfVariables(), 20.0),
                        settings.populationSize())
                .setMaxEvaluations(settings.evaluations())
                .build();
        algorithm.run();
        List<double[]> front = algorithm.result().stream()
                .map(solution -> Arrays.copyOf(solution.objectives(), solution.objectives().length))
                .toList();
        return new Run(front, (System.nanoTime() - start) / 1e6);
    }
}
