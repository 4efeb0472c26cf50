package dev.promptevo.engine.moea;

import java.util.Arrays;
import java.util.List;

/**
 * Fast non-dominated sorting under constraint-domination, after K. Deb, A. Pratap, S. Agarwal and T.
 * Meyarivan, "A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions on
 * Evolutionary Computation 6(2), 2002, pp. 182-197.
 *
 * <ul>
 *   <li>Section III-A: every pair is compared once; each solution keeps the set it dominates and the
 *       count of solutions dominating it; the first front is the solutions with a zero count, and
 *       each next front is found by decrementing the counts of what the previous one dominates.
 *       {@code O(M N^2)} comparisons for {@code N} solutions and {@code M} objectives.
 *   <li>Section IV (constraint-domination): {@code a} dominates {@code b} when {@code a} is feasible
 *       and {@code b} is not; or both are infeasible and {@code a} has the smaller total violation;
 *       or both are feasible and {@code a} is no worse in every objective and better in one. Two
 *       infeasible solutions with equal violation do not dominate each other.
 * </ul>
 *
 * Fronts list their members in ascending index order, so the result depends only on the input.
 */
public final class NonDominatedSorting {
    private NonDominatedSorting() {}

    /** Whether {@code a} constraint-dominates {@code b}. */
    public static boolean dominates(Fitness a, Fitness b) {
        return compare(a, b) < 0;
    }

    /**
     * The fronts of {@code fitnesses}, best first: {@code fronts[0]} holds the indices of the
     * non-dominated solutions, {@code fronts[1]} those dominated only by the first front, and so on.
     */
    public static int[][] fronts(List<Fitness> fitnesses) {
        return fronts(fitnesses.toArray(Fitness[]::new), fitnesses.size());
    }

    /** The fronts of the first {@code n} entries of {@code fitnesses}; see {@link #fronts(List)}. */
    static int[][] fronts(Fitness[] fitnesses, int n) {
        if (n == 0) {
            return new int[0][];
        }
        int objectives = fitnesses[0].objectiveCount();
        for (int i = 1; i < n; i++) {
            if (fitnesses[i].objectiveCount() != objectives) {
                throw new IllegalArgumentException("every fitness needs " + objectives + " objectives");
            }
        }
        int[] dominatedCount = new int[n];
        int[][] dominates = new int[n][];
        int[] dominatesSize = new int[n];
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                int order = compare(fitnesses[p], fitnesses[q]);
                if (order < 0) {
                    dominates[p] = push(dominates[p], dominatesSize[p]++, q);
                    dominatedCount[q]++;
                } else if (order > 0) {
                    dominates[q] = push(dominates[q], dominatesSize[q]++, p);
                    dominatedCount[p]++;
                }
            }
        }
        int[][] fronts = new int[n][];
        int frontCount = 0;
        int[] current = new int[n];
        int currentSize = 0;
        for (int p = 0; p < n; p++) {
            if (dominatedCount[p] == 0) {
                current[currentSize++] = p;
            }
        }
        int[] next = new int[n];
        while (currentSize > 0) {
            fronts[frontCount++] = Arrays.copyOf(current, currentSize);
            int nextSize = 0;
            for (int i = 0; i < currentSize; i++) {
                int p = current[i];
                for (int k = 0; k < dominatesSize[p]; k++) {
                    int q = dominates[p][k];
                    if (--dominatedCount[q] == 0) {
                        next[nextSize++] = q;
                    }
                }
            }
            Arrays.sort(next, 0, nextSize);
            int[] swap = current;
            current = next;
            next = swap;
            currentSize = nextSize;
        }
        return Arrays.copyOf(fronts, frontCount);
    }

    /** Negative when {@code a} constraint-dominates {@code b}, positive for the reverse, else 0. */
    static int compare(Fitness a, Fitness b) {
        double va = a.constraintViolation();
        double vb = b.constraintViolation();
        if (va != vb) {
            return va < vb ? -1 : 1;
        }
        if (va > 0) {
            return 0;
        }
        boolean aBetter = false;
        boolean bBetter = false;
        int m = a.objectiveCount();
        for (int i = 0; i < m; i++) {
            double x = a.objective(i);
            double y = b.objective(i);
            if (x < y) {
                aBetter = true;
            } else if (y < x) {
                bBetter = true;
            }
        }
        if (aBetter == bBetter) {
            return 0;
        }
        return aBetter ? -1 : 1;
    }

    private static int[] push(int[] list, int size, int value) {
        if (list == null) {
            list = new int[8];
        } else if (size == list.length) {
            list = Arrays.copyOf(list, size * 2);
        }
        list[size] = value;
        return list;
    }
}
