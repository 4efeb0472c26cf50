package dev.promptevo.engine.moea;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume of a set of points under minimization: the measure of the region that the
 * points dominate and that is bounded by a reference point.
 *
 * <ul>
 *   <li>Two objectives: a sweep in ascending first objective, adding one rectangle per point that
 *       improves the best second objective so far ({@code O(n log n)}).
 *   <li>Three or more: the hypervolume by slicing objectives (HSO) of L. While, P. Hingston, L. Barone
 *       and S. Huband, "A faster algorithm for calculating hypervolume", IEEE Transactions on
 *       Evolutionary Computation 10(1), 2006, pp. 29-38, section III: the points are sorted by the
 *       last objective, each slab between two consecutive values of it is the {@code (d-1)}-dimensional
 *       hypervolume of the points at or below the slab times its depth, recursively down to the
 *       two-objective sweep. Dominated points are dropped from each slab first. Exact; {@code O(n^(d-1)
 *       log n)}, meant for the 2 to 4 objectives the engine uses.
 * </ul>
 *
 * Points that do not strictly dominate the reference point in every objective add nothing and are
 * ignored; duplicates and dominated points are allowed.
 */
public final class Hypervolume {
    private Hypervolume() {}

    /** The hypervolume of {@code points} with respect to {@code reference}. */
    public static double of(List<double[]> points, double[] reference) {
        return of(points.toArray(double[][]::new), reference);
    }

    /** The hypervolume of {@code points} with respect to {@code reference}. */
    public static double of(double[][] points, double[] reference) {
        int d = reference.length;
        if (d == 0) {
            throw new IllegalArgumentException("the reference point needs at least one objective");
        }
        for (double r : reference) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("the reference point must be finite: " + Arrays.toString(reference));
            }
        }
        double[][] inside = new double[points.length][];
        int n = 0;
        for (double[] p : points) {
            if (p.length != d) {
                throw new IllegalArgumentException("every point needs " + d + " objectives, got " + Arrays.toString(p));
            }
            if (strictlyBelow(p, reference)) {
                inside[n++] = p;
            }
        }
        return volume(Arrays.copyOf(inside, n), d, reference);
    }

    private static boolean strictlyBelow(double[] p, double[] reference) {
        for (int i = 0; i < reference.length; i++) {
            if (!(p[i] < reference[i])) {
                return false;
            }
        }
        return true;
    }

    /** The hypervolume of {@code points} in their first {@code d} objectives. */
    private static double volume(double[][] points, int d, double[] reference) {
        if (points.length == 0) {
            return 0.0;
        }
        if (d == 1) {
            double best = reference[0];
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        if (d == 2) {
            return sweep(points, reference);
        }
        int last = d - 1;
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[last]));
        double total = 0.0;
        double[][] slab = new double[sorted.length][];
        int slabSize = 0;
        for (int i = 0; i < sorted.length; i++) {
            slabSize = addNonDominated(slab, slabSize, sorted[i], last);
            double top = i + 1 < sorted.length ? sorted[i + 1][last] : reference[last];
            double depth = top - sorted[i][last];
            if (depth > 0) {
                total += volume(Arrays.copyOf(slab, slabSize), last, reference) * depth;
            }
        }
        return total;
    }

    /**
     * Adds {@code p} to the first {@code size} entries of {@code set} unless one of them weakly
     * dominates it in the first {@code d} objectives, dropping those it dominates; the new size.
     */
    private static int addNonDominated(double[][] set, int size, double[] p, int d) {
        for (int i = 0; i < size; i++) {
            if (weaklyDominates(set[i], p, d)) {
                return size;
            }
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!weaklyDominates(p, set[i], d)) {
                set[kept++] = set[i];
            }
        }
        set[kept++] = p;
        return kept;
    }

    private static boolean weaklyDominates(double[] a, double[] b, int d) {
        for (int i = 0; i < d; i++) {
            if (a[i] > b[i]) {
                return false;
            }
        }
        return true;
    }

    private static double sweep(double[][] points, double[] reference) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0.0;
        double bestSecond = reference[1];
        for (double[] p : sorted) {
            if (p[1] < bestSecond) {
                area += (reference[0] - p[0]) * (bestSecond - p[1]);
                bestSecond = p[1];
            }
        }
        return area;
    }
}
