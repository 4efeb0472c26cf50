package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.task.StoredTask;

/**
 * A task; {@code definition} (the body it was created with) only when one task is asked for.
 */
public record TaskView(
        String id, String name, String description, String backendId, String createdAt, JsonNode definition) {

    public static TaskView summary(StoredTask task) {
        return new TaskView(
                task.id(),
                task.name(),
                task.description().orElse(null),
                task.backendId(),
                task.createdAt().toString(),
                null);
    }

    public static TaskView full(StoredTask task) {
        return new TaskView(
                task.id(),
                task.name(),
                task.description().orElse(null),
                task.backendId(),
                task.createdAt().toString(),
                JsonText.tree(task.definitionJson()));
    }
}
