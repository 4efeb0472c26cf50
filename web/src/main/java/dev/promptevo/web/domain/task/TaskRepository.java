package dev.promptevo.web.domain.task;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Caller;
import java.util.Optional;

public interface TaskRepository {
    void add(StoredTask task);

    Optional<StoredTask> find(String id);

    /** The tasks {@code viewer} may see, newest first. */
    Page<StoredTask> list(Caller viewer, PageRequest page);

    void remove(StoredTask task);
}
