package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaTaskRepository implements TaskRepository {
    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    @Override
    public void add(StoredTask task) {
        em.persist(task);
    }

    @Override
    public Optional<StoredTask> find(String id) {
        return Optional.ofNullable(em.find(StoredTask.class, id));
    }

    @Override
    public Page<StoredTask> list(Caller viewer, PageRequest page) {
        VisibleTo visible = new VisibleTo("t", viewer);
        long total = visible.bind(em.createQuery("SELECT COUNT(t) FROM StoredTask t" + visible.where(), Long.class))
                .getSingleResult();
        var items = visible.bind(em.createQuery(
                        "SELECT t FROM StoredTask t" + visible.where() + " ORDER BY t.createdAt DESC, t.id",
                        StoredTask.class))
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public void remove(StoredTask task) {
        em.remove(em.contains(task) ? task : em.merge(task));
    }
}
