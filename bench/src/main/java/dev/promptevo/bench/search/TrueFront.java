package dev.promptevo.bench.search;

import dev.promptevo.engine.moea.Hypervolume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Non-dominated filtering of minimized objective vectors, and the hypervolume normalized by a
 * reference front's bounds: each objective is mapped to {@code (f - min) / (max - min)} with {@code
 * min} and {@code max} taken over the true front, values below 0 are raised to 0 (a found point
 * better than the true front's best in some objective, possible off the enumerated grid, counts as
 * the best), and the volume is taken below the reference point {@code (1, 1, 1)} with PromptEvo's
 * exact {@link Hypervolume}. A point worse than the true front's worst value in any objective adds
 * nothing.
 */
final class TrueFront {
    private TrueFront() {}

    /** The non-dominated vectors (duplicates kept once). */
    static List<double[]> nonDominated(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        // Lexicographic order: no point can be dominated by one sorted after it.
        sorted.sort(TrueFront::lexicographic);
        List<double[]> front = new ArrayList<>();
        for (double[] p : sorted) {
            boolean dominated = false;
            for (double[] q : front) {
                if (dominatesOrEquals(q, p)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(p);
            }
        }
        return front;
    }

    private static int lexicographic(double[] a, double[] b) {
        for (int m = 0; m < a.length; m++) {
            int c = Double.compare(a[m], b[m]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean dominatesOrEquals(double[] a, double[] b) {
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
        }
        return true;
    }

    static double[] ideal(List<double[]> front) {
        double[] ideal = front.get(0).clone();
        for (double[] p : front) {
            for (int m = 0; m < p.length; m++) {
                ideal[m] = Math.min(ideal[m], p[m]);
            }
        }
        return ideal;
    }

    static double[] nadir(List<double[]> front) {
        double[] nadir = front.get(0).clone();
        for (double[] p : front) {
            for (int m = 0; m < p.length; m++) {
                nadir[m] = Math.max(nadir[m], p[m]);
            }
        }
        return nadir;
    }

    static double hypervolume(List<double[]> points, double[] ideal, double[] nadir) {
        List<double[]> scaled = new ArrayList<>();
        for (double[] p : nonDominated(points)) {
            double[] q = new double[p.length];
            boolean inside = true;
            for (int m = 0; m < p.length; m++) {
                double range = nadir[m] - ideal[m];
                q[m] = range > 0 ? Math.max(0.0, (p[m] - ideal[m]) / range) : (p[m] <= ideal[m] ? 0.0 : 1.0);
                inside &= q[m] < 1.0;
            }
            if (inside) {
                scaled.add(q);
            }
        }
        if (scaled.isEmpty()) {
            return 0.0;
        }
        double[] reference = new double[ideal.length];
        Arrays.fill(reference, 1.0);
        scaled.sort(Comparator.comparingDouble(q -> q[0]));
        return Hypervolume.of(scaled, reference);
    }
}
