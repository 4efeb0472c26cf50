package dev.promptevo.api.eval;

import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.task.Document;
import java.util.List;

/** Builds a {@link Retriever} over a task's documents (indexing them once). */
public interface RetrieverProvider extends Plugin {
    Retriever index(List<Document> documents);
}
