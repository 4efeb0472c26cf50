package dev.promptevo.executors.minilm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Counts the texts it is asked to embed before passing them on. */
final class CountingEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    private final List<String> texts = new CopyOnWriteArrayList<>();

    CountingEmbedder(TextEmbedder delegate) {
        this.delegate = delegate;
    }

    /** Over the JVM's one real model. */
    static CountingEmbedder overMiniLm() {
        return new CountingEmbedder(MiniLmEmbeddings.shared());
    }

    @Override
    public float[] embed(String text) {
        texts.add(text);
        return delegate.embed(text);
    }

    int calls() {
        return texts.size();
    }

    List<String> texts() {
        return List.copyOf(texts);
    }
}
