package dev.promptevo.api.genome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.testing.GeneArbitraries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class GenomePropertiesTest {

    @Provide
    Arbitrary<Map<String, Allele>> alleleMaps() {
        return Arbitraries.maps(GeneArbitraries.geneNames(), GeneArbitraries.alleles())
                .ofMinSize(1)
                .ofMaxSize(10);
    }

    @Provide
    Arbitrary<Allele> alleles() {
        return GeneArbitraries.alleles();
    }

    @Property(seed = "20261125")
    void idAndCanonicalFormIgnoreInsertionOrder(
            @ForAll("alleleMaps") Map<String, Allele> alleles, @ForAll Random random) {
        List<Map.Entry<String, Allele>> entries = new ArrayList<>(alleles.entrySet());
        Collections.shuffle(entries, random);
        Map<String, Allele> shuffled = new LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
        Map<String, Allele> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.putAll(alleles);

        Genome genome = Genome.of(alleles);

        for (Genome same : List.of(Genome.of(shuffled), Genome.of(reversed))) {
            assertThat(same.id()).isEqualTo(genome.id());
            assertThat(same.canonicalJson()).isEqualTo(genome.canonicalJson());
            assertThat(same).isEqualTo(genome).hasSameHashCodeAs(genome);
        }
    }

    @Property(seed = "20261125")
    void idChangesWhenAnyAlleleChanges(
            @ForAll("alleleMaps") Map<String, Allele> alleles,
            @ForAll @IntRange(min = 0, max = 9) int which,
            @ForAll("alleles") Allele replacement) {
        String gene = new ArrayList<>(alleles.keySet()).get(which % alleles.size());
        Assume.that(!alleles.get(gene).equals(replacement));
        Genome genome = Genome.of(alleles);

        Genome changed = genome.with(gene, replacement);

        assertThat(changed.id()).isNotEqualTo(genome.id());
        assertThat(changed.canonicalJson()).isNotEqualTo(genome.canonicalJson());
        assertThat(changed).isNotEqualTo(genome);
    }

    @Property(seed = "20261125")
    void idChangesWhenAGeneIsAddedOrRenamed(@ForAll("alleleMaps") Map<String, Allele> alleles) {
        Genome genome = Genome.of(alleles);
        String first = alleles.keySet().iterator().next();
        Map<String, Allele> renamed = new LinkedHashMap<>(alleles);
        renamed.put(first + "_x", renamed.remove(first));

        assertThat(genome.with("zz_added", Allele.of(true)).id()).isNotEqualTo(genome.id());
        Assume.that(!alleles.containsKey(first + "_x"));
        assertThat(Genome.of(renamed).id()).isNotEqualTo(genome.id());
    }

    @Property(seed = "20261125")
    void canonicalFormListsGenesInOrder(@ForAll("alleleMaps") Map<String, Allele> alleles) {
        Genome genome = Genome.of(alleles);
        StringBuilder expected = new StringBuilder("{");
        new TreeMap<>(alleles)
                .forEach((name, allele) -> expected.append(expected.length() > 1 ? "," : "")
                        .append('"')
                        .append(name)
                        .append("\":")
                        .append(allele.toJson()));

        assertThat(genome.canonicalJson()).isEqualTo(expected.append('}').toString());
        assertThat(genome.id()).matches("[0-9a-f]{16}");
        assertThat(List.copyOf(genome.alleles().keySet())).isSorted();
    }

    @Property(seed = "20261125")
    void withLeavesTheOriginalAlone(
            @ForAll("alleleMaps") Map<String, Allele> alleles, @ForAll("alleles") Allele value) {
        Genome genome = Genome.of(alleles);
        String before = genome.canonicalJson();

        genome.with(alleles.keySet().iterator().next(), value);

        assertThat(genome.canonicalJson()).isEqualTo(before);
    }

    @Example
    void allelesOfDifferentTypesAreDifferentGenomes() {
        List<Allele> lookAlikes =
                List.of(Allele.of(1L), Allele.of(1.0), Allele.of("1"), Allele.of(true), Allele.of("true"));

        assertThat(lookAlikes.stream().map(a -> Genome.of(Map.of("x", a)).id()).distinct())
                .hasSize(lookAlikes.size());
    }

    @Example
    void textIsEscapedInTheCanonicalForm() {
        Genome genome = Genome.of(Map.of("rubric", Allele.of("say \"hi\"\n\\ \u0001")));

        assertThat(genome.canonicalJson()).isEqualTo("{\"rubric\":\"say \\\"hi\\\"\\n\\\\ \\u0001\"}");
    }
}
