package dev.promptevo.executors.minilm;

/** Cosine similarity of embeddings. */
final class Vectors {
    private Vectors() {}

    /** The cosine of the angle between {@code a} and {@code b}; 0 when either is all zeros. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return 0;
        }
        return Math.clamp(dot / Math.sqrt(normA * normB), -1.0, 1.0);
    }
}
