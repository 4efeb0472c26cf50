package dev.promptevo.engine.retrieval;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.task.Document;
import java.util.List;

/** The built-in retriever: {@link Bm25Retriever}, id {@value #ID}. */
public final class Bm25RetrieverProvider implements RetrieverProvider {
    public static final String ID = "retriever.bm25";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Retriever index(List<Document> documents) {
        return Bm25Retriever.of(documents);
    }
}
