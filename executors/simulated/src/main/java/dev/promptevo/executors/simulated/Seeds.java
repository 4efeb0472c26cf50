package dev.promptevo.executors.simulated;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Derives independent, reproducible random streams from the parts of a call. Every draw the
 * simulator makes comes from a generator built here, never from a shared or unseeded one, so the same
 * request always gets the same answer.
 */
final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A well-mixed 64-bit key of the given parts (order matters). */
    static long combine(long... parts) {
        long h = GOLDEN;
        for (long part : parts) {
            h = mix(h ^ part) + GOLDEN;
        }
        return mix(h);
    }

    /** A stable 64-bit hash of a string (FNV-1a over its UTF-8 bytes), equal on every JVM. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A generator for one named component of a call, independent of every other component. */
    static RandomGenerator stream(long callKey, String component) {
        return new SplittableRandom(combine(callKey, hash(component)));
    }

    /** The MurmurHash3 64-bit finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
