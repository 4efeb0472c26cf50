package dev.promptevo.web.domain.task;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import java.util.Optional;

public interface TaskRepository {
    void add(StoredTask task);

    Optional<StoredTask> find(String id);

    /** Newest first. */
    Page<StoredTask> list(PageRequest page);

    void remove(StoredTask task);
}
