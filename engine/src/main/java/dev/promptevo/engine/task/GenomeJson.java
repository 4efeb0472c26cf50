package dev.promptevo.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Genomes to and from plain JSON objects, typed by a search space. */
public final class GenomeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenomeJson() {}

    /**
     * Reads {@code json} as a point of {@code space}. Every problem (missing, unknown, mistyped or
     * out-of-range genes) is reported at once, as an {@link IllegalArgumentException}.
     */
    public static Genome parse(String json, SearchSpace space) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromNode(node, space);
    }

    public static Genome fromNode(JsonNode node, SearchSpace space) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a genome must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Allele> alleles = new LinkedHashMap<>();
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            var gene = space.find(field.getKey());
            if (gene.isEmpty()) {
                problems.add("unknown gene '" + field.getKey() + "'");
                continue;
            }
            Allele allele = toAllele(gene.get(), field.getValue());
            if (allele == null) {
                problems.add(field.getKey() + " has the wrong type: " + field.getValue());
            } else {
                gene.get().violation(allele).ifPresent(problems::add);
                alleles.put(field.getKey(), allele);
            }
        }
        for (Gene gene : space.genes()) {
            if (!node.has(gene.name())) {
                problems.add("missing gene '" + gene.name() + "'");
            }
        }
        if (problems.isEmpty()) {
            return Genome.of(alleles);
        }
        throw new IllegalArgumentException(String.join("; ", problems));
    }

    private static Allele toAllele(Gene gene, JsonNode value) {
        return switch (gene) {
            case Gene.BooleanGene g -> value.isBoolean() ? Allele.of(value.booleanValue()) : null;
            case Gene.IntegerGene g -> value.isIntegralNumber() ? Allele.of(value.longValue()) : null;
            case Gene.RealGene g -> value.isNumber() ? Allele.of(value.doubleValue()) : null;
            case Gene.ChoiceGene g -> value.isTextual() ? Allele.of(value.textValue()) : null;
            case Gene.TextGene g -> value.isTextual() ? Allele.of(value.textValue()) : null;
        };
    }

    public static ObjectNode toNode(Genome genome) {
        ObjectNode node = JSON.createObjectNode();
        genome.alleles().forEach((name, allele) -> {
            switch (allele) {
                case Allele.Flag(boolean v) -> node.put(name, v);
                case Allele.Int(long v) -> node.put(name, v);
                case Allele.Real(double v) -> node.put(name, v);
                case Allele.Text(String v) -> node.put(name, v);
            }
        });
        return node;
    }
}
