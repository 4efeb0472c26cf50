package dev.promptevo.engine.bandit;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeds derived from the bandit's seed and the position of a draw, so that a draw does not depend on
 * which thread makes it or on what other threads drew before it.
 */
final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /** The SplitMix64 finalizer (Steele, Lea and Flood, OOPSLA 2014): a bijection that scatters bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long stream, long index) {
        return mix(mix(seed + stream * GOLDEN_GAMMA) + index * GOLDEN_GAMMA);
    }

    /** A fresh generator for draw {@code index} of {@code stream}. */
    static RandomGenerator generator(long seed, long stream, long index) {
        return new SplittableRandom(of(seed, stream, index));
    }

    /** A 64-bit hash of a string that is the same in every JVM (FNV-1a over the chars, then mixed). */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** A uniform number in (0, 1] from 64 scattered bits. */
    static double unitOpenZero(long bits) {
        return ((bits >>> 11) + 1) * 0x1.0p-53;
    }
}
