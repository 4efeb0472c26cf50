package dev.promptevo.api.genome;

import java.util.Objects;

/**
 * The value one gene takes in a genome. Immutable; equal values are equal alleles.
 *
 * <p>Reals are stored as given: genes snap them to their resolution, so two genomes that a gene
 * considers the same also share an id.
 */
public sealed interface Allele permits Allele.Flag, Allele.Int, Allele.Real, Allele.Text {

    /** The value as a canonical JSON literal (no whitespace). */
    String toJson();

    static Flag of(boolean value) {
        return new Flag(value);
    }

    static Int of(long value) {
        return new Int(value);
    }

    static Real of(double value) {
        return new Real(value);
    }

    static Text of(String value) {
        return new Text(value);
    }

    record Flag(boolean value) implements Allele {
        @Override
        public String toJson() {
            return Boolean.toString(value);
        }
    }

    record Int(long value) implements Allele {
        @Override
        public String toJson() {
            return Long.toString(value);
        }
    }

    record Real(double value) implements Allele {
        public Real {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a real allele must be finite, got " + value);
            }
            if (value == 0.0) {
                value = 0.0; // folds -0.0 into 0.0 so both share one canonical form
            }
        }

        @Override
        public String toJson() {
            return Double.toString(value);
        }
    }

    record Text(String value) implements Allele {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toJson() {
            return Json.quote(value);
        }
    }
}
