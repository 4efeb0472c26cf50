package dev.promptevo.bench.bandit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.bench.BenchJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of the {@code bandit} benchmark: regret on the Bernoulli settings, the reward-update
 * comparison on fractional rewards, and {@code choose} latency. A part that was not run is empty.
 *
 * @param settings what ran, in words, for the JSON
 */
record BanditReport(
        ObjectNode settings,
        int seeds,
        List<RegretBenchmark.ExperimentResult> regret,
        int updateSeeds,
        List<RegretBenchmark.ExperimentResult> updateRule,
        List<LatencyBenchmark.Latency> latency) {

    static final String THOMPSON = "thompson";
    static final String BERNOULLI_TRICK = "thompson-bernoulli-trick";
    static final String UCB1 = "ucb1";

    /** Growth of the mean regret over each decade {@code [T, 10 T]} among the checkpoints. */
    record Decade(long from, long to, double growth, double standardError) {}

    static List<Decade> decades(long[] checkpoints, RegretBenchmark.PolicyRun run) {
        double[] mean = run.mean();
        List<Decade> decades = new java.util.ArrayList<>();
        for (int c = 0; c + 1 < checkpoints.length; c++) {
            if (checkpoints[c + 1] != 10 * checkpoints[c]) {
                continue;
            }
            double[] diffs = new double[run.regret().length];
            for (int s = 0; s < diffs.length; s++) {
                diffs[s] = run.regret()[s][c + 1] - run.regret()[s][c];
            }
            double m = mean[c + 1] - mean[c];
            double squares = Arrays.stream(diffs).map(d -> (d - m) * (d - m)).sum();
            double se = diffs.length > 1 ? Math.sqrt(squares / (diffs.length - 1) / diffs.length) : 0;
            decades.add(new Decade(checkpoints[c], checkpoints[c + 1], m, se));
        }
        return decades;
    }

    /** The last decade's growth over the Lai-Robbins slope {@code c ln 10}; empty without a decade. */
    static Optional<Double> slopeRatio(RegretBenchmark.ExperimentResult result, String policy) {
        List<Decade> decades = decades(result.checkpoints(), result.run(policy));
        if (decades.isEmpty() || !result.scenario().isBernoulli()) {
            return Optional.empty();
        }
        return Optional.of(decades.getLast().growth() / (result.scenario().laiRobbinsConstant() * Math.log(10)));
    }

    /** Whether Thompson sampling's mean regret is below UCB1's at every checkpoint; empty if either is missing. */
    static Optional<Boolean> thompsonBelowUcb1(RegretBenchmark.ExperimentResult result) {
        if (!hasPolicy(result, THOMPSON) || !hasPolicy(result, UCB1)) {
            return Optional.empty();
        }
        double[] ts = result.run(THOMPSON).mean();
        double[] ucb = result.run(UCB1).mean();
        for (int c = 0; c < ts.length; c++) {
            if (!(ts[c] < ucb[c])) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private static boolean hasPolicy(RegretBenchmark.ExperimentResult result, String policy) {
        return result.runs().stream().anyMatch(r -> r.policy().equals(policy));
    }

    String table() {
        StringBuilder out = new StringBuilder();
        if (!regret.isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "Expected regret, mean over %d seeds (standard error in the JSON); Chapelle & Li (2011):"
                            + " best arm 0.5, the others 0.5 - eps, Bernoulli rewards%n",
                    seeds));
            regretTable(out, regret, true);
            for (RegretBenchmark.ExperimentResult r : regret) {
                thompsonBelowUcb1(r)
                        .ifPresent(below -> out.append(String.format(
                                Locale.ROOT,
                                "  %s: Thompson below UCB1 at every checkpoint: %s%n",
                                r.scenario().label(),
                                below ? "yes" : "NO")));
            }
        }
        if (!updateRule.isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nReward update on fractional rewards, mean regret over %d seeds: fractional (alpha += r,"
                            + " beta += 1 - r) vs the Bernoulli trick (Agrawal & Goyal 2012)%n",
                    updateSeeds));
            regretTable(out, updateRule, false);
            for (RegretBenchmark.ExperimentResult r : updateRule) {
                if (hasPolicy(r, THOMPSON) && hasPolicy(r, BERNOULLI_TRICK)) {
                    double[] f = r.run(THOMPSON).mean();
                    double[] b = r.run(BERNOULLI_TRICK).mean();
                    out.append(String.format(
                            Locale.ROOT,
                            "  %s: Bernoulli trick / fractional at T=%d: %.3f%n",
                            r.scenario().label(),
                            r.checkpoints()[r.checkpoints().length - 1],
                            b[b.length - 1] / f[f.length - 1]));
                }
            }
        }
        if (!latency.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nThompsonBandit latency (JMH sample time), ns per call%n"));
            String format = "%-18s | %4s | %7s | %10s | %9s | %9s | %9s | %9s%n";
            out.append(String.format(
                    Locale.ROOT, format, "benchmark", "K", "threads", "samples", "mean", "p50", "p90", "p99"));
            for (LatencyBenchmark.Latency l : latency) {
                out.append(String.format(
                        Locale.ROOT,
                        format,
                        l.benchmark(),
                        l.arms(),
                        l.threads(),
                        l.samples(),
                        fixed(l.mean(), 0),
                        fixed(l.p50(), 0),
                        fixed(l.p90(), 0),
                        fixed(l.p99(), 0)));
            }
        }
        return out.toString();
    }

    private static void regretTable(
            StringBuilder out, List<RegretBenchmark.ExperimentResult> results, boolean laiRobbins) {
        long[] checkpoints = results.getFirst().checkpoints();
        StringBuilder format = new StringBuilder("%-4s | %-5s | %-6s | %-24s");
        for (int c = 0; c < checkpoints.length; c++) {
            format.append(" | %9s");
        }
        format.append(" | %13s");
        if (laiRobbins) {
            format.append(" | %10s | %6s");
        }
        format.append(" | %7s%n");
        List<Object> header = new java.util.ArrayList<>(List.of("K", "eps", "kappa", "policy"));
        for (long c : checkpoints) {
            header.add("T=" + power(c));
        }
        header.add("last decade");
        if (laiRobbins) {
            header.add("c ln 10");
            header.add("ratio");
        }
        header.add("s/seed");
        out.append(String.format(Locale.ROOT, format.toString(), header.toArray()));
        for (RegretBenchmark.ExperimentResult r : results) {
            Scenario s = r.scenario();
            for (RegretBenchmark.PolicyRun run : r.runs()) {
                List<Object> row = new java.util.ArrayList<>();
                row.add(Integer.toString(s.k()));
                row.add(Scenario.number(s.gap()));
                row.add(s.isBernoulli() ? "-" : Scenario.number(s.concentration()));
                row.add(run.policy());
                for (double m : run.mean()) {
                    row.add(fixed(m, 1));
                }
                List<Decade> decades = decades(r.checkpoints(), run);
                row.add(decades.isEmpty() ? "-" : fixed(decades.getLast().growth(), 1));
                if (laiRobbins) {
                    row.add(fixed(s.laiRobbinsConstant() * Math.log(10), 1));
                    row.add(slopeRatio(r, run.policy()).map(x -> fixed(x, 3)).orElse("-"));
                }
                row.add(fixed(run.medianSeconds(), 2));
                out.append(String.format(Locale.ROOT, format.toString(), row.toArray()));
            }
        }
    }

    private static String power(long value) {
        long p = 1;
        int e = 0;
        while (p < value) {
            p *= 10;
            e++;
        }
        return p == value ? "1e" + e : Long.toString(value);
    }

    private static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "bandit");
        root.set("settings", settings);
        ObjectNode machine = root.putObject("machine");
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ArrayNode regretNode = root.putArray("regret");
        regret.forEach(r -> regretNode.add(experiment(mapper, r)));
        if (!regret.isEmpty()) {
            ObjectNode targets = root.putObject("targets");
            List<Optional<Boolean>> below =
                    regret.stream().map(BanditReport::thompsonBelowUcb1).toList();
            if (below.stream().allMatch(Optional::isPresent)) {
                targets.put("thompsonBelowUcb1Everywhere", below.stream().allMatch(Optional::get));
            }
            regret.stream()
                    .filter(r -> r.scenario().k() == 10 && r.scenario().gap() == 0.1)
                    .findFirst()
                    .flatMap(r -> hasPolicy(r, THOMPSON) ? slopeRatio(r, THOMPSON) : Optional.empty())
                    .ifPresent(ratio -> {
                        targets.put("k10Eps01GrowthOverLaiRobbins", ratio);
                        targets.put("k10Eps01WithinFifteenPercent", Math.abs(ratio - 1) <= 0.15);
                    });
        }
        ArrayNode updateNode = root.putArray("updateRule");
        updateRule.forEach(r -> updateNode.add(experiment(mapper, r)));
        ArrayNode latencyNode = root.putArray("latency");
        for (LatencyBenchmark.Latency l : latency) {
            ObjectNode node = latencyNode.addObject();
            node.put("benchmark", l.benchmark());
            node.put("arms", l.arms());
            node.put("threads", l.threads());
            node.put("samples", l.samples());
            node.put("unit", "ns");
            BenchJson.number(node, "mean", l.mean());
            BenchJson.number(node, "p50", l.p50());
            BenchJson.number(node, "p90", l.p90());
            BenchJson.number(node, "p99", l.p99());
        }
        return root;
    }

    private static ObjectNode experiment(ObjectMapper mapper, RegretBenchmark.ExperimentResult r) {
        ObjectNode node = mapper.createObjectNode();
        Scenario s = r.scenario();
        node.put("arms", s.k());
        node.put("gap", s.gap());
        node.put("rewards", s.rewards());
        if (!s.isBernoulli()) {
            node.put("concentration", s.concentration());
        }
        ArrayNode checkpoints = node.putArray("checkpoints");
        Arrays.stream(r.checkpoints()).forEach(checkpoints::add);
        if (s.isBernoulli()) {
            node.put("laiRobbinsC", s.laiRobbinsConstant());
            node.put("laiRobbinsSlopePerDecade", s.laiRobbinsConstant() * Math.log(10));
            thompsonBelowUcb1(r).ifPresent(b -> node.put("thompsonBelowUcb1", b));
        }
        ArrayNode policies = node.putArray("policies");
        for (RegretBenchmark.PolicyRun run : r.runs()) {
            ObjectNode p = policies.addObject();
            p.put("policy", run.policy());
            array(p.putArray("meanRegret"), run.mean());
            array(p.putArray("standardError"), run.standardError());
            ArrayNode decades = p.putArray("growthPerDecade");
            for (Decade d : decades(r.checkpoints(), run)) {
                ObjectNode dn = decades.addObject();
                dn.put("from", d.from());
                dn.put("to", d.to());
                dn.put("growth", d.growth());
                dn.put("standardError", d.standardError());
            }
            slopeRatio(r, run.policy()).ifPresent(x -> p.put("lastDecadeOverLaiRobbins", x));
            p.put("medianSecondsPerSeed", run.medianSeconds());
            ArrayNode perSeed = p.putArray("regretPerSeed");
            for (double[] seedRegret : run.regret()) {
                array(perSeed.addArray(), seedRegret);
            }
        }
        return node;
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }

    void write(Path file) throws IOException {
        BenchJson.write(file, this::toJson);
    }
}
