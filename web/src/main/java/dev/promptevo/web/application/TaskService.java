package dev.promptevo.web.application;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.deployment.DeploymentRepository;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.domain.task.TaskRepository;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Creates, reads and deletes tasks; each public method is one transaction. A task belongs to its
 * creator (and the creator's team); to anyone else who may not see it, it does not exist.
 */
@ApplicationScoped
@Transactional
public class TaskService {
    public static final String KIND = "task";

    @Inject
    private TaskRepository tasks;

    @Inject
    private RunRepository runs;

    @Inject
    private DeploymentRepository deployments;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private Clock clock;

    public StoredTask create(Caller caller, JsonNode body) {
        TaskDefinition definition = TaskDefinition.parse(body);
        if (!plugins.hasBackend(definition.backendId())) {
            throw InvalidInputException.of(
                    "backend.id",
                    "no backend '" + definition.backendId() + "' is installed (installed: " + plugins.backendIds()
                            + ")");
        }
        StoredTask task = new StoredTask(definition, caller.ownership(), clock.instant());
        tasks.add(task);
        return task;
    }

    public StoredTask get(Caller caller, String id) {
        return tasks.find(id)
                .filter(task -> caller.canSee(task.owner()))
                .orElseThrow(() -> new UnknownEntityException(KIND, id));
    }

    public Page<StoredTask> list(Caller caller, PageRequest page) {
        return tasks.list(caller, page);
    }

    /** @throws ConflictException while runs or deployments refer to the task */
    public void delete(Caller caller, String id) {
        StoredTask task = get(caller, id);
        if (runs.anyUsesTask(id)) {
            throw new ConflictException("task " + id + " has runs; it cannot be deleted while they refer to it");
        }
        if (deployments.anyUsesTask(id)) {
            throw new ConflictException(
                    "task " + id + " is used by a deployment; it cannot be deleted while the deployment refers to it");
        }
        tasks.remove(task);
    }

    /** The stored definition, compiled again for the engine. */
    public static TaskDefinition definitionOf(StoredTask task) {
        return TaskDefinition.parse(JsonText.tree(task.definitionJson()));
    }
}
