package dev.promptevo.bench.bandit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.engine.bandit.RewardUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bandit}: the Thompson-sampling bandit's regret against UCB1 and epsilon-greedy, and its latency. */
@Command(
        name = "bandit",
        mixinStandardHelpOptions = true,
        description = {
            "Expected regret of the engine's ThompsonBandit, UCB1 and epsilon-greedy on Chapelle & Li's Bernoulli"
                    + " settings, its growth per decade against the Lai-Robbins slope, the fractional update"
                    + " against the Bernoulli trick on fractional rewards, and choose() latency with JMH.",
            "Prints a table and writes the numbers as JSON."
        })
public final class BanditCommand implements Callable<Integer> {

    enum Part {
        regret,
        update,
        latency
    }

    @Option(names = "--out", required = true, description = "The JSON file to write.")
    Path out;

    @Option(
            names = "--parts",
            split = ",",
            defaultValue = "regret,update,latency",
            description = "What to run, comma-separated (default ${DEFAULT-VALUE}).")
    List<Part> parts;

    @Option(
            names = "--seeds",
            defaultValue = "100",
            description = "Runs per policy and setting (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--horizon",
            defaultValue = "1000000",
            description = "Decisions per run; regret is recorded at 1e3, 1e4, ... up to it (default ${DEFAULT-VALUE}).")
    long horizon;

    @Option(
            names = "--arms",
            split = ",",
            defaultValue = "10,100",
            description = "K values (default ${DEFAULT-VALUE}).")
    List<Integer> arms;

    @Option(
            names = "--eps",
            split = ",",
            defaultValue = "0.1,0.02",
            description = "Gaps: the other arms' mean is 0.5 - eps (default ${DEFAULT-VALUE}).")
    List<Double> gaps;

    @Option(
            names = "--policies",
            split = ",",
            defaultValue = "thompson,ucb1,epsilon-greedy",
            description = "Policies for the regret part (default ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(
            names = "--egreedy-c",
            defaultValue = "0.1",
            description = "c in epsilon_t = min(1, c K / (eps^2 t)) (default ${DEFAULT-VALUE}).")
    double epsilonC;

    @Option(names = "--threads", description = "Runs in parallel (default: the available processors).")
    Integer threads;

    @Option(
            names = "--update-seeds",
            defaultValue = "100",
            description = "Runs per update rule and setting (default ${DEFAULT-VALUE}).")
    int updateSeeds;

    @Option(
            names = "--update-horizon",
            defaultValue = "100000",
            description = "Decisions per run of the update-rule part (default ${DEFAULT-VALUE}).")
    long updateHorizon;

    @Option(
            names = "--update-arms",
            defaultValue = "10",
            description = "K for the update-rule part (default ${DEFAULT-VALUE}).")
    int updateArms;

    @Option(
            names = "--update-eps",
            split = ",",
            defaultValue = "0.1,0.02",
            description = "Gaps for the update-rule part (default ${DEFAULT-VALUE}).")
    List<Double> updateGaps;

    @Option(
            names = "--concentrations",
            split = ",",
            defaultValue = "2,10",
            description = "kappa of the fractional rewards Beta(mu kappa, (1 - mu) kappa) (default ${DEFAULT-VALUE}).")
    List<Double> concentrations;

    @Option(names = "--jmh-forks", defaultValue = "1", description = "JMH forks (default ${DEFAULT-VALUE}).")
    int jmhForks;

    @Option(
            names = "--jmh-warmup",
            defaultValue = "3",
            description = "JMH warm-up iterations (default ${DEFAULT-VALUE}).")
    int jmhWarmup;

    @Option(
            names = "--jmh-iterations",
            defaultValue = "5",
            description = "JMH measurement iterations (default ${DEFAULT-VALUE}).")
    int jmhIterations;

    @Option(
            names = "--jmh-millis",
            defaultValue = "1000",
            description = "Length of each JMH iteration in ms (default ${DEFAULT-VALUE}).")
    long jmhMillis;

    @Override
    public Integer call() throws Exception {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        LatencyBenchmark.Settings latencySettings =
                new LatencyBenchmark.Settings(jmhForks, jmhWarmup, jmhIterations, jmhMillis);
        List<RegretBenchmark.ExperimentResult> regret = List.of();
        if (parts.contains(Part.regret)) {
            List<RegretBenchmark.Experiment> experiments = new ArrayList<>();
            for (int k : arms) {
                for (double gap : gaps) {
                    List<Policy.Factory> factories =
                            policies.stream().map(p -> policy(p, gap)).toList();
                    experiments.add(new RegretBenchmark.Experiment(Scenario.bernoulli(k, gap), factories));
                }
            }
            regret = new RegretBenchmark(seeds, horizon, workers, System.err::println).run(experiments);
        }
        List<RegretBenchmark.ExperimentResult> update = List.of();
        if (parts.contains(Part.update)) {
            List<RegretBenchmark.Experiment> experiments = new ArrayList<>();
            for (double gap : updateGaps) {
                for (double kappa : concentrations) {
                    experiments.add(new RegretBenchmark.Experiment(
                            new Scenario(updateArms, gap, kappa),
                            List.of(
                                    ThompsonPolicy.factory(RewardUpdate.FRACTIONAL),
                                    ThompsonPolicy.factory(RewardUpdate.BERNOULLI_TRICK))));
                }
            }
            update = new RegretBenchmark(updateSeeds, updateHorizon, workers, System.err::println).run(experiments);
        }
        List<LatencyBenchmark.Latency> latency = List.of();
        if (parts.contains(Part.latency)) {
            latency = new LatencyBenchmark(latencySettings, System.err::println).run();
        }
        BanditReport report = new BanditReport(settingsJson(workers), seeds, regret, updateSeeds, update, latency);
        System.out.print(report.table());
        report.write(out);
        System.err.println("wrote " + out);
        return 0;
    }

    private Policy.Factory policy(String name, double gap) {
        return switch (name) {
            case BanditReport.THOMPSON -> ThompsonPolicy.factory(RewardUpdate.FRACTIONAL);
            case BanditReport.BERNOULLI_TRICK -> ThompsonPolicy.factory(RewardUpdate.BERNOULLI_TRICK);
            case BanditReport.UCB1 -> Ucb1.factory();
            case "epsilon-greedy" -> EpsilonGreedy.factory(epsilonC, gap);
            default ->
                throw new IllegalArgumentException("unknown policy '" + name
                        + "': use thompson, thompson-bernoulli-trick, ucb1 or epsilon-greedy");
        };
    }

    private ObjectNode settingsJson(int workers) {
        ObjectNode s = new ObjectMapper().createObjectNode();
        s.put("parts", parts.toString());
        s.put("seeds", seeds);
        s.put("horizon", horizon);
        s.put("arms", arms.toString());
        s.put("gaps", gaps.toString());
        s.put("policies", policies.toString());
        s.put("threads", workers);
        s.put(
                "thompson",
                "dev.promptevo.engine.bandit.ThompsonBandit, BanditConfig.plain(seed): Beta(1, 1) priors, no split,"
                        + " no floor, no discount; fractional update unless named thompson-bernoulli-trick");
        s.put("ucb1", "Auer et al. 2002: each arm once, then argmax mean + sqrt(2 ln t / n)");
        s.put(
                "epsilonGreedy",
                "Auer et al. 2002 epsilon_n-greedy: epsilon_t = min(1, c K / (d^2 t)), d = eps (the true gap), c = "
                        + epsilonC);
        s.put("regret", "pseudo-regret: sum over t of (0.5 - mean of the arm played); best arm at index seed mod K");
        s.put("updateSeeds", updateSeeds);
        s.put("updateHorizon", updateHorizon);
        s.put("updateArms", updateArms);
        s.put("updateGaps", updateGaps.toString());
        s.put("concentrations", concentrations.toString());
        s.put("jmhForks", jmhForks);
        s.put("jmhWarmupIterations", jmhWarmup);
        s.put("jmhMeasurementIterations", jmhIterations);
        s.put("jmhIterationMillis", jmhMillis);
        s.put(
                "jmhMode",
                "SampleTime; K arms with 100 rewards each, BanditConfig.plain (every arm sampled per decision)");
        return s;
    }
}
