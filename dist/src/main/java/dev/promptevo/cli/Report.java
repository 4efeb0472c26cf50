package dev.promptevo.cli;

import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.OptimizationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The human-readable end of a run: base vs best (the seed's promise as a table), the front, the spend. */
final class Report {
    private Report() {}

    static void print(OptimizationResult result, PrintWriter out) {
        MetricsSummary trainBase = result.base().summary();
        MetricsSummary trainBest = result.best().summary();
        MetricsSummary holdoutBase = result.holdout().get(result.base().id());
        MetricsSummary holdoutBest = result.holdout().get(result.best().id());
        boolean onHoldout = holdoutBase != null && holdoutBest != null;
        MetricsSummary base = onHoldout ? holdoutBase : trainBase;
        MetricsSummary best = onHoldout ? holdoutBest : trainBest;
        out.println();
        out.println(
                onHoldout
                        ? "Best genome vs base, on the hold-out (" + result.holdoutExamples()
                                + " examples the search never saw)"
                        : "Best genome vs base (" + trainBase.examples() + " training examples each)");
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "", "base", "best", "change");
        row(out, "composite score", base, best, MetricsSummary::composite, "%.4f", false);
        row(out, "quality (gates passed)", base, best, MetricsSummary::passRate, "%.1f%%", true);
        row(out, "accuracy", base, best, MetricsSummary::meanAccuracy, "%.1f%%", true);
        row(out, "robustness (clean JSON)", base, best, MetricsSummary::robustness, "%.1f%%", true);
        row(out, "latency p95 (ms)", base, best, MetricsSummary::latencyP95Ms, "%.0f", false);
        row(out, "cost per query (USD)", base, best, MetricsSummary::meanCostUsd, "%.6f", false);
        row(out, "tokens per query", base, best, MetricsSummary::meanTokens, "%.0f", false);
        row(out, "repairs per query", base, best, MetricsSummary::meanRepairs, "%.3f", false);
        if (onHoldout) {
            out.printf(
                    Locale.ROOT,
                    "  on the %d training examples: base %.4f, best %.4f (the best's hold-out gap: %+.4f)%n",
                    result.trainExamples(),
                    trainBase.composite(),
                    trainBest.composite(),
                    holdoutBest.composite() - trainBest.composite());
        }
        out.println();
        out.println(
                "  base " + result.base().id() + "  " + describe(result.base().genome()));
        out.println(
                "  best " + result.best().id() + "  " + describe(result.best().genome()));
        out.println("       made by " + result.best().operator() + " in generation "
                + result.best().generation());

        out.println();
        out.println("Pareto-optimal candidates (quality up, cost down, latency p95 down)");
        out.printf(
                Locale.ROOT,
                "  %-16s %9s %9s %12s %10s  %s%n",
                "genome",
                "composite",
                "quality",
                "cost/query",
                "p95 ms",
                "configuration");
        List<Candidate> front = result.paretoFront().stream()
                .sorted((a, b) -> Double.compare(b.composite(), a.composite()))
                .toList();
        for (Candidate c : front) {
            MetricsSummary s = c.summary();
            out.printf(
                    Locale.ROOT,
                    "  %-16s %9.4f %8.1f%% %12.6f %10.0f  %s%n",
                    c.id(),
                    s.composite(),
                    100 * s.passRate(),
                    s.meanCostUsd(),
                    s.latencyP95Ms(),
                    describe(c.genome()));
        }

        if (!result.operatorStats().isEmpty()) {
            out.println();
            out.println("Operators (children that beat their parents)");
            for (var stats : result.operatorStats()) {
                out.printf(
                        Locale.ROOT,
                        "  %-30s %4d / %-4d %5.1f%%%n",
                        stats.operator(),
                        stats.successes(),
                        stats.children(),
                        100 * stats.successRate());
            }
        }

        if (!result.failedEvaluations().isEmpty()) {
            out.println();
            out.println("Failed evaluations (the model call failed; each counts as a failed example)");
            result.failedEvaluations().entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                    .limit(5)
                    .forEach(e -> out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
        }

        var spent = result.spent();
        out.println();
        out.printf(
                Locale.ROOT,
                "Spent: %d model calls (%d failed), %d tokens, $%.4f, %.1f s wall time; %d candidates over %d"
                        + " generations (%d more dropped by early rejection on a rung); stopped: %s%n",
                spent.calls(),
                spent.failedCalls(),
                spent.tokens(),
                spent.costUsd(),
                spent.wallSeconds(),
                result.candidates().size(),
                result.generations().size(),
                result.rejectedCandidates(),
                result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        result.cache()
                .ifPresent(cache -> out.printf(
                        Locale.ROOT,
                        "Cache: %d calls answered from the cache (%.1f%%; $%.4f and %d tokens not spent), %d made and"
                                + " stored, %d not cacheable (the backend does not promise the same answer twice)%n",
                        cache.hits(),
                        100 * cache.hitRate(),
                        cache.savedUsd(),
                        cache.savedTokens(),
                        cache.misses(),
                        cache.uncacheable()));
    }

    private static void row(
            PrintWriter out,
            String label,
            MetricsSummary base,
            MetricsSummary best,
            ToDoubleFunction<MetricsSummary> metric,
            String format,
            boolean percent) {
        double a = metric.applyAsDouble(base);
        double b = metric.applyAsDouble(best);
        double scale = percent ? 100 : 1;
        String change;
        if (percent) {
            change = String.format(Locale.ROOT, "%+.1f pt", 100 * (b - a));
        } else if (a != 0) {
            change = String.format(Locale.ROOT, "%+.0f%%", 100 * (b - a) / Math.abs(a));
        } else {
            change = "";
        }
        out.printf(
                Locale.ROOT,
                "  %-26s %12s %12s %10s%n",
                label,
                String.format(Locale.ROOT, format, scale * a),
                String.format(Locale.ROOT, format, scale * b),
                change);
    }

    /** The non-text genes in one line, and the rubric's length. */
    static String describe(Genome genome) {
        StringBuilder text = new StringBuilder();
        genome.alleles().forEach((name, allele) -> {
            if (allele instanceof dev.promptevo.api.genome.Allele.Text(String v) && name.equals("rubric")) {
                text.append("rubric=").append(v.length()).append("ch ");
            } else {
                text.append(name).append('=').append(allele.toJson()).append(' ');
            }
        });
        return text.toString().strip();
    }
}
