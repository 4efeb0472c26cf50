package dev.promptevo.engine.moea;

import java.util.List;

/**
 * The crowding distance of each member of one front (Deb et al. 2002, section III-B): per objective,
 * the front is sorted, its two boundary members get an infinite distance, and every other member
 * adds the gap between its two neighbours divided by the objective's range on the front. A larger
 * distance means a less crowded neighbourhood.
 *
 * <p>An objective with zero range on the front adds nothing, neither infinite boundaries nor 0/0 (as
 * jMetal does); a front of one or two members is all boundary. Ties in an objective keep the members' order, so the result depends only
 * on the input.
 */
public final class CrowdingDistance {
    private CrowdingDistance() {}

    /** The distance of each member of {@code front}, in the same order. */
    public static double[] of(List<Fitness> front) {
        Fitness[] fitnesses = front.toArray(Fitness[]::new);
        int[] members = new int[fitnesses.length];
        for (int i = 0; i < members.length; i++) {
            members[i] = i;
        }
        double[] distances = new double[fitnesses.length];
        assign(fitnesses, members, distances);
        return distances;
    }

    /**
     * Writes the crowding distance of each index in {@code front} (members of {@code fitnesses}) to
     * {@code distances} at that index.
     */
    static void assign(Fitness[] fitnesses, int[] front, double[] distances) {
        int size = front.length;
        if (size <= 2) {
            for (int member : front) {
                distances[member] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        for (int member : front) {
            distances[member] = 0.0;
        }
        int objectives = fitnesses[front[0]].objectiveCount();
        int[] order = new int[size];
        double[] values = new double[size];
        for (int m = 0; m < objectives; m++) {
            for (int i = 0; i < size; i++) {
                order[i] = front[i];
                values[i] = fitnesses[front[i]].objective(m);
            }
            IndexSort.ascending(order, values);
            double range = values[size - 1] - values[0];
            if (range == 0.0) {
                continue;
            }
            distances[order[0]] = Double.POSITIVE_INFINITY;
            distances[order[size - 1]] = Double.POSITIVE_INFINITY;
            for (int i = 1; i < size - 1; i++) {
                distances[order[i]] += (values[i + 1] - values[i - 1]) / range;
            }
        }
    }
}
