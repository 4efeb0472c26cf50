package dev.promptevo.bench.search;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.evolution.DatasetSplit;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.executors.simulated.SimulatorParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The {@code search} benchmark: on the simulated task, the true optimum and Pareto front of a
 * discretized search space by enumeration ({@link SearchTruth}), then each strategy over seeds 1..n
 * within the same call budget, scored by the true value of what it picked by measurement.
 */
public final class SearchBenchmark {

    /**
     * The enumerated grid: every combination of the task's models, cot on/off, these temperatures, max
     * tokens and top-k values, consensus on/off, and a rubric stating exactly a subset of the
     * simulator's principles ({@link SimulatorParameters#rubricWith}) for every subset listed.
     */
    public record Grid(
            List<Double> temperatures,
            List<Integer> maxTokens,
            List<Integer> topKs,
            List<Boolean> consensus,
            List<List<String>> principleSubsets) {

        public Grid {
            temperatures = List.copyOf(temperatures);
            maxTokens = List.copyOf(maxTokens);
            topKs = List.copyOf(topKs);
            consensus = List.copyOf(consensus);
            principleSubsets = principleSubsets.stream().map(List::copyOf).toList();
        }

        /** The full grid: 4 temperatures x 5 max-tokens x 4 top-k x consensus x all 2^p principle subsets. */
        public static Grid full(SimulatorParameters parameters) {
            return new Grid(
                    List.of(0.0, 0.25, 0.5, 1.0),
                    List.of(128, 256, 384, 512, 768),
                    List.of(0, 1, 3, 5),
                    List.of(false, true),
                    allSubsets(principleIds(parameters)));
        }

        static List<String> principleIds(SimulatorParameters parameters) {
            return parameters.principles().stream()
                    .map(SimulatorParameters.Principle::id)
                    .toList();
        }

        static List<List<String>> allSubsets(List<String> ids) {
            List<List<String>> subsets = new ArrayList<>();
            for (int mask = 0; mask < (1 << ids.size()); mask++) {
                List<String> subset = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        subset.add(ids.get(i));
                    }
                }
                subsets.add(subset);
            }
            return subsets;
        }

        List<Genome> genomes(Genome base, List<String> models, SimulatorParameters parameters) {
            List<Genome> genomes = new ArrayList<>();
            for (String model : models) {
                for (boolean cot : List.of(false, true)) {
                    for (double t : temperatures) {
                        for (int mt : maxTokens) {
                            for (int k : topKs) {
                                for (boolean c : consensus) {
                                    for (List<String> subset : principleSubsets) {
                                        genomes.add(base.with("model_key", Allele.of(model))
                                                .with("cot", Allele.of(cot))
                                                .with("temperature", Allele.of(t))
                                                .with("max_tokens", Allele.of((long) mt))
                                                .with("retriever_topk", Allele.of((long) k))
                                                .with("use_consensus", Allele.of(c))
                                                .with("rubric", Allele.of(parameters.rubricWith(subset))));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return genomes;
        }
    }

    /**
     * @param targetShare a run reaches the target when its pick's true composite is at least this share
     *     of the optimum
     * @param greedyThreshold the greedy loop keeps a mutation whose measured composite beats the
     *     current one by more than this
     * @param threads seeds run in parallel
     */
    public record Settings(
            TaskBundle bundle,
            Grid grid,
            List<String> strategies,
            int seeds,
            long firstSeed,
            long budgetCalls,
            double targetShare,
            double greedyThreshold,
            int threads) {
        public Settings {
            strategies = List.copyOf(strategies);
            if (seeds < 1 || budgetCalls < 1 || threads < 1) {
                throw new IllegalArgumentException("seeds, budget and threads must be >= 1");
            }
        }
    }

    private final Settings settings;
    private final Consumer<String> log;

    public SearchBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public SearchReport run() throws InterruptedException {
        TaskBundle bundle = settings.bundle();
        List<Example> train =
                DatasetSplit.of(bundle.dataset().examples(), 0.0, 0).train();
        SimulatorParameters parameters = SearchTruth.parameters(bundle);
        SearchTruth truth = new SearchTruth(bundle, train, parameters);
        Strategies strategies = new Strategies(bundle, train, settings.greedyThreshold());

        long start = System.nanoTime();
        List<Genome> grid = settings.grid().genomes(bundle.baseGenome(), strategies.models(), parameters);
        log.accept("enumerating " + grid.size() + " configurations x " + train.size() + " examples");
        List<SearchTruth.Value> values = grid.parallelStream().map(truth::of).toList();
        int bestIndex = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i).composite() > values.get(bestIndex).composite()) {
                bestIndex = i;
            }
        }
        List<double[]> trueFront = TrueFront.nonDominated(
                values.stream().map(SearchTruth.Value::objectives).toList());
        double[] ideal = TrueFront.ideal(trueFront);
        double[] nadir = TrueFront.nadir(trueFront);
        double trueHv = TrueFront.hypervolume(trueFront, ideal, nadir);
        double enumerationSeconds = (System.nanoTime() - start) / 1e9;
        SearchReport.Optimum optimum = new SearchReport.Optimum(
                grid.get(bestIndex),
                values.get(bestIndex),
                grid.size(),
                trueFront.size(),
                trueHv,
                ideal,
                nadir,
                enumerationSeconds);
        double target = settings.targetShare() * optimum.value().composite();
        log.accept(String.format(
                java.util.Locale.ROOT,
                "optimum %.4f (target %.4f), true front %d points, HV %.4f, in %.1f s",
                optimum.value().composite(),
                target,
                trueFront.size(),
                trueHv,
                enumerationSeconds));

        List<SearchReport.StrategyResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.threads())) {
            for (String id : settings.strategies()) {
                Strategies.Name name = Strategies.Name.of(id);
                long t0 = System.nanoTime();
                List<Future<SearchReport.SeedResult>> futures = new ArrayList<>();
                for (int s = 0; s < settings.seeds(); s++) {
                    long seed = settings.firstSeed() + s;
                    futures.add(pool.submit(() -> score(
                            seed,
                            strategies.run(name, seed, settings.budgetCalls()),
                            truth,
                            target,
                            ideal,
                            nadir,
                            trueHv)));
                }
                List<SearchReport.SeedResult> seeds = new ArrayList<>();
                for (Future<SearchReport.SeedResult> f : futures) {
                    try {
                        seeds.add(f.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(id + " failed: " + e.getCause(), e.getCause());
                    }
                }
                SearchReport.StrategyResult result = SearchReport.StrategyResult.of(id, seeds);
                results.add(result);
                log.accept(String.format(
                        java.util.Locale.ROOT,
                        "%s done in %.1f s: %s",
                        id,
                        (System.nanoTime() - t0) / 1e9,
                        result.summary()));
            }
        }
        return new SearchReport(settings, optimum, target, train.size(), results);
    }

    private static SearchReport.SeedResult score(
            long seed,
            Strategies.Trace trace,
            SearchTruth truth,
            double target,
            double[] ideal,
            double[] nadir,
            double trueHv) {
        Map<String, Genome> genomes = trace.evaluated();
        Map<String, Double> trueComposite = new HashMap<>();
        long callsToTarget = -1;
        List<double[]> curve = new ArrayList<>();
        for (Strategies.Point p : trace.points()) {
            if (p.pickId() == null) {
                continue;
            }
            double value = trueComposite.computeIfAbsent(
                    p.pickId(), id -> truth.of(genomes.get(id)).composite());
            curve.add(new double[] {p.calls(), value});
            if (callsToTarget < 0 && value >= target) {
                callsToTarget = p.calls();
            }
        }
        double hv = hypervolume(genomes.values(), truth, ideal, nadir);
        double frontHv = trace.reportedFront().isEmpty()
                ? Double.NaN
                : hypervolume(trace.reportedFront(), truth, ideal, nadir) / trueHv;
        double populationHv = trace.finalPopulation().isEmpty()
                ? Double.NaN
                : hypervolume(trace.finalPopulation(), truth, ideal, nadir) / trueHv;
        double finalTrue = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1)[1];
        return new SearchReport.SeedResult(
                seed,
                callsToTarget,
                hv / trueHv,
                frontHv,
                populationHv,
                finalTrue,
                trace.callsSpent(),
                genomes.size(),
                trace.stopReason(),
                curve.toArray(double[][]::new));
    }

    /** The hypervolume of these genomes' true objective vectors, normalized as {@link TrueFront} does. */
    private static double hypervolume(
            java.util.Collection<Genome> genomes, SearchTruth truth, double[] ideal, double[] nadir) {
        List<double[]> found =
                genomes.stream().map(g -> truth.of(g).objectives()).toList();
        return found.isEmpty() ? 0 : TrueFront.hypervolume(found, ideal, nadir);
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
