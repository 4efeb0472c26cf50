package dev.promptevo.engine.evolution;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.task.Task;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** Aggregates a candidate's evaluations: rates, means, latency percentiles, the composite score. */
public final class Summaries {
    private Summaries() {}

    public static MetricsSummary of(List<Evaluation> evaluations, Task task) {
        int n = evaluations.size();
        if (n == 0) {
            throw new IllegalArgumentException("no evaluations to summarize");
        }
        double composite = 0, pass = 0, schema = 0, flagged = 0, validator = 0, accuracy = 0;
        double cost = 0, repairs = 0, errors = 0, robust = 0, agreement = 0;
        int voted = 0;
        long tokens = 0;
        double[] latencies = new double[n];
        for (int i = 0; i < n; i++) {
            Evaluation e = evaluations.get(i);
            ExecutionMetrics m = e.metrics();
            composite += task.weights().score(m, task.gates());
            pass += task.gates().passes(m) ? 1 : 0;
            schema += m.schemaOk() ? 1 : 0;
            flagged += m.safetyFlags() > 0 ? 1 : 0;
            validator += m.validatorScore();
            accuracy += m.accuracy();
            cost += m.costUsd();
            repairs += m.repairs();
            errors += e.failedToRun() ? 1 : 0;
            robust += m.schemaOk() && m.repairs() == 0 && m.safetyFlags() == 0 ? 1 : 0;
            tokens += m.tokensTotal();
            if (e.agreement().isPresent()) {
                agreement += e.agreement().getAsDouble();
                voted++;
            }
            latencies[i] = m.latencyMs();
        }
        Arrays.sort(latencies);
        return new MetricsSummary(
                n,
                composite / n,
                pass / n,
                schema / n,
                flagged / n,
                validator / n,
                accuracy / n,
                percentile(latencies, 0.50),
                percentile(latencies, 0.95),
                (double) tokens / n,
                cost / n,
                repairs / n,
                errors / n,
                tokens,
                cost,
                robust / n,
                voted == 0 ? OptionalDouble.empty() : OptionalDouble.of(agreement / voted));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
