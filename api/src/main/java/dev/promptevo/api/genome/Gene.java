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
     * finite set of genomes covers the range and equal-looking genomes share an id. A resolution finer
     * than doubles can carry (down to {@link Double#MIN_VALUE}, of which every double is a multiple)
     * makes the gene continuous: every double in the range is kept as it is.
     */
    record RealGene(String name, double min, double max, double resolution) implements Gene {
        /**
         * Below this many ulps of the values involved, {@code min + k * resolution} cannot be computed
         * reliably (its rounding error approaches half a step), so the doubles themselves are the grid.
         */
        private static final double FINEST_GRID_ULPS = 64;
        /** How far, in ulps, the tidy step may move a value: the rounding error of {@code min + k * resolution}. */
        private static final double NOISE_ULPS = 8;
        /** Decimals the tidy step keeps at least, enough for any decimal bound or resolution written by hand. */
        private static final int TIDY_DECIMALS = 10;
        /** Decimals the tidy step keeps beyond the resolution's first significant digit. */
        private static final int TIDY_MARGIN_DECIMALS = 3;
        /** The largest power of ten that is an exact double. */
        private static final int EXACT_POWERS_OF_TEN = 22;

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

        /**
         * The grid value nearest to {@code value}, clamped into the range; never further from the
         * clamped value than half the resolution.
         */
        public Allele.Real snap(double value) {
            double clamped = Math.max(min, Math.min(max, value));
            double magnitude = Math.max(Math.abs(min), Math.abs(clamped));
            if (resolution < FINEST_GRID_ULPS * Math.ulp(magnitude)) {
                return new Allele.Real(clamped);
            }
            double snapped = min + Math.round((clamped - min) / resolution) * resolution;
            // The result is clamped again since tidying can step over a bound that has more decimals.
            return new Allele.Real(Math.max(min, Math.min(max, tidy(snapped, magnitude))));
        }

        /**
         * Removes the binary noise of {@code min + k * resolution} (0.30000000000000004 for 0.1 + 0.2):
         * the nearest decimal with 10 decimals, or three digits beyond a finer resolution's first,
         * taken only when it is within that noise, a few ulps. So the tidy step never moves a value by
         * more than arithmetic error, keeps every digit a fine resolution gives, and leaves a
         * non-decimal grid (thirds, powers of two) alone.
         */
        private double tidy(double snapped, double magnitude) {
            int wanted = Math.max(TIDY_DECIMALS, TIDY_MARGIN_DECIMALS - (int) Math.floor(Math.log10(resolution)));
            // As many of those decimals as a double holds exactly at this magnitude (fewer for large
            // values; the noise check below keeps that from ever moving a value too far).
            int held = (int) Math.floor(Math.log10(0x1p52 / Math.abs(snapped)));
            int decimals = Math.min(wanted, held);
            if (decimals > EXACT_POWERS_OF_TEN || decimals < 0) {
                return snapped;
            }
            double scale = Math.pow(10, decimals);
            double decimal = Math.rint(snapped * scale) / scale;
            return Math.abs(decimal - snapped) <= NOISE_ULPS * Math.ulp(magnitude) ? decimal : snapped;
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
