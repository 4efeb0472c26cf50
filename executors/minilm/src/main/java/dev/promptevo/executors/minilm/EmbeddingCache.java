package dev.promptevo.executors.minilm;

import dev.promptevo.api.task.Document;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The embeddings of a JVM's document sets and texts, each computed once.
 *
 * <p>A document set is keyed by a SHA-256 hash of its documents' ids, titles and texts in order, so
 * every run and candidate over the same documents shares one index, and an edited document makes a
 * new one. Texts (retrieval queries, scored outputs and expected answers) are keyed by themselves:
 * every candidate of a run asks about the same example inputs. Both are bounded LRU memos, and the
 * model is asked for only on the first miss. Thread-safe.
 */
final class EmbeddingCache {
    static final int DOCUMENT_SETS = 16;
    static final int TEXTS = 8192;

    private static final class Shared {
        static final EmbeddingCache INSTANCE = new EmbeddingCache(MiniLmEmbeddings::shared);
    }

    private final Supplier<? extends TextEmbedder> embedder;
    private final LruMemo<String, float[][]> documentSets = new LruMemo<>(DOCUMENT_SETS);
    private final LruMemo<String, float[]> texts = new LruMemo<>(TEXTS);

    /**
     * @param embedder asked for the model at the first embedding, so that merely discovering the plugin
     *     loads nothing
     */
    EmbeddingCache(Supplier<? extends TextEmbedder> embedder) {
        this.embedder = embedder;
    }

    /** The JVM's cache over the {@linkplain MiniLmEmbeddings#shared() shared model}. */
    static EmbeddingCache shared() {
        return Shared.INSTANCE;
    }

    /** One vector per document (its title, a line break, its text), in order. Do not modify. */
    float[][] documents(List<Document> documents) {
        if (documents.isEmpty()) {
            return new float[0][];
        }
        return documentSets.get(key(documents), unused -> {
            TextEmbedder model = embedder.get();
            float[][] vectors = new float[documents.size()][];
            for (int i = 0; i < vectors.length; i++) {
                Document document = documents.get(i);
                vectors[i] = model.embed(document.title() + "\n" + document.text());
            }
            return vectors;
        });
    }

    /** The vector of {@code text}. Do not modify. */
    float[] text(String text) {
        return texts.get(text, t -> embedder.get().embed(t));
    }

    static String key(List<Document> documents) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (Document document : documents) {
            update(digest, document.id());
            update(digest, document.title());
            update(digest, document.text());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
