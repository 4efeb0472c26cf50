package dev.promptevo.bench.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.bench.BenchJson;
import dev.promptevo.engine.task.GenomeJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The outcome of a {@link SearchBenchmark}: the true optimum and front, and per strategy its statistics over seeds. */
public record SearchReport(
        SearchBenchmark.Settings settings,
        Optimum optimum,
        double target,
        int trainExamples,
        List<StrategyResult> strategies) {

    public SearchReport {
        strategies = List.copyOf(strategies);
    }

    /** The enumerated grid's best configuration and true front. */
    public record Optimum(
            Genome genome,
            SearchTruth.Value value,
            int configurations,
            int frontSize,
            double frontHypervolume,
            double[] ideal,
            double[] nadir,
            double enumerationSeconds) {}

    /**
     * One strategy on one seed.
     *
     * @param callsToTarget calls spent when the pick's true composite first reached the target; -1 if
     *     never
     * @param hvRatio the hypervolume of every candidate the run evaluated completely, over the true
     *     front's
     * @param frontHvRatio the same of the front the run reports (PromptEvo: the non-dominated
     *     candidates of its whole archive by its own measurements); NaN for strategies without one
     * @param populationHvRatio the same of the run's last population (PromptEvo); NaN otherwise
     * @param curve (calls, true composite of the pick) after every step of the strategy
     */
    public record SeedResult(
            long seed,
            long callsToTarget,
            double hvRatio,
            double frontHvRatio,
            double populationHvRatio,
            double finalTrueComposite,
            long callsSpent,
            int candidates,
            String stopReason,
            double[][] curve) {}

    /**
     * One strategy over all seeds.
     *
     * @param medianCallsToTarget median over seeds, a seed that never reached the target counting as
     *     infinitely many calls; {@code +Infinity} when at most half the seeds reached it
     */
    public record StrategyResult(
            String name,
            double medianCallsToTarget,
            double successRate,
            double medianHvRatio,
            double medianFrontHvRatio,
            double medianPopulationHvRatio,
            double medianFinalTrueComposite,
            double medianCallsSpent,
            List<SeedResult> seeds) {

        static StrategyResult of(String name, List<SeedResult> seeds) {
            double[] calls = seeds.stream()
                    .mapToDouble(s -> s.callsToTarget() < 0 ? Double.POSITIVE_INFINITY : s.callsToTarget())
                    .toArray();
            double success = seeds.stream().filter(s -> s.callsToTarget() >= 0).count() / (double) seeds.size();
            return new StrategyResult(
                    name,
                    median(calls),
                    success,
                    median(seeds.stream().mapToDouble(SeedResult::hvRatio).toArray()),
                    median(seeds.stream().mapToDouble(SeedResult::frontHvRatio).toArray()),
                    median(seeds.stream()
                            .mapToDouble(SeedResult::populationHvRatio)
                            .toArray()),
                    median(seeds.stream()
                            .mapToDouble(SeedResult::finalTrueComposite)
                            .toArray()),
                    median(seeds.stream().mapToDouble(SeedResult::callsSpent).toArray()),
                    seeds);
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "median calls to target %s, success %.2f, median HV ratio %.4f (reported front %.4f, last"
                            + " population %.4f), median final true composite %.4f",
                    calls(medianCallsToTarget),
                    successRate,
                    medianHvRatio,
                    medianFrontHvRatio,
                    medianPopulationHvRatio,
                    medianFinalTrueComposite);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String calls(double value) {
        return Double.isInfinite(value) ? "never" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A plain-text table, one row per strategy. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "search: %d seeds, %d calls each, %d training examples; optimum %.4f over %d configurations,"
                        + " target %.4f (%.0f%%); true front %d points%n",
                settings.seeds(),
                settings.budgetCalls(),
                trainExamples,
                optimum.value().composite(),
                optimum.configurations(),
                target,
                settings.targetShare() * 100,
                optimum.frontSize()));
        String format = "%-30s | %16s | %7s | %10s | %10s | %10s | %14s | %11s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "strategy",
                "med calls to tgt",
                "success",
                "med HV rat",
                "front HV",
                "pop HV",
                "med final true",
                "med calls"));
        for (StrategyResult s : strategies) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    s.name(),
                    calls(s.medianCallsToTarget()),
                    String.format(Locale.ROOT, "%.2f", s.successRate()),
                    String.format(Locale.ROOT, "%.4f", s.medianHvRatio()),
                    ratio(s.medianFrontHvRatio()),
                    ratio(s.medianPopulationHvRatio()),
                    String.format(Locale.ROOT, "%.4f", s.medianFinalTrueComposite()),
                    String.format(Locale.ROOT, "%.0f", s.medianCallsSpent())));
        }
        return out.toString();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "search");
        ObjectNode s = root.putObject("settings");
        s.put("task", settings.bundle().task().id());
        s.put("trainExamples", trainExamples);
        s.put("holdoutFraction", 0.0);
        s.put("seeds", settings.seeds());
        s.put("firstSeed", settings.firstSeed());
        s.put("budgetCalls", settings.budgetCalls());
        s.put("targetShare", settings.targetShare());
        s.put("greedyThreshold", settings.greedyThreshold());
        s.put(
                "hypervolume",
                "objectives (-true composite, mean expected cost per example, p95 over examples of expected"
                        + " latency), normalized by the true front's min and max, values below 0 raised to 0,"
                        + " reference point 1.0 each");
        ObjectNode grid = s.putObject("grid");
        ArrayNode t = grid.putArray("temperatures");
        settings.grid().temperatures().forEach(t::add);
        ArrayNode mt = grid.putArray("maxTokens");
        settings.grid().maxTokens().forEach(mt::add);
        ArrayNode k = grid.putArray("topKs");
        settings.grid().topKs().forEach(k::add);
        ArrayNode c = grid.putArray("consensus");
        settings.grid().consensus().forEach(c::add);
        grid.put("principleSubsets", settings.grid().principleSubsets().size());
        ObjectNode machine = root.putObject("machine");
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());

        ObjectNode o = root.putObject("optimum");
        o.put("value", optimum.value().composite());
        o.put("passProbability", optimum.value().passProbability());
        o.put("costUsd", optimum.value().costUsd());
        o.put("latencyP95Ms", optimum.value().latencyP95Ms());
        o.put("tokens", optimum.value().tokens());
        o.set("genome", GenomeJson.toNode(optimum.genome()));
        o.put("configurations", optimum.configurations());
        o.put("target", target);
        o.put("trueFrontSize", optimum.frontSize());
        o.put("trueFrontHypervolume", optimum.frontHypervolume());
        ArrayNode ideal = o.putArray("trueFrontIdeal");
        Arrays.stream(optimum.ideal()).forEach(ideal::add);
        ArrayNode nadir = o.putArray("trueFrontNadir");
        Arrays.stream(optimum.nadir()).forEach(nadir::add);
        o.put("enumerationSeconds", optimum.enumerationSeconds());

        ArrayNode list = root.putArray("strategies");
        for (StrategyResult r : strategies) {
            ObjectNode node = list.addObject();
            node.put("name", r.name());
            BenchJson.number(node, "medianCallsToTarget", r.medianCallsToTarget());
            node.put("successRate", r.successRate());
            BenchJson.number(node, "medianHvRatio", r.medianHvRatio());
            BenchJson.number(node, "medianFrontHvRatio", r.medianFrontHvRatio());
            BenchJson.number(node, "medianPopulationHvRatio", r.medianPopulationHvRatio());
            BenchJson.number(node, "medianFinalTrueComposite", r.medianFinalTrueComposite());
            node.put("medianCallsSpent", r.medianCallsSpent());
            ArrayNode seeds = node.putArray("seeds");
            for (SeedResult sr : r.seeds()) {
                ObjectNode sn = seeds.addObject();
                sn.put("seed", sr.seed());
                if (sr.callsToTarget() >= 0) {
                    sn.put("callsToTarget", sr.callsToTarget());
                } else {
                    sn.putNull("callsToTarget");
                }
                BenchJson.number(sn, "hvRatio", sr.hvRatio());
                BenchJson.number(sn, "frontHvRatio", sr.frontHvRatio());
                BenchJson.number(sn, "populationHvRatio", sr.populationHvRatio());
                BenchJson.number(sn, "finalTrueComposite", sr.finalTrueComposite());
                sn.put("callsSpent", sr.callsSpent());
                sn.put("candidates", sr.candidates());
                sn.put("stopReason", sr.stopReason());
                ArrayNode curve = sn.putArray("curve");
                for (double[] p : sr.curve()) {
                    ArrayNode point = curve.addArray();
                    point.add((long) p[0]);
                    point.add(p[1]);
                }
            }
        }
        return root;
    }

    public void write(Path file) throws IOException {
        BenchJson.write(file, this::toJson);
    }
}
