package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.run.Generation;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.run.RunStatus;
import dev.promptevo.web.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaRunRepository implements RunRepository {
    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    @Override
    public void add(Run run) {
        em.persist(run);
    }

    @Override
    public Optional<Run> find(String id) {
        return Optional.ofNullable(em.find(Run.class, id));
    }

    /**
     * The run, locked until the transaction ends: the worker recording a generation and a client
     * cancelling the run take turns instead of failing each other's optimistic check.
     */
    @Override
    public Optional<Run> findForUpdate(String id) {
        return Optional.ofNullable(em.find(Run.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<Run> withStatus(RunStatus status) {
        return em.createQuery("SELECT r FROM Run r WHERE r.status = :status ORDER BY r.createdAt", Run.class)
                .setParameter("status", status)
                .getResultList();
    }

    @Override
    public Page<Run> list(Caller viewer, Optional<String> taskId, PageRequest page) {
        VisibleTo visible = new VisibleTo("r", viewer);
        String where = visible.where(taskId.map(id -> "r.taskId = :task"));
        var count = visible.bind(em.createQuery("SELECT COUNT(r) FROM Run r" + where, Long.class));
        var query = visible.bind(
                em.createQuery("SELECT r FROM Run r" + where + " ORDER BY r.createdAt DESC, r.id", Run.class));
        taskId.ifPresent(id -> {
            count.setParameter("task", id);
            query.setParameter("task", id);
        });
        var items =
                query.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(items, page.offset(), page.limit(), count.getSingleResult());
    }

    @Override
    public boolean anyUsesTask(String taskId) {
        return !em.createQuery("SELECT r.id FROM Run r WHERE r.taskId = :task", String.class)
                .setParameter("task", taskId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public boolean anyUsesDataset(String datasetId) {
        return !em.createQuery("SELECT r.id FROM Run r WHERE r.datasetId = :dataset", String.class)
                .setParameter("dataset", datasetId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void addGeneration(Generation generation) {
        em.persist(generation);
    }

    @Override
    public List<Generation> generations(String runId) {
        return em.createQuery("SELECT g FROM Generation g WHERE g.runId = :run ORDER BY g.index", Generation.class)
                .setParameter("run", runId)
                .getResultList();
    }

    @Override
    public void addCandidates(List<RunCandidate> candidates) {
        candidates.forEach(em::persist);
    }

    @Override
    public Page<RunCandidate> candidates(String runId, PageRequest page) {
        long total = em.createQuery("SELECT COUNT(c) FROM RunCandidate c WHERE c.runId = :run", Long.class)
                .setParameter("run", runId)
                .getSingleResult();
        var items = em.createQuery(
                        "SELECT c FROM RunCandidate c WHERE c.runId = :run ORDER BY c.composite DESC, c.ordinal",
                        RunCandidate.class)
                .setParameter("run", runId)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public List<RunCandidate> paretoFront(String runId) {
        return em.createQuery(
                        "SELECT c FROM RunCandidate c WHERE c.runId = :run AND c.onParetoFront = TRUE"
                                + " ORDER BY c.composite DESC, c.ordinal",
                        RunCandidate.class)
                .setParameter("run", runId)
                .getResultList();
    }
}
