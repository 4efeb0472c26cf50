package dev.promptevo.bench.moea;

import dev.promptevo.engine.moea.Hypervolume;
import java.util.Arrays;
import java.util.List;

/**
 * Hypervolume in jMetal's convention: each objective is normalized by the reference front's bounds,
 * {@code (f - min) / (max - min)}, values below 0 are raised to 0 (as jMetal's {@code
 * VectorUtils.getInvertedFront} does), and the volume is taken below the reference point {@code (1,
 * ..., 1)} with PromptEvo's exact {@link Hypervolume}. A point beyond the reference front's worst value
 * in any objective therefore adds nothing.
 */
public final class NormalizedHypervolume {
    private final double[] ideal;
    private final double[] nadir;

    public NormalizedHypervolume(MoeaProblem problem) {
        this(problem.idealPoint(), problem.nadirPoint());
    }

    NormalizedHypervolume(double[] ideal, double[] nadir) {
        this.ideal = ideal.clone();
        this.nadir = nadir.clone();
    }

    public double of(List<double[]> front) {
        return Hypervolume.of(normalize(front), reference());
    }

    /** The front scaled into the reference front's box, lower values raised to 0. */
    public double[][] normalize(List<double[]> front) {
        double[][] scaled = new double[front.size()][];
        for (int i = 0; i < scaled.length; i++) {
            double[] p = front.get(i);
            double[] q = new double[p.length];
            for (int m = 0; m < p.length; m++) {
                q[m] = Math.max(0.0, (p[m] - ideal[m]) / (nadir[m] - ideal[m]));
            }
            scaled[i] = q;
        }
        return scaled;
    }

    private double[] reference() {
        double[] reference = new double[ideal.length];
        Arrays.fill(reference, 1.0);
        return reference;
    }
}
