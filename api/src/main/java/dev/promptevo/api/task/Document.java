package dev.promptevo.api.task;

import java.util.Objects;

/**
 * One retrievable passage of the task's reference documents.
 *
 * @param id stable id, by convention {@code <file stem>#<section number>}
 */
public record Document(String id, String title, String text) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
