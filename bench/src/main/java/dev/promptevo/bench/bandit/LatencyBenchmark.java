package dev.promptevo.bench.bandit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/** Runs {@link ChooseBenchmark} with JMH and keeps the sampled latency distribution of each benchmark. */
final class LatencyBenchmark {

    /**
     * @param forks JVMs forked per benchmark (0 runs in this JVM: for tests only)
     * @param iterationMillis the length of each warm-up and measurement iteration
     */
    record Settings(int forks, int warmupIterations, int measurementIterations, long iterationMillis) {
        Settings {
            if (forks < 0 || warmupIterations < 0 || measurementIterations < 1 || iterationMillis < 1) {
                throw new IllegalArgumentException(
                        "--jmh-forks and --jmh-warmup must be >= 0, --jmh-iterations and --jmh-millis >= 1");
            }
        }
    }

    /** One benchmark at one K: the mean and percentiles of the sampled latencies, in nanoseconds. */
    record Latency(
            String benchmark, int arms, int threads, long samples, double mean, double p50, double p90, double p99) {}

    private final Settings settings;
    private final Consumer<String> log;

    LatencyBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    List<Latency> run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ChooseBenchmark.class.getName() + "\\.")
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .verbosity(VerboseMode.SILENT)
                .build();
        log.accept(String.format(
                "JMH: %d fork(s), %d warm-up and %d measurement iterations of %d ms per benchmark and K",
                settings.forks(),
                settings.warmupIterations(),
                settings.measurementIterations(),
                settings.iterationMillis()));
        Collection<RunResult> results = new Runner(options).run();
        List<Latency> latencies = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Statistics stats = result.getPrimaryResult().getStatistics();
            latencies.add(new Latency(
                    name.substring(name.lastIndexOf('.') + 1),
                    Integer.parseInt(result.getParams().getParam("arms")),
                    result.getParams().getThreads(),
                    stats.getN(),
                    stats.getMean(),
                    stats.getPercentile(50),
                    stats.getPercentile(90),
                    stats.getPercentile(99)));
        }
        latencies.sort(Comparator.comparing(Latency::benchmark).thenComparingInt(Latency::arms));
        return latencies;
    }
}
