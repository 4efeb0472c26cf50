package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.VariationContext;
import java.util.random.RandomGenerator;

/**
 * Adds {@code N(0, sigma)} to a real gene, with {@code sigma = sigmaShare * (max - min)}, then clamps
 * and snaps the sum with {@link Gene.RealGene#snap}. A draw that snaps back onto the parent's value is
 * drawn again, up to {@value #DRAWS} times; after that the value moves one resolution step the way
 * the last draw pointed (or the other way at a bound). The child therefore differs from its parent
 * unless snapping maps both neighbours back onto it, which only a range narrower than half a
 * resolution step allows.
 */
final class GaussianMutation extends GeneMutation<Gene.RealGene> {
    static final int DRAWS = 8;

    private final double sigmaShare;

    GaussianMutation(String id, String gene, double sigmaShare) {
        super(id, gene, Gene.RealGene.class);
        if (!(sigmaShare > 0 && Double.isFinite(sigmaShare))) {
            throw new IllegalArgumentException("sigma must be a positive share of the range, got " + sigmaShare);
        }
        this.sigmaShare = sigmaShare;
    }

    @Override
    Allele next(Gene.RealGene gene, Allele current, Genome parent, VariationContext context) {
        if (!(current instanceof Allele.Real(double value))) {
            return current;
        }
        RandomGenerator random = context.random();
        double sigma = sigmaShare * (gene.max() - gene.min());
        double delta = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            delta = random.nextGaussian(0.0, sigma);
            Allele.Real child = gene.snap(value + delta);
            if (!child.equals(current)) {
                return child;
            }
        }
        double direction = delta < 0 ? -1 : 1;
        Allele.Real onward = gene.snap(value + direction * gene.resolution());
        return onward.equals(current) ? gene.snap(value - direction * gene.resolution()) : onward;
    }
}
