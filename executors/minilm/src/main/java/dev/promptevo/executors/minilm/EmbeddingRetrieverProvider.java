package dev.promptevo.executors.minilm;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.task.Document;
import java.util.List;

/**
 * Semantic retrieval on {@link MiniLmEmbeddings all-MiniLM-L6-v2}, id {@value #ID}: finds the
 * passage about lost deliveries for "my parcel never arrived", which shares no word with it and so
 * scores nothing under BM25.
 *
 * <p>{@link #index} embeds each document (title and text) once per JVM: the vectors are cached by a
 * hash of the document set, and query vectors in a bounded LRU, so repeated runs and every candidate
 * of a run reuse them. The model loads on the first {@code index} of a non-empty document set, never
 * at discovery.
 */
public final class EmbeddingRetrieverProvider implements RetrieverProvider {
    public static final String ID = "retriever.minilm";

    private final EmbeddingCache cache;

    /** Over the JVM's shared model and cache; what {@link java.util.ServiceLoader} calls. */
    public EmbeddingRetrieverProvider() {
        this(EmbeddingCache.shared());
    }

    EmbeddingRetrieverProvider(EmbeddingCache cache) {
        this.cache = cache;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Retriever index(List<Document> documents) {
        return new EmbeddingRetriever(documents, cache);
    }
}
