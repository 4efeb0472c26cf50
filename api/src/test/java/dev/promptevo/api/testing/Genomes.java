package dev.promptevo.api.testing;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Genomes for tests. */
public final class Genomes {
    private Genomes() {}

    /**
     * A hand-tuned starting point in {@link Spaces#seedDefault()}: the middle rubric, no CoT,
     * temperature 0.7, 512 tokens, top-3 retrieval, no consensus, the medium model.
     */
    public static Genome seedBase() {
        return of(
                Spaces.RUBRIC,
                Spaces.EXAMPLE_RUBRICS.get(1),
                Spaces.COT,
                false,
                Spaces.TEMPERATURE,
                0.7,
                Spaces.MAX_TOKENS,
                512,
                Spaces.RETRIEVER_TOPK,
                3,
                Spaces.USE_CONSENSUS,
                false,
                Spaces.MODEL_KEY,
                "sim-medium");
    }

    /** A genome drawn from {@code space} with a fixed seed. */
    public static Genome sample(SearchSpace space, long seed) {
        return space.sample(new SplittableRandom(seed));
    }

    /**
     * A genome from alternating gene names and values: {@code Boolean} becomes a flag, {@code Integer}
     * and {@code Long} an integer, {@code Double} a real, {@code String} a text.
     */
    public static Genome of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, value pairs");
        }
        Map<String, Allele> alleles = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            alleles.put((String) namesAndValues[i], allele(namesAndValues[i + 1]));
        }
        return Genome.of(alleles);
    }

    private static Allele allele(Object value) {
        return switch (value) {
            case Allele allele -> allele;
            case Boolean flag -> Allele.of(flag);
            case Integer number -> Allele.of((long) number);
            case Long number -> Allele.of(number);
            case Double number -> Allele.of(number);
            case String text -> Allele.of(text);
            default ->
                throw new IllegalArgumentException(
                        "no allele for " + value.getClass().getName());
        };
    }
}
