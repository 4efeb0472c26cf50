package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.task.StoredTask;

/**
 * A task, with its owner (the creator's token subject, and team when the token had one); {@code definition} (the body it was created with) only when one task is asked for.
 */
public record TaskView(
        String id,
        String name,
        String description,
        String backendId,
        String createdAt,
        String owner,
        String team,
        JsonNode definition) {

    public static TaskView summary(StoredTask task) {
        return new TaskView(
                task.id(),
                task.name(),
                task.description().orElse(null),
                task.backendId(),
                task.createdAt().toString(),
                task.owner().subject(),
                task.owner().team().orElse(null),
                null);
    }

    public static TaskView full(StoredTask task) {
        return new TaskView(
                task.id(),
                task.name(),
                task.description().orElse(null),
                task.backendId(),
                task.createdAt().toString(),
                task.owner().subject(),
                task.owner().team().orElse(null),
                JsonText.tree(task.definitionJson()));
    }
}
