package dev.promptevo.executors.minilm;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.task.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dense retrieval: documents ranked by the cosine similarity of their embedding to the query's.
 *
 * <p>Unlike BM25 every document has a score, so {@code k} larger than the corpus returns the whole
 * corpus, best first. Immutable and thread-safe.
 */
final class EmbeddingRetriever implements Retriever {
    private final List<Document> documents;
    private final float[][] vectors;
    private final EmbeddingCache cache;

    EmbeddingRetriever(List<Document> documents, EmbeddingCache cache) {
        this.documents = List.copyOf(documents);
        this.cache = cache;
        this.vectors = cache.documents(this.documents);
    }

    /**
     * The {@code k} documents most similar to the query (all of them when there are fewer), best
     * first; equal scores keep the documents' order. The query is not embedded when {@code k} is 0 or
     * there are no documents.
     *
     * @throws IllegalArgumentException when {@code k} is negative
     */
    @Override
    public List<Scored> retrieve(String query, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (k == 0 || documents.isEmpty()) {
            return List.of();
        }
        float[] queryVector = cache.text(query);
        List<Scored> scored = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            scored.add(new Scored(documents.get(i), Vectors.cosine(queryVector, vectors[i])));
        }
        // List.sort is stable, so equal scores stay in document order.
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
    }
}
