package dev.promptevo.api.genome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The set of genes being searched. Immutable; gene names are unique. */
public record SearchSpace(List<Gene> genes) {

    public SearchSpace {
        genes = List.copyOf(genes);
        if (genes.stream().map(Gene::name).distinct().count() != genes.size()) {
            throw new IllegalArgumentException("gene names must be unique");
        }
    }

    public static SearchSpace of(Gene... genes) {
        return new SearchSpace(List.of(genes));
    }

    public Optional<Gene> find(String name) {
        return genes.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Gene gene(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("the search space has no gene '" + name + "'"));
    }

    /** Every reason {@code genome} is not a point of this space; empty when it is one. */
    public List<String> violations(Genome genome) {
        List<String> problems = new ArrayList<>();
        for (Gene gene : genes) {
            if (!genome.has(gene.name())) {
                problems.add("missing gene '" + gene.name() + "'");
            } else {
                gene.violation(genome.allele(gene.name())).ifPresent(problems::add);
            }
        }
        for (String name : genome.alleles().keySet()) {
            if (find(name).isEmpty()) {
                problems.add("unknown gene '" + name + "'");
            }
        }
        return problems;
    }

    /** Throws {@link IllegalArgumentException} listing every violation. */
    public Genome requireValid(Genome genome) {
        List<String> problems = violations(genome);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "genome " + genome.id() + " is not in the search space: " + String.join("; ", problems));
        }
        return genome;
    }

    /** A genome drawn gene by gene, in the order the genes were declared. */
    public Genome sample(RandomGenerator random) {
        Map<String, Allele> alleles = new LinkedHashMap<>();
        for (Gene gene : genes) {
            alleles.put(gene.name(), gene.sample(random));
        }
        return Genome.of(alleles);
    }
}
