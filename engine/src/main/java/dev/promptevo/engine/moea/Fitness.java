package dev.promptevo.engine.moea;

import java.util.Arrays;

/**
 * What an evaluation says about one genome: objective values, all minimized, and how far the genome
 * is from feasible.
 *
 * <p>The objectives are copied in and out, so a fitness is immutable; {@link #objective(int)} reads
 * one value without a copy, for the sorting loops.
 *
 * @param objectives the values to minimize (negate one you want maximized), at least one, all finite
 * @param constraintViolation the total violation of the constraints, {@code 0} when every constraint
 *     holds (feasible); ranked by constraint-domination (Deb et al. 2002, section IV)
 */
public record Fitness(double[] objectives, double constraintViolation) {

    public Fitness {
        objectives = objectives.clone();
        if (objectives.length == 0) {
            throw new IllegalArgumentException("a fitness needs at least one objective");
        }
        for (double value : objectives) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("objectives must be finite, got " + Arrays.toString(objectives));
            }
        }
        if (!(constraintViolation >= 0) || Double.isInfinite(constraintViolation)) {
            throw new IllegalArgumentException(
                    "the constraint violation must be finite and >= 0, got " + constraintViolation);
        }
    }

    /** A feasible fitness with these objectives. */
    public static Fitness of(double... objectives) {
        return new Fitness(objectives, 0.0);
    }

    @Override
    public double[] objectives() {
        return objectives.clone();
    }

    public double objective(int index) {
        return objectives[index];
    }

    public int objectiveCount() {
        return objectives.length;
    }

    public boolean feasible() {
        return constraintViolation == 0.0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fitness that
                && Arrays.equals(objectives, that.objectives)
                && Double.compare(constraintViolation, that.constraintViolation) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(objectives) + Double.hashCode(constraintViolation);
    }

    @Override
    public String toString() {
        return "Fitness" + Arrays.toString(objectives) + (feasible() ? "" : " violation " + constraintViolation);
    }
}
