package dev.promptevo.bench.moea;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.engine.moea.Fitness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.uma.jmetal.problem.doubleproblem.DoubleProblem;
import org.uma.jmetal.problem.multiobjective.dtlz.DTLZ2;
import org.uma.jmetal.problem.multiobjective.zdt.ZDT1;
import org.uma.jmetal.problem.multiobjective.zdt.ZDT2;
import org.uma.jmetal.problem.multiobjective.zdt.ZDT3;
import org.uma.jmetal.problem.multiobjective.zdt.ZDT4;
import org.uma.jmetal.problem.multiobjective.zdt.ZDT6;

/**
 * A box-constrained real-valued test problem, in both worlds: for PromptEvo a {@link SearchSpace} of
 * real genes and an evaluation {@code Genome -> Fitness}; for jMetal its own implementation of the
 * same problem. Each side runs on its native representation.
 *
 * <p>The problems are ZDT1-4 and ZDT6 (E. Zitzler, K. Deb and L. Thiele, "Comparison of
 * multiobjective evolutionary algorithms: empirical results", Evolutionary Computation 8(2), 2000)
 * and DTLZ2 with 3 objectives (K. Deb, L. Thiele, M. Laumanns and E. Zitzler, "Scalable
 * multi-objective optimization test problems", CEC 2002), with the usual numbers of variables.
 *
 * <p>Genes are named {@code x00, x01, ...} so that a genome's canonical (lexicographic) order is the
 * variable order, and their resolution is {@link Double#MIN_VALUE}: every double is a multiple of
 * it, so the gene's grid is exactly the doubles in its range and {@link Gene.RealGene#snap} keeps
 * every value SBX and polynomial mutation compute, as jMetal's {@code DoubleSolution} does. Any
 * coarser grid gives PromptEvo an edge jMetal never gets: with 1e-10, every variable below 5e-11
 * snapped to exactly 0, where ZDT6's {@code g = 1 + 9 (sum / 9)^0.25} is at its optimum and so steep
 * that 1e-10 still costs 1.6% of it; that alone raised ZDT6's hypervolume 2.4% above jMetal's.
 *
 * @param referenceFront the true Pareto front, sampled from its closed form; its per-objective bounds
 *     normalize every front before its hypervolume is taken
 */
public record MoeaProblem(
        String name,
        double[] lower,
        double[] upper,
        int objectives,
        Objectives function,
        List<double[]> referenceFront,
        Supplier<DoubleProblem> jmetal) {

    static final double RESOLUTION = Double.MIN_VALUE;
    private static final int FRONT_POINTS = 1_000;

    /** The objective vector of a variable vector. */
    @FunctionalInterface
    public interface Objectives {
        double[] of(double[] x);
    }

    public MoeaProblem {
        lower = lower.clone();
        upper = upper.clone();
        referenceFront = List.copyOf(referenceFront);
    }

    public int variables() {
        return lower.length;
    }

    public SearchSpace space() {
        List<Gene> genes = new ArrayList<>(variables());
        for (int i = 0; i < variables(); i++) {
            genes.add(Gene.real(geneName(i), lower[i], upper[i], RESOLUTION));
        }
        return new SearchSpace(genes);
    }

    static String geneName(int index) {
        return String.format(Locale.ROOT, "x%02d", index);
    }

    /** The variables of a genome of {@link #space()}, in order. */
    public static double[] variables(Genome genome) {
        double[] x = new double[genome.alleles().size()];
        int i = 0;
        for (Allele allele : genome.alleles().values()) {
            x[i++] = ((Allele.Real) allele).value();
        }
        return x;
    }

    /** PromptEvo's evaluation: the objectives of the genome's variables, unconstrained. */
    public Fitness fitness(Genome genome) {
        return Fitness.of(function.of(variables(genome)));
    }

    /** The smallest value of each objective over the reference front. */
    public double[] idealPoint() {
        double[] ideal = new double[objectives];
        Arrays.fill(ideal, Double.POSITIVE_INFINITY);
        for (double[] p : referenceFront) {
            for (int m = 0; m < objectives; m++) {
                ideal[m] = Math.min(ideal[m], p[m]);
            }
        }
        return ideal;
    }

    /** The largest value of each objective over the reference front. */
    public double[] nadirPoint() {
        double[] nadir = new double[objectives];
        Arrays.fill(nadir, Double.NEGATIVE_INFINITY);
        for (double[] p : referenceFront) {
            for (int m = 0; m < objectives; m++) {
                nadir[m] = Math.max(nadir[m], p[m]);
            }
        }
        return nadir;
    }

    private static final List<MoeaProblem> ALL = List.of(zdt1(), zdt2(), zdt3(), zdt4(), zdt6(), dtlz2());

    /** The six problems of the benchmark, in report order. */
    public static List<MoeaProblem> all() {
        return ALL;
    }

    public static MoeaProblem named(String name) {
        return all().stream()
                .filter(p -> p.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no problem '" + name + "'; known: "
                        + all().stream().map(MoeaProblem::name).toList()));
    }

    /** ZDT1: 30 variables in [0, 1]; front {@code f2 = 1 - sqrt(f1)}, f1 in [0, 1]. */
    public static MoeaProblem zdt1() {
        return new MoeaProblem(
                "ZDT1",
                filled(30, 0.0),
                filled(30, 1.0),
                2,
                x -> zdt(x[0], zdtG(x), (f1, g) -> 1 - Math.sqrt(f1 / g)),
                curve(0.0, 1.0, f1 -> 1 - Math.sqrt(f1)),
                ZDT1::new);
    }

    /** ZDT2: 30 variables in [0, 1]; front {@code f2 = 1 - f1^2}, f1 in [0, 1]. */
    public static MoeaProblem zdt2() {
        return new MoeaProblem(
                "ZDT2",
                filled(30, 0.0),
                filled(30, 1.0),
                2,
                x -> zdt(x[0], zdtG(x), (f1, g) -> 1 - (f1 / g) * (f1 / g)),
                curve(0.0, 1.0, f1 -> 1 - f1 * f1),
                ZDT2::new);
    }

    /**
     * ZDT3: 30 variables in [0, 1]; the front is the non-dominated part of {@code f2 = 1 - sqrt(f1) -
     * f1 sin(10 pi f1)}, five disconnected segments with f1 in [0, 0.8518328654].
     */
    public static MoeaProblem zdt3() {
        List<double[]> front = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        // Along ascending f1 a point is non-dominated exactly when its f2 beats every earlier one.
        for (double[] point :
                curve(0.0, 0.8518328654, f1 -> 1 - Math.sqrt(f1) - f1 * Math.sin(10 * Math.PI * f1), 20_000)) {
            if (point[1] < lowest) {
                front.add(point);
                lowest = point[1];
            }
        }
        return new MoeaProblem(
                "ZDT3",
                filled(30, 0.0),
                filled(30, 1.0),
                2,
                x -> zdt(x[0], zdtG(x), (f1, g) -> 1 - Math.sqrt(f1 / g) - (f1 / g) * Math.sin(10 * Math.PI * f1)),
                front,
                ZDT3::new);
    }

    /**
     * ZDT4: 10 variables, x1 in [0, 1] and the rest in [-5, 5]; {@code g} is Rastrigin-like with
     * 21^9 local fronts; the global front is ZDT1's.
     */
    public static MoeaProblem zdt4() {
        double[] lower = filled(10, -5.0);
        double[] upper = filled(10, 5.0);
        lower[0] = 0.0;
        upper[0] = 1.0;
        return new MoeaProblem(
                "ZDT4",
                lower,
                upper,
                2,
                x -> {
                    double g = 1 + 10 * (x.length - 1);
                    for (int i = 1; i < x.length; i++) {
                        g += x[i] * x[i] - 10 * Math.cos(4 * Math.PI * x[i]);
                    }
                    return zdt(x[0], g, (f1, gg) -> 1 - Math.sqrt(f1 / gg));
                },
                curve(0.0, 1.0, f1 -> 1 - Math.sqrt(f1)),
                ZDT4::new);
    }

    /**
     * ZDT6: 10 variables in [0, 1]; {@code f1 = 1 - exp(-4 x1) sin^6(6 pi x1)} is non-uniform and
     * the front {@code f2 = 1 - f1^2} has f1 in [0.2807753191, 1].
     */
    public static MoeaProblem zdt6() {
        return new MoeaProblem(
                "ZDT6",
                filled(10, 0.0),
                filled(10, 1.0),
                2,
                x -> {
                    double f1 = 1 - Math.exp(-4 * x[0]) * Math.pow(Math.sin(6 * Math.PI * x[0]), 6);
                    double sum = 0;
                    for (int i = 1; i < x.length; i++) {
                        sum += x[i];
                    }
                    double g = 1 + 9 * Math.pow(sum / (x.length - 1), 0.25);
                    return zdt(f1, g, (ff, gg) -> 1 - (ff / gg) * (ff / gg));
                },
                curve(0.2807753191, 1.0, f1 -> 1 - f1 * f1),
                ZDT6::new);
    }

    /**
     * DTLZ2 with 3 objectives and 12 variables in [0, 1] (k = 10): the front is the positive octant of
     * the unit sphere, sampled on a grid of the two angles.
     */
    public static MoeaProblem dtlz2() {
        int objectives = 3;
        int variables = 12;
        List<double[]> front = new ArrayList<>();
        int steps = 44;
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; j <= steps; j++) {
                double a = Math.PI / 2 * i / steps;
                double b = Math.PI / 2 * j / steps;
                front.add(new double[] {Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)});
            }
        }
        return new MoeaProblem(
                "DTLZ2",
                filled(variables, 0.0),
                filled(variables, 1.0),
                objectives,
                x -> {
                    double g = 0;
                    for (int i = objectives - 1; i < x.length; i++) {
                        g += (x[i] - 0.5) * (x[i] - 0.5);
                    }
                    double a = x[0] * Math.PI / 2;
                    double b = x[1] * Math.PI / 2;
                    return new double[] {
                        (1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)
                    };
                },
                front,
                () -> new DTLZ2(variables, objectives));
    }

    @FunctionalInterface
    private interface Shape {
        double h(double f1, double g);
    }

    private static double[] zdt(double f1, double g, Shape shape) {
        return new double[] {f1, g * shape.h(f1, g)};
    }

    /** ZDT1-3's {@code g = 1 + 9 * sum(x2..xn) / (n - 1)}. */
    private static double zdtG(double[] x) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += x[i];
        }
        return 1 + 9 * sum / (x.length - 1);
    }

    private static double[] filled(int n, double value) {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }

    private static List<double[]> curve(double from, double to, DoubleUnaryOperator f2) {
        return curve(from, to, f2, FRONT_POINTS);
    }

    private static List<double[]> curve(double from, double to, DoubleUnaryOperator f2, int points) {
        List<double[]> front = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double f1 = from + (to - from) * i / (points - 1);
            front.add(new double[] {f1, f2.applyAsDouble(f1)});
        }
        return front;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MoeaProblem that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "MoeaProblem[" + name + ", " + variables() + " variables, " + objectives + " objectives]";
    }
}
