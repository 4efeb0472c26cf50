package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import java.util.Set;
import java.util.TreeSet;

/** What differs between two genomes. */
final class Changes {
    private Changes() {}

    /** The names of the genes whose alleles differ (or that only one genome has). */
    static Set<String> between(Genome parent, Genome child) {
        Set<String> names = new TreeSet<>(parent.alleles().keySet());
        names.addAll(child.alleles().keySet());
        names.removeIf(name -> {
            Allele before = parent.alleles().get(name);
            return before != null && before.equals(child.alleles().get(name));
        });
        return names;
    }
}
