package dev.promptevo.api.genome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable assignment of every gene: the whole configuration of an LLM call.
 *
 * <p>Its canonical form is a JSON object with keys in lexicographic order and no whitespace; its
 * {@link #id()} is the first 16 hex digits of that form's SHA-256. Equal genomes therefore share an
 * id whatever order their genes were given in, which makes the id a safe cache key.
 */
public final class Genome {
    private final SortedMap<String, Allele> alleles;
    private final String canonicalJson;
    private final String id;

    private Genome(SortedMap<String, Allele> alleles) {
        this.alleles = Collections.unmodifiableSortedMap(alleles);
        StringBuilder json = new StringBuilder("{");
        alleles.forEach((name, allele) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(Json.quote(name)).append(':').append(allele.toJson());
        });
        this.canonicalJson = json.append('}').toString();
        this.id = hash(canonicalJson);
    }

    public static Genome of(Map<String, ? extends Allele> alleles) {
        TreeMap<String, Allele> copy = new TreeMap<>();
        alleles.forEach((name, allele) -> {
            if (name == null || allele == null) {
                throw new IllegalArgumentException("gene names and alleles must not be null");
            }
            copy.put(name, allele);
        });
        return new Genome(copy);
    }

    /** The alleles by gene name, in canonical (lexicographic) order. */
    public SortedMap<String, Allele> alleles() {
        return alleles;
    }

    public String id() {
        return id;
    }

    public String canonicalJson() {
        return canonicalJson;
    }

    public boolean has(String gene) {
        return alleles.containsKey(gene);
    }

    public Allele allele(String gene) {
        Allele allele = alleles.get(gene);
        if (allele == null) {
            throw new NoSuchElementException("genome " + id + " has no gene '" + gene + "'");
        }
        return allele;
    }

    public boolean bool(String gene) {
        return cast(gene, Allele.Flag.class).value();
    }

    public long integer(String gene) {
        return cast(gene, Allele.Int.class).value();
    }

    public double real(String gene) {
        return cast(gene, Allele.Real.class).value();
    }

    public String text(String gene) {
        return cast(gene, Allele.Text.class).value();
    }

    /** A copy with {@code gene} set to {@code allele}. */
    public Genome with(String gene, Allele allele) {
        TreeMap<String, Allele> copy = new TreeMap<>(alleles);
        copy.put(gene, allele);
        return new Genome(copy);
    }

    private <A extends Allele> A cast(String gene, Class<A> type) {
        Allele allele = allele(gene);
        if (!type.isInstance(allele)) {
            throw new IllegalStateException(
                    "gene '" + gene + "' holds " + allele.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(allele);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Genome that && canonicalJson.equals(that.canonicalJson);
    }

    @Override
    public int hashCode() {
        return canonicalJson.hashCode();
    }

    @Override
    public String toString() {
        return "Genome[" + id + "]" + canonicalJson;
    }
}
