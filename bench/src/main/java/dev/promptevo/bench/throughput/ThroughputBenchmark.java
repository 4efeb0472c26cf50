package dev.promptevo.bench.throughput;

import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the engine against the simulated backend at a fixed latency {@code L} with a concurrency limit
 * {@code C}, and measures calls per second against the bound {@code C / L} and the process's CPU time
 * per call.
 *
 * <p>Each run is an ordinary optimization built by {@link RunFactory} from the task directory, with the
 * backend settings {@code realtime=true} and {@code fixed-latency-ms=L}, early rejection off, no
 * hold-out, and no stop rule but the generation count (so every run does the same work). Calls are
 * counted by the run's spend ledger; they include the rubric rewrites some mutations ask for, which
 * the engine makes one at a time between generations.
 */
public final class ThroughputBenchmark {

    /**
     * @param examples use only the first this many examples of the dataset; 0 for all
     * @param population candidates per generation; the generation count follows from {@code evaluations}
     */
    public record Settings(
            Path task,
            double latencyMs,
            int concurrency,
            int evaluations,
            int population,
            int repeats,
            int examples,
            long seed) {
        public Settings {
            if (!(latencyMs > 0) || Double.isInfinite(latencyMs)) {
                throw new IllegalArgumentException("--latency-ms must be a positive number");
            }
            if (concurrency < 1 || evaluations < 1 || repeats < 1 || examples < 0) {
                throw new IllegalArgumentException(
                        "--concurrency, --evaluations and --repeats must be >= 1, --examples >= 0");
            }
            if (population < 3) {
                throw new IllegalArgumentException("--population must be >= 3");
            }
        }

        /** The bound on calls per second: {@code C} calls in flight, each taking {@code L}. */
        public double boundPerSecond() {
            return concurrency / (latencyMs / 1000.0);
        }
    }

    /**
     * One measured run.
     *
     * @param calls every backend call of the run (the ledger's count)
     * @param taskCalls calls made to evaluate candidates (one per evaluation, three under consensus)
     * @param cpuNanos the whole process's CPU time during the run (all threads: the engine, the
     *     simulator, validation, GC and JIT)
     */
    public record Measurement(
            int generations, long evaluations, long calls, long taskCalls, double wallMs, long cpuNanos) {

        public double callsPerSecond() {
            return calls / (wallMs / 1000.0);
        }

        public double evaluationsPerSecond() {
            return evaluations / (wallMs / 1000.0);
        }

        public double overheadMicrosPerCall() {
            return cpuNanos / 1000.0 / calls;
        }

        public long rewriteCalls() {
            return calls - taskCalls;
        }
    }

    private final Settings settings;
    private final Consumer<String> log;

    public ThroughputBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public ThroughputReport run() throws InterruptedException {
        TaskBundle bundle = limited(TaskLoader.load(settings.task()), settings.examples());
        RunFactory factory = new RunFactory(ThroughputBenchmark.class.getClassLoader());
        int n = bundle.dataset().examples().size();
        int generations = generationsFor(settings.evaluations(), n, settings.population());

        // A shorter run first (the first generation alone), so that the measured runs see compiled code.
        Measurement warmup = measure(factory, bundle, 1);
        log.accept(String.format(
                Locale.ROOT,
                "warm-up: %d calls in %.0f ms (%.0f calls/s)",
                warmup.calls(),
                warmup.wallMs(),
                warmup.callsPerSecond()));

        List<Measurement> runs = new ArrayList<>();
        for (int r = 1; r <= settings.repeats(); r++) {
            Measurement m = measure(factory, bundle, generations);
            runs.add(m);
            log.accept(String.format(
                    Locale.ROOT,
                    "run %d/%d: %d evaluations, %d calls (%d rewrites) in %.0f ms: %.1f calls/s of %.1f,"
                            + " %.1f us CPU per call",
                    r,
                    settings.repeats(),
                    m.evaluations(),
                    m.calls(),
                    m.rewriteCalls(),
                    m.wallMs(),
                    m.callsPerSecond(),
                    settings.boundPerSecond(),
                    m.overheadMicrosPerCall()));
        }
        return new ThroughputReport(settings, n, generations, runs);
    }

    /** Generations of {@code population} candidates (all but the elite new after the first) for about {@code evaluations}. */
    static int generationsFor(int evaluations, int examples, int population) {
        int elite = OptimizerConfig.defaults().withPopulationSize(population).eliteCount();
        double genomes = (double) evaluations / examples;
        return Math.max(1, 1 + (int) Math.round((genomes - population) / (population - elite)));
    }

    OptimizerConfig config(int generations) {
        return OptimizerConfig.defaults()
                .withPopulationSize(settings.population())
                .withGenerations(generations)
                .withConcurrency(settings.concurrency())
                .withEarlyRejection(OptimizerConfig.EarlyRejection.OFF)
                .withHoldoutFraction(0)
                .withStagnationLimit(Integer.MAX_VALUE)
                .withTargetComposite(Double.MAX_VALUE)
                .withSeed(settings.seed());
    }

    private Measurement measure(RunFactory factory, TaskBundle bundle, int generations) throws InterruptedException {
        RunFactory.Options options = new RunFactory.Options(
                config(generations),
                Optional.of("simulated"),
                Map.of("realtime", "true", "fixed-latency-ms", Double.toString(settings.latencyMs())),
                Optional.empty(),
                RunFactory.DEFAULT_CONSENSUS_SAMPLES,
                List.of(),
                Optional.empty(),
                List.of(),
                0L,
                "retriever.bm25",
                Clock.systemUTC());
        RunFactory.PreparedRun prepared = factory.prepare(bundle, options);
        AtomicLong evaluations = new AtomicLong();
        ProgressListener counter = new ProgressListener() {
            @Override
            public void onEvaluation(int generation, int done, int planned) {
                evaluations.incrementAndGet();
            }
        };
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        OptimizationResult result = prepared.optimizer().run(counter);
        long wallNanos = System.nanoTime() - start;
        long cpuNanos = os.getProcessCpuTime() - cpuStart;
        long calls = prepared.ledger().snapshot().calls();
        int train = result.trainExamples();
        long taskCalls = 0;
        for (Candidate c : result.candidates()) {
            taskCalls += (long) train * (c.genome().bool("use_consensus") ? RunFactory.DEFAULT_CONSENSUS_SAMPLES : 1);
        }
        return new Measurement(
                result.generations().size(), evaluations.get(), calls, taskCalls, wallNanos / 1e6, cpuNanos);
    }

    private static TaskBundle limited(TaskBundle bundle, int examples) {
        List<Example> all = bundle.dataset().examples();
        if (examples == 0 || examples >= all.size()) {
            return bundle;
        }
        return new TaskBundle(
                bundle.directory(),
                bundle.task(),
                new Dataset(bundle.dataset().name(), all.subList(0, examples)),
                bundle.space(),
                bundle.baseGenome(),
                bundle.backendId(),
                bundle.backendSettings());
    }
}
