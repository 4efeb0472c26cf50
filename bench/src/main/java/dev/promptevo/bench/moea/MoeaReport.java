package dev.promptevo.bench.moea;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.bench.BenchJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The outcome of a {@link MoeaBenchmark}: per problem, both algorithms' hypervolume and wall time. */
public record MoeaReport(MoeaBenchmark.Settings settings, List<ProblemResult> problems) {

    public MoeaReport {
        problems = List.copyOf(problems);
    }

    /**
     * One algorithm on one problem over all seeds.
     *
     * @param hvStd the sample standard deviation (divided by {@code n - 1})
     */
    public record AlgorithmResult(double hvMean, double hvStd, double wallMsMedian, double[] hv, double[] wallMs) {
        public AlgorithmResult {
            hv = hv.clone();
            wallMs = wallMs.clone();
        }

        static AlgorithmResult of(double[] hv, double[] wallMs) {
            double mean = Arrays.stream(hv).average().orElseThrow();
            double squares = Arrays.stream(hv).map(v -> (v - mean) * (v - mean)).sum();
            double std = hv.length > 1 ? Math.sqrt(squares / (hv.length - 1)) : 0.0;
            return new AlgorithmResult(mean, std, median(wallMs), hv, wallMs);
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /**
     * Both algorithms on one problem.
     *
     * @param hvRatio PromptEvo's mean hypervolume over jMetal's (the target is at least 0.995)
     * @param wallRatio PromptEvo's median wall time over jMetal's (the target is at most 1)
     */
    public record ProblemResult(
            String name, AlgorithmResult promptevo, AlgorithmResult jmetal, double hvRatio, double wallRatio) {

        ProblemResult(String name, AlgorithmResult promptevo, AlgorithmResult jmetal) {
            this(
                    name,
                    promptevo,
                    jmetal,
                    promptevo.hvMean() / jmetal.hvMean(),
                    promptevo.wallMsMedian() / jmetal.wallMsMedian());
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: HV %.4f vs %.4f (ratio %.4f), median wall %.1f vs %.1f ms (ratio %.2f)",
                    name,
                    promptevo.hvMean(),
                    jmetal.hvMean(),
                    hvRatio,
                    promptevo.wallMsMedian(),
                    jmetal.wallMsMedian(),
                    wallRatio);
        }
    }

    /** A plain-text table, one row per problem. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "NSGA-II, %d seeds, %d evaluations, population %d; HV normalized by the reference front, reference point 1%n",
                settings.seeds(),
                settings.evaluations(),
                settings.populationSize()));
        String format = "%-6s | %-17s | %-17s | %8s | %10s | %10s | %9s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "",
                "PromptEvo HV",
                "jMetal HV",
                "HV ratio",
                "PE ms med",
                "jM ms med",
                "wall ratio"));
        for (ProblemResult p : problems) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    p.name(),
                    String.format(
                            Locale.ROOT,
                            "%.4f ± %.4f",
                            p.promptevo().hvMean(),
                            p.promptevo().hvStd()),
                    String.format(
                            Locale.ROOT,
                            "%.4f ± %.4f",
                            p.jmetal().hvMean(),
                            p.jmetal().hvStd()),
                    String.format(Locale.ROOT, "%.4f", p.hvRatio()),
                    String.format(Locale.ROOT, "%.1f", p.promptevo().wallMsMedian()),
                    String.format(Locale.ROOT, "%.1f", p.jmetal().wallMsMedian()),
                    String.format(Locale.ROOT, "%.2f", p.wallRatio())));
        }
        return out.toString();
    }

    /** The report as JSON: settings, the machine, and per problem both algorithms' statistics and raw values. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "moea");
        ObjectNode s = root.putObject("settings");
        s.put("seeds", settings.seeds());
        s.put("evaluations", settings.evaluations());
        s.put("populationSize", settings.populationSize());
        s.put("warmupRuns", settings.warmupRuns());
        s.put("crossover", "SBX, probability 0.9, distribution index 20");
        s.put("mutation", "polynomial, probability 1/n, distribution index 20");
        s.put(
                "promptevoVariation",
                settings.fusedVariation()
                        ? "RealCodedVariation (SBX then polynomial mutation, one genome per child)"
                        : "crossover.sbx then mutate.polynomial, one after the other");
        s.put("hypervolume", "objectives normalized by the reference front's bounds, reference point 1.0 each");
        ObjectNode machine = root.putObject("machine");
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        ArrayNode list = root.putArray("problems");
        for (ProblemResult p : problems) {
            ObjectNode node = list.addObject();
            node.put("name", p.name());
            algorithm(node.putObject("promptevo"), p.promptevo());
            algorithm(node.putObject("jmetal"), p.jmetal());
            BenchJson.number(node, "hvRatio", p.hvRatio());
            BenchJson.number(node, "wallRatio", p.wallRatio());
        }
        return root;
    }

    public void write(Path file) throws IOException {
        BenchJson.write(file, this::toJson);
    }

    private static void algorithm(ObjectNode node, AlgorithmResult result) {
        node.put("hvMean", result.hvMean());
        node.put("hvStd", result.hvStd());
        node.put("wallMsMedian", result.wallMsMedian());
        ArrayNode hv = node.putArray("hv");
        Arrays.stream(result.hv()).forEach(hv::add);
        ArrayNode wall = node.putArray("wallMs");
        Arrays.stream(result.wallMs()).forEach(wall::add);
    }
}
