package dev.promptevo.engine.evolution;

import dev.promptevo.api.search.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The non-dominated candidates under constraint-domination (Deb et al. 2002, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", section IV): a feasible candidate dominates every
 * infeasible one; among feasible candidates the usual Pareto dominance over the objectives applies.
 * When no candidate is feasible the front is taken over all of them.
 */
public final class ParetoFront {
    private ParetoFront() {}

    public static List<Candidate> of(
            List<Candidate> candidates, List<Objective> objectives, Predicate<Candidate> feasible) {
        List<Candidate> pool = candidates.stream().filter(feasible).toList();
        if (pool.isEmpty()) {
            pool = candidates;
        }
        List<Candidate> front = new ArrayList<>();
        for (Candidate c : pool) {
            boolean dominated = false;
            for (Candidate other : pool) {
                if (other != c && dominates(other, c, objectives)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && front.stream().noneMatch(f -> f.id().equals(c.id()))) {
                front.add(c);
            }
        }
        return front;
    }

    /** {@code a} is no worse than {@code b} on every objective and better on one. */
    static boolean dominates(Candidate a, Candidate b, List<Objective> objectives) {
        boolean better = false;
        for (Objective o : objectives) {
            double x = o.minimized(a.summary());
            double y = o.minimized(b.summary());
            if (x > y) {
                return false;
            }
            if (x < y) {
                better = true;
            }
        }
        return better;
    }
}
