package dev.promptevo.api.eval;

import dev.promptevo.api.task.Document;
import java.util.List;

/** Finds the passages most relevant to a query among documents it indexed once. */
public interface Retriever {

    /** At most {@code k} passages, best first; empty when {@code k} is 0. */
    List<Scored> retrieve(String query, int k);

    record Scored(Document document, double score) {}
}
