package dev.promptevo.engine.moea;

/**
 * Stable sorts of index arrays by a double key, without boxing: the sorting loops of NSGA-II run on
 * every generation and a boxed {@code Comparator<Integer>} would dominate their cost.
 */
final class IndexSort {
    private static final int INSERTION_LIMIT = 16;

    private IndexSort() {}

    /**
     * Reorders {@code indices} so that {@code keys[i]} ascends along it; equal keys keep their order.
     * {@code keys[i]} belongs to {@code indices[i]} and is reordered with it.
     */
    static void ascending(int[] indices, double[] keys) {
        int n = indices.length;
        if (n < 2) {
            return;
        }
        mergeSort(indices, keys, indices.clone(), keys.clone(), 0, n);
    }

    /** Sorts {@code [from, to)} of {@code v}/{@code k}, using {@code tv}/{@code tk} (same contents) as scratch. */
    private static void mergeSort(int[] v, double[] k, int[] tv, double[] tk, int from, int to) {
        if (to - from <= INSERTION_LIMIT) {
            for (int i = from + 1; i < to; i++) {
                double key = k[i];
                int value = v[i];
                int j = i - 1;
                while (j >= from && k[j] > key) {
                    k[j + 1] = k[j];
                    v[j + 1] = v[j];
                    j--;
                }
                k[j + 1] = key;
                v[j + 1] = value;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        // The halves are sorted in the scratch arrays and merged back, so no copy is needed per level.
        mergeSort(tv, tk, v, k, from, mid);
        mergeSort(tv, tk, v, k, mid, to);
        int i = from;
        int j = mid;
        for (int out = from; out < to; out++) {
            if (j >= to || (i < mid && tk[i] <= tk[j])) {
                k[out] = tk[i];
                v[out] = tv[i++];
            } else {
                k[out] = tk[j];
                v[out] = tv[j++];
            }
        }
    }
}
