package dev.promptevo.web.it.plugin;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;

/**
 * A team's own mutation operator, as a plugin author would write it: it sets the temperature to 0.
 * {@link dev.promptevo.web.it.PluginDropInIT} packs it into a jar with its {@code META-INF/services}
 * entry and drops the jar into the server's plugins folder; the WAR never contains it.
 */
public final class ColdStartMutation implements MutationOperator {
    public static final String ID = "acme.cold-start";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(SearchSpace space) {
        return space.find("temperature").isPresent();
    }

    @Override
    public Genome mutate(Genome parent, VariationContext context) {
        return parent.with("temperature", Allele.of(0.0));
    }
}
