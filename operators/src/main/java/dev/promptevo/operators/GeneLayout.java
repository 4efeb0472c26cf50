package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A space's genes in a genome's canonical (name) order, so that operators in a hot loop can read a
 * genome's alleles into an array by iterating its sorted map, instead of looking each gene up by
 * name, and hand {@link Genome#of} an array-backed map that it can copy without any hashing.
 */
final class GeneLayout {
    final SearchSpace space;
    /** The genes sorted by name. */
    final Gene[] genes;
    /** For each gene in the space's declared order, its position in {@link #genes}. */
    final int[] canonicalIndex;

    final int realGenes;
    private final String[] names;

    private GeneLayout(SearchSpace space) {
        this.space = space;
        this.genes =
                space.genes().stream().sorted(Comparator.comparing(Gene::name)).toArray(Gene[]::new);
        this.names = Arrays.stream(genes).map(Gene::name).toArray(String[]::new);
        this.canonicalIndex = new int[genes.length];
        for (int d = 0; d < genes.length; d++) {
            canonicalIndex[d] = Arrays.binarySearch(names, space.genes().get(d).name());
        }
        this.realGenes = (int)
                space.genes().stream().filter(Gene.RealGene.class::isInstance).count();
    }

    /** The layout of {@code space}, reusing {@code cached} when it is that space's. */
    static GeneLayout of(SearchSpace space, GeneLayout cached) {
        return cached != null && cached.space == space ? cached : new GeneLayout(space);
    }

    /**
     * The alleles of {@code genome} in canonical order, or null when the genome does not hold exactly
     * the space's genes.
     */
    Allele[] read(Genome genome) {
        Map<String, Allele> alleles = genome.alleles();
        if (alleles.size() != names.length) {
            return null;
        }
        Allele[] values = new Allele[names.length];
        int i = 0;
        for (Map.Entry<String, Allele> entry : alleles.entrySet()) {
            if (!entry.getKey().equals(names[i])) {
                return null;
            }
            values[i++] = entry.getValue();
        }
        return values;
    }

    /** The genome of {@code alleles}, given in canonical order. */
    Genome genome(Allele[] alleles) {
        return Genome.of(new SortedArrayMap(names, alleles));
    }

    /** A read-only map over parallel arrays of names (sorted) and alleles. */
    private static final class SortedArrayMap extends AbstractMap<String, Allele> {
        private final String[] names;
        private final Allele[] alleles;

        SortedArrayMap(String[] names, Allele[] alleles) {
            this.names = names;
            this.alleles = alleles;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Allele> action) {
            for (int i = 0; i < names.length; i++) {
                action.accept(names[i], alleles[i]);
            }
        }

        @Override
        public Set<Entry<String, Allele>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Allele>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Entry<String, Allele> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], alleles[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return names.length;
                }
            };
        }
    }
}
