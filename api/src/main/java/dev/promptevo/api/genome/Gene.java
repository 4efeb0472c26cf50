package dev.promptevo.api.genome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One typed knob of a {@link SearchSpace}: its name, its domain, how to check a value and how to
 * draw one. Genes are immutable values; made by the static factories of this interface.
 */
public sealed interface Gene permits Gene.BooleanGene, Gene.IntegerGene, Gene.RealGene, Gene.ChoiceGene, Gene.TextGene {

    /** The gene's name, the key of its allele in a genome. */
    String name();

    /** Why {@code allele} is outside this gene's domain, or empty when it is inside. */
    Optional<String> violation(Allele allele);

    /** A value drawn from this gene's domain. */
    Allele sample(RandomGenerator random);

    static BooleanGene bool(String name) {
        return new BooleanGene(name);
    }

    static IntegerGene integer(String name, long min, long max, long step) {
        return new IntegerGene(name, min, max, step);
    }

    static RealGene real(String name, double min, double max, double resolution) {
        return new RealGene(name, min, max, resolution);
    }

    static ChoiceGene choice(String name, List<String> options) {
        return new ChoiceGene(name, options);
    }

    static TextGene text(String name, int maxLength, List<String> pool) {
        return new TextGene(name, maxLength, pool);
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("gene name must match [a-z][a-z0-9_]*, got '" + name + "'");
        }
        return name;
    }

    /** On or off. */
    record BooleanGene(String name) implements Gene {
        public BooleanGene {
            requireName(name);
        }

        @Override
        public Optional<String> violation(Allele allele) {
            return allele instanceof Allele.Flag ? Optional.empty() : Optional.of(name + " must be a boolean");
        }

        @Override
        public Allele sample(RandomGenerator random) {
            return Allele.of(random.nextBoolean());
        }
    }

    /** An integer in {@code [min, max]} on the grid {@code min + i * step}. */
    record IntegerGene(String name, long min, long max, long step) implements Gene {
        public IntegerGene {
            requireName(name);
            if (min > max || step < 1) {
                throw new IllegalArgumentException(name + ": need min <= max and step >= 1");
            }
            try {
                Math.subtractExact(max, min);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": the range [" + min + ", " + max + "] is too wide", e);
            }
        }

        @Override
        public Optional<String> violation(Allele allele) {
            if (!(allele instanceof Allele.Int(long v))) {
                return Optional.of(name + " must be an integer");
            }
            if (v < min || v > max) {
                return Optional.of(name + " must be in [" + min + ", " + max + "], got " + v);
            }
            if ((v - min) % step != 0) {
                return Optional.of(name + " must be " + min + " plus a multiple of " + step + ", got " + v);
            }
            return Optional.empty();
        }

        @Override
        public Allele sample(RandomGenerator random) {
            long steps = (max - min) / step;
            return Allele.of(min + random.nextLong(steps + 1) * step);
        }

        /** The grid value nearest to {@code value}, clamped into the range. */
        public Allele.Int snap(double value) {
            double clamped = Math.max(min, Math.min(max, value));
            long steps = Math.min(Math.round((clamped - min) / step), (max - min) / step);
            return new Allele.Int(min + steps * step);
        }
    }

    /**
     * A real in {@code [min, max]}, snapped to multiples of {@code resolution} above {@code min} so a
     * finite set of genomes covers the range and equal-looking genomes share an id.
     */
    record RealGene(String name, double min, double max, double resolution) implements Gene {
        public RealGene {
            requireName(name);
            if (!(min < max) || !(resolution > 0)) {
                throw new IllegalArgumentException(name + ": need min < max and resolution > 0");
            }
        }

        @Override
        public Optional<String> violation(Allele allele) {
            if (!(allele instanceof Allele.Real(double v))) {
                return Optional.of(name + " must be a real number");
            }
            if (v < min || v > max) {
                return Optional.of(name + " must be in [" + min + ", " + max + "], got " + v);
            }
            return Optional.empty();
        }

        @Override
        public Allele sample(RandomGenerator random) {
            return snap(random.nextDouble(min, Math.nextUp(max)));
        }

        /** The grid value nearest to {@code value}, clamped into the range. */
        public Allele.Real snap(double value) {
            double clamped = Math.max(min, Math.min(max, value));
            double snapped = min + Math.round((clamped - min) / resolution) * resolution;
            // Rounding to 10 decimals removes binary noise such as 0.30000000000000004; it is skipped
            // where the scaled value would overflow, and the result is clamped again since rounding
            // can step over a bound that has more decimals.
            double tidy = Math.abs(snapped) < 1e8 ? Math.rint(snapped * 1e10) / 1e10 : snapped;
            return new Allele.Real(Math.max(min, Math.min(max, tidy)));
        }
    }

    /** One of a fixed list of strings (a model key, a retriever id). */
    record ChoiceGene(String name, List<String> options) implements Gene {
        public ChoiceGene {
            requireName(name);
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new IllegalArgumentException(name + ": a choice needs at least one option");
            }
            if (options.stream().distinct().count() != options.size()) {
                throw new IllegalArgumentException(name + ": options must be distinct: " + options);
            }
        }

        @Override
        public Optional<String> violation(Allele allele) {
            if (!(allele instanceof Allele.Text(String v))) {
                return Optional.of(name + " must be a string");
            }
            return options.contains(v)
                    ? Optional.empty()
                    : Optional.of(name + " must be one of " + options + ", got '" + v + "'");
        }

        @Override
        public Allele sample(RandomGenerator random) {
            return Allele.of(options.get(random.nextInt(options.size())));
        }
    }

    /**
     * Free text up to {@code maxLength} characters (a rubric). Random text is meaningless, so sampling
     * draws from a pool of known texts; operators that rewrite text (with an LLM) explore beyond it.
     */
    record TextGene(String name, int maxLength, List<String> pool) implements Gene {
        public TextGene {
            requireName(name);
            pool = List.copyOf(pool);
            if (maxLength < 1 || pool.isEmpty()) {
                throw new IllegalArgumentException(name + ": need maxLength >= 1 and a non-empty pool");
            }
            for (String text : pool) {
                if (text.length() > maxLength) {
                    throw new IllegalArgumentException(name + ": pool text longer than " + maxLength);
                }
            }
        }

        @Override
        public Optional<String> violation(Allele allele) {
            if (!(allele instanceof Allele.Text(String v))) {
                return Optional.of(name + " must be a string");
            }
            return v.length() <= maxLength
                    ? Optional.empty()
                    : Optional.of(name + " must be at most " + maxLength + " characters, got " + v.length());
        }

        @Override
        public Allele sample(RandomGenerator random) {
            return Allele.of(pool.get(random.nextInt(pool.size())));
        }
    }
}
