/**
 * An optional plugin on the all-MiniLM-L6-v2 sentence-embedding model, run offline in process: {@link
 * dev.promptevo.executors.minilm.EmbeddingRetrieverProvider} (plugin id {@code retriever.minilm},
 * registered) ranks passages by meaning instead of shared words, and {@link
 * dev.promptevo.executors.minilm.EmbeddingSimilarityScorer} ({@code validator.embedding-similarity},
 * opt-in, not registered) scores an output by how close its meaning is to the expected answer. Both
 * share one lazily loaded {@link dev.promptevo.executors.minilm.MiniLmEmbeddings} and one cache of
 * embeddings per JVM.
 */
package dev.promptevo.executors.minilm;
