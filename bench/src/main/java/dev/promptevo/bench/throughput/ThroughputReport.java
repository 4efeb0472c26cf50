package dev.promptevo.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.bench.BenchJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of a {@link ThroughputBenchmark}: the medians over the measured runs, and each run.
 *
 * @param examples the examples each candidate is evaluated on
 * @param generations the generations of each measured run
 */
public record ThroughputReport(
        ThroughputBenchmark.Settings settings,
        int examples,
        int generations,
        List<ThroughputBenchmark.Measurement> runs) {

    public ThroughputReport {
        runs = List.copyOf(runs);
    }

    /** Median calls per second: the number compared with the bound. */
    public double measuredPerSecond() {
        return median(ThroughputBenchmark.Measurement::callsPerSecond);
    }

    public double evaluationsPerSecond() {
        return median(ThroughputBenchmark.Measurement::evaluationsPerSecond);
    }

    /** Median CPU time of the whole process per call, in microseconds. */
    public double overheadMicrosPerEval() {
        return median(ThroughputBenchmark.Measurement::overheadMicrosPerCall);
    }

    public double ratio() {
        return measuredPerSecond() / settings.boundPerSecond();
    }

    /** The overhead as a share of one call's latency. */
    public double overheadShareOfCall() {
        return overheadMicrosPerEval() / (settings.latencyMs() * 1000.0);
    }

    public double wallMsMedian() {
        return median(ThroughputBenchmark.Measurement::wallMs);
    }

    private double median(ToDoubleFunction<ThroughputBenchmark.Measurement> f) {
        double[] sorted = runs.stream().mapToDouble(f).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A plain-text table: the medians, then one row per run. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Simulated backend at a fixed %s ms per call, concurrency %d, %d examples x population %d x %d"
                        + " generations; medians of %d runs%n",
                number(settings.latencyMs()),
                settings.concurrency(),
                examples,
                settings.population(),
                generations,
                runs.size()));
        String format = "%-8s | %11s | %9s | %9s | %10s | %10s | %10s | %6s | %9s | %8s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "",
                "evaluations",
                "calls",
                "wall ms",
                "evals/s",
                "calls/s",
                "bound C/L",
                "ratio",
                "CPU us/call",
                "% of L"));
        for (int i = 0; i < runs.size(); i++) {
            ThroughputBenchmark.Measurement m = runs.get(i);
            out.append(row(
                    format,
                    "run " + (i + 1),
                    Long.toString(m.evaluations()),
                    Long.toString(m.calls()),
                    m.wallMs(),
                    m.evaluationsPerSecond(),
                    m.callsPerSecond(),
                    m.overheadMicrosPerCall()));
        }
        out.append(row(
                format,
                "median",
                "",
                "",
                wallMsMedian(),
                evaluationsPerSecond(),
                measuredPerSecond(),
                overheadMicrosPerEval()));
        return out.toString();
    }

    private String row(
            String format,
            String label,
            String evaluations,
            String calls,
            double wallMs,
            double evalsPerSecond,
            double callsPerSecond,
            double cpuMicros) {
        return String.format(
                Locale.ROOT,
                format,
                label,
                evaluations,
                calls,
                String.format(Locale.ROOT, "%.0f", wallMs),
                String.format(Locale.ROOT, "%.1f", evalsPerSecond),
                String.format(Locale.ROOT, "%.1f", callsPerSecond),
                String.format(Locale.ROOT, "%.1f", settings.boundPerSecond()),
                String.format(Locale.ROOT, "%.3f", callsPerSecond / settings.boundPerSecond()),
                String.format(Locale.ROOT, "%.1f", cpuMicros),
                String.format(Locale.ROOT, "%.2f%%", 100 * cpuMicros / (settings.latencyMs() * 1000.0)));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The report as JSON: settings, the machine, the medians and every run. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "throughput");
        root.put("latencyMs", settings.latencyMs());
        root.put("concurrency", settings.concurrency());
        root.put("boundPerSecond", settings.boundPerSecond());
        root.put("measuredPerSecond", measuredPerSecond());
        root.put("ratio", ratio());
        root.put("evaluationsPerSecond", evaluationsPerSecond());
        root.put("overheadMicrosPerEval", overheadMicrosPerEval());
        root.put("overheadShareOfCall", overheadShareOfCall());
        root.put("wallMsMedian", wallMsMedian());
        root.put("repeats", runs.size());
        root.put(
                "notes",
                "measuredPerSecond and boundPerSecond count backend calls (an evaluation under use_consensus is 3"
                        + " calls; rubric rewrites are calls too); overheadMicrosPerEval is the whole process's CPU"
                        + " time during a run per call, including the simulator's own compute, validation, GC and JIT;"
                        + " all values are medians over the runs");
        ObjectNode s = root.putObject("settings");
        s.put("task", settings.task().toString());
        s.put("examples", examples);
        s.put("population", settings.population());
        s.put("generations", generations);
        s.put("requestedEvaluations", settings.evaluations());
        s.put("seed", settings.seed());
        s.put("earlyRejection", false);
        s.put("holdoutFraction", 0.0);
        s.put("backendSettings", "realtime=true, fixed-latency-ms=" + settings.latencyMs());
        ObjectNode machine = root.putObject("machine");
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ArrayNode list = root.putArray("runs");
        for (ThroughputBenchmark.Measurement m : runs) {
            ObjectNode node = list.addObject();
            node.put("generations", m.generations());
            node.put("evaluations", m.evaluations());
            node.put("calls", m.calls());
            node.put("taskCalls", m.taskCalls());
            node.put("rewriteCalls", m.rewriteCalls());
            node.put("wallMs", m.wallMs());
            node.put("cpuMs", m.cpuNanos() / 1e6);
            node.put("callsPerSecond", m.callsPerSecond());
            node.put("evaluationsPerSecond", m.evaluationsPerSecond());
            node.put("overheadMicrosPerCall", m.overheadMicrosPerCall());
        }
        return root;
    }

    public void write(Path file) throws IOException {
        BenchJson.write(file, this::toJson);
    }
}
