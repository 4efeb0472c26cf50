package dev.promptevo.api.task;

import java.util.List;
import java.util.Objects;

/**
 * One golden case.
 *
 * @param id stable id, unique in its dataset
 * @param input the text substituted for {@code {{input}}}
 * @param expectedJson the expected output as JSON text
 * @param difficulty in [0, 1]; 0.5 when the dataset does not say
 * @param tags free labels (category, "multi-issue", ...), used for stratified batches
 * @param relevantPassages ids of document passages that decide this case (for retrieval metrics)
 */
public record Example(
        String id,
        String input,
        String expectedJson,
        double difficulty,
        List<String> tags,
        List<String> relevantPassages) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(expectedJson, "expectedJson");
        if (id.isBlank()) {
            throw new IllegalArgumentException("example id must not be blank");
        }
        if (!(difficulty >= 0 && difficulty <= 1)) {
            throw new IllegalArgumentException("difficulty must be in [0, 1], got " + difficulty);
        }
        tags = List.copyOf(tags);
        relevantPassages = List.copyOf(relevantPassages);
    }
}
