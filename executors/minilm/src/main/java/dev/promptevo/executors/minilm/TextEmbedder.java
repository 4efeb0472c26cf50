package dev.promptevo.executors.minilm;

/**
 * Turns a text into a fixed-length vector whose cosine with another text's vector says how close
 * their meanings are.
 *
 * @apiNote Called concurrently: implementations must be thread-safe and deterministic (one text,
 *     one vector, every time), and must not keep or change the returned array.
 */
@FunctionalInterface
public interface TextEmbedder {

    /** The vector of {@code text}; all zeros for a blank text, which has no meaning to compare. */
    float[] embed(String text);
}
