package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.VariationContext;
import java.util.random.RandomGenerator;

/**
 * Moves an integer gene up or down (even odds) by {@code k} grid steps, {@code k} in {@code 1..maxSteps}
 * with probability proportional to {@code 1/k} (for 3: 6/11, 3/11, 2/11), clamped to the grid. A move
 * that the clamp cancels (the value sits on the bound it moves towards) goes the other way instead, so
 * the child differs from its parent whenever the gene has more than one value. Draws exactly two
 * values per call.
 */
final class IntegerStepMutation extends GeneMutation<Gene.IntegerGene> {
    private final double[] cumulative;

    IntegerStepMutation(String id, String gene, int maxSteps) {
        super(id, gene, Gene.IntegerGene.class);
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        cumulative = new double[maxSteps];
        double total = 0;
        for (int k = 1; k <= maxSteps; k++) {
            total += 1.0 / k;
            cumulative[k - 1] = total;
        }
    }

    @Override
    Allele next(Gene.IntegerGene gene, Allele current, Genome parent, VariationContext context) {
        if (!(current instanceof Allele.Int(long value))) {
            return current;
        }
        long last = (gene.max() - gene.min()) / gene.step();
        if (last == 0) {
            return current;
        }
        RandomGenerator random = context.random();
        long steps = drawSteps(random);
        long move = random.nextBoolean() ? steps : -steps;
        long index = Math.clamp((value - gene.min()) / gene.step(), 0, last);
        long target = Math.clamp(index + move, 0, last);
        if (target == index) {
            target = Math.clamp(index - move, 0, last);
        }
        return Allele.of(gene.min() + target * gene.step());
    }

    private long drawSteps(RandomGenerator random) {
        double u = random.nextDouble(cumulative[cumulative.length - 1]);
        for (int k = 0; k < cumulative.length - 1; k++) {
            if (u < cumulative[k]) {
                return k + 1;
            }
        }
        return cumulative.length;
    }
}
