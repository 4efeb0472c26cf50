package dev.promptevo.engine.evolution;

import dev.promptevo.api.plugin.Plugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * Adaptive operator selection: an operator earns credit when a child it helped make beats the best
 * of its parents, and operators are drawn by Thompson sampling over that credit (each operator's
 * success probability has a Beta(1 + successes, 1 + failures) posterior; the operator with the
 * largest posterior draw is applied). See D. Thierens, "An adaptive pursuit strategy for allocating
 * operator probabilities" (GECCO 2005) for the credit idea, and W. R. Thompson, "On the likelihood
 * that one unknown probability exceeds another" (Biometrika, 1933) for the draw.
 *
 * <p>Not thread-safe: used on the run's own thread only, with the run's generator, so runs replay.
 */
final class OperatorCredit {
    private final Map<String, int[]> trialsAndSuccesses = new LinkedHashMap<>();
    private final boolean adaptive;

    OperatorCredit(boolean adaptive) {
        this.adaptive = adaptive;
    }

    /** One of {@code operators}: by Thompson sampling when adaptive, else uniformly. */
    <T extends Plugin> T pick(List<T> operators, RandomGenerator random) {
        if (!adaptive || operators.size() == 1) {
            return operators.get(random.nextInt(operators.size()));
        }
        UniformRandomProvider source = random::nextLong;
        T best = null;
        double bestDraw = -1;
        for (T operator : operators) {
            int[] record = trialsAndSuccesses.getOrDefault(operator.id(), new int[2]);
            double draw = ChengBetaSampler.of(source, 1.0 + record[1], 1.0 + record[0] - record[1])
                    .sample();
            if (draw > bestDraw) {
                bestDraw = draw;
                best = operator;
            }
        }
        return best;
    }

    /** Credits every operator that took part in making a child ({@code a+b} names two). */
    void record(String operatorChain, boolean childBeatParents) {
        for (String id : operatorChain.split("\\+")) {
            int[] record = trialsAndSuccesses.computeIfAbsent(id, k -> new int[2]);
            record[0]++;
            if (childBeatParents) {
                record[1]++;
            }
        }
    }

    /** Takes over the record of a resumed run. */
    void restore(List<OperatorStats> stats) {
        trialsAndSuccesses.clear();
        stats.forEach(s -> trialsAndSuccesses.put(s.operator(), new int[] {s.children(), s.successes()}));
    }

    List<OperatorStats> stats() {
        List<OperatorStats> stats = new ArrayList<>();
        trialsAndSuccesses.forEach((id, r) -> stats.add(new OperatorStats(id, r[0], r[1])));
        stats.sort((a, b) -> a.operator().compareTo(b.operator()));
        return stats;
    }
}
