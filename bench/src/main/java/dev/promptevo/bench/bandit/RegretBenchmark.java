package dev.promptevo.bench.bandit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs policies on scenarios over seeds and records the expected (pseudo-)regret
 * {@code sum over t of (mu* - mu of the arm played at t)} at checkpoints 10^3, 10^4, ... up to the
 * horizon. Every policy is anytime (none is told the horizon), so the regret at a checkpoint is the
 * regret a run with that horizon would have had.
 */
final class RegretBenchmark {

    /** The policies of one scenario, each run over seeds {@code 1..seeds}. */
    record Experiment(Scenario scenario, List<Policy.Factory> policies) {}

    /**
     * One policy on one scenario.
     *
     * @param regret per seed, the regret at each checkpoint
     * @param seconds per seed, the run's wall time
     */
    record PolicyRun(String policy, double[][] regret, double[] seconds) {

        double[] mean() {
            int n = regret[0].length;
            double[] mean = new double[n];
            for (double[] run : regret) {
                for (int c = 0; c < n; c++) {
                    mean[c] += run[c] / regret.length;
                }
            }
            return mean;
        }

        /** The standard error of the mean at each checkpoint (sample sd / sqrt(seeds)). */
        double[] standardError() {
            double[] mean = mean();
            double[] se = new double[mean.length];
            if (regret.length < 2) {
                return se;
            }
            for (int c = 0; c < mean.length; c++) {
                double squares = 0;
                for (double[] run : regret) {
                    squares += (run[c] - mean[c]) * (run[c] - mean[c]);
                }
                se[c] = Math.sqrt(squares / (regret.length - 1) / regret.length);
            }
            return se;
        }

        double medianSeconds() {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    record ExperimentResult(Scenario scenario, long[] checkpoints, List<PolicyRun> runs) {

        PolicyRun run(String policy) {
            return runs.stream()
                    .filter(r -> r.policy().equals(policy))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private final int seeds;
    private final long horizon;
    private final int threads;
    private final Consumer<String> log;

    RegretBenchmark(int seeds, long horizon, int threads, Consumer<String> log) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1");
        }
        if (horizon < 10) {
            throw new IllegalArgumentException("the horizon must be >= 10");
        }
        this.seeds = seeds;
        this.horizon = horizon;
        this.threads = Math.max(1, threads);
        this.log = log;
    }

    /** 10^3, 10^4, ... up to the horizon, and the horizon itself (10 and 100 too for short horizons). */
    static long[] checkpoints(long horizon) {
        List<Long> points = new ArrayList<>();
        for (long p = horizon < 1000 ? 10 : 1000; p <= horizon; p *= 10) {
            points.add(p);
        }
        if (points.getLast() != horizon) {
            points.add(horizon);
        }
        return points.stream().mapToLong(Long::longValue).toArray();
    }

    List<ExperimentResult> run(List<Experiment> experiments) throws InterruptedException {
        long[] checkpoints = checkpoints(horizon);
        record Task(int experiment, int policy, int seed, long cost) {}
        List<Task> tasks = new ArrayList<>();
        for (int e = 0; e < experiments.size(); e++) {
            Experiment experiment = experiments.get(e);
            for (int p = 0; p < experiment.policies().size(); p++) {
                boolean thompson = experiment.policies().get(p).name().startsWith("thompson");
                for (int s = 1; s <= seeds; s++) {
                    tasks.add(new Task(e, p, s, (long) experiment.scenario().k() * (thompson ? 4 : 1)));
                }
            }
        }
        // The longest tasks first, so the pool does not end on one long straggler.
        tasks.sort(Comparator.comparingLong(Task::cost).reversed());
        double[][][][] regret = new double[experiments.size()][][][];
        double[][][] seconds = new double[experiments.size()][][];
        for (int e = 0; e < experiments.size(); e++) {
            int policies = experiments.get(e).policies().size();
            regret[e] = new double[policies][seeds][];
            seconds[e] = new double[policies][seeds];
        }
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    Experiment experiment = experiments.get(task.experiment());
                    Policy.Factory factory = experiment.policies().get(task.policy());
                    long t0 = System.nanoTime();
                    regret[task.experiment()][task.policy()][task.seed() - 1] =
                            runOnce(experiment.scenario(), factory, task.seed(), checkpoints);
                    seconds[task.experiment()][task.policy()][task.seed() - 1] = (System.nanoTime() - t0) / 1e9;
                    int n = done.incrementAndGet();
                    if (n % Math.max(1, tasks.size() / 20) == 0 || n == tasks.size()) {
                        log.accept(String.format(
                                Locale.ROOT,
                                "%d/%d runs done, %.0f s elapsed",
                                n,
                                tasks.size(),
                                (System.nanoTime() - start) / 1e9));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<ExperimentResult> results = new ArrayList<>();
        for (int e = 0; e < experiments.size(); e++) {
            Experiment experiment = experiments.get(e);
            List<PolicyRun> runs = new ArrayList<>();
            for (int p = 0; p < experiment.policies().size(); p++) {
                runs.add(new PolicyRun(experiment.policies().get(p).name(), regret[e][p], seconds[e][p]));
            }
            results.add(new ExperimentResult(experiment.scenario(), checkpoints, runs));
        }
        return results;
    }

    /** One run of one policy: the regret at each checkpoint. */
    static double[] runOnce(Scenario scenario, Policy.Factory factory, long seed, long[] checkpoints) {
        double[] means = scenario.means(seed);
        double best = Scenario.BEST;
        long environmentSeed = seed * 0x9e3779b97f4a7c15L + scenario.k() * 31L + Double.hashCode(scenario.gap());
        Scenario.RewardSource rewards = scenario.rewards(means, environmentSeed);
        Policy policy = factory.create(scenario.k(), seed);
        double[] out = new double[checkpoints.length];
        double regret = 0;
        int next = 0;
        long horizon = checkpoints[checkpoints.length - 1];
        for (long t = 1; t <= horizon; t++) {
            int arm = policy.choose();
            regret += best - means[arm];
            policy.reward(arm, rewards.draw(arm));
            if (t == checkpoints[next]) {
                out[next++] = regret;
            }
        }
        return out;
    }
}
