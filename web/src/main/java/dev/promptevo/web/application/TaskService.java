package dev.promptevo.web.application;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.domain.task.TaskRepository;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Creates, reads and deletes tasks; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class TaskService {
    public static final String KIND = "task";

    @Inject
    private TaskRepository tasks;

    @Inject
    private RunRepository runs;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private Clock clock;

    public StoredTask create(JsonNode body) {
        TaskDefinition definition = TaskDefinition.parse(body);
        if (!plugins.hasBackend(definition.backendId())) {
            throw InvalidInputException.of(
                    "backend.id",
                    "no backend '" + definition.backendId() + "' is installed (installed: " + plugins.backendIds()
                            + ")");
        }
        StoredTask task = new StoredTask(definition, clock.instant());
        tasks.add(task);
        return task;
    }

    public StoredTask get(String id) {
        return tasks.find(id).orElseThrow(() -> new UnknownEntityException(KIND, id));
    }

    public Page<StoredTask> list(PageRequest page) {
        return tasks.list(page);
    }

    /** @throws ConflictException while runs refer to the task */
    public void delete(String id) {
        StoredTask task = get(id);
        if (runs.anyUsesTask(id)) {
            throw new ConflictException("task " + id + " has runs; it cannot be deleted while they refer to it");
        }
        tasks.remove(task);
    }

    /** The stored definition, compiled again for the engine. */
    public static TaskDefinition definitionOf(StoredTask task) {
        return TaskDefinition.parse(JsonText.tree(task.definitionJson()));
    }
}
