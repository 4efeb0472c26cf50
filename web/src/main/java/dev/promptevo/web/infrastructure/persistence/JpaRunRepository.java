package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.run.CandidateEvaluations;
import dev.promptevo.web.domain.run.Generation;
import dev.promptevo.web.domain.run.RecordedCall;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.run.RunCheckpoint;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.run.RunStatus;
import dev.promptevo.web.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public void saveCheckpoint(String runId, int generation, String state, Instant now) {
        RunCheckpoint existing = em.find(RunCheckpoint.class, runId);
        if (existing == null) {
            em.persist(new RunCheckpoint(runId, generation, state, now));
        } else {
            existing.replace(generation, state, now);
        }
    }

    @Override
    public Optional<RunCheckpoint> checkpoint(String runId) {
        return Optional.ofNullable(em.find(RunCheckpoint.class, runId));
    }

    @Override
    public void addEvaluations(List<CandidateEvaluations> evaluations) {
        evaluations.forEach(em::persist);
    }

    @Override
    public Map<String, String> evaluationsJson(String runId) {
        Map<String, String> out = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT e.genomeId, e.evaluationsJson FROM CandidateEvaluations e WHERE e.runId = :run",
                        Object[].class)
                .setParameter("run", runId)
                .getResultList()
                .forEach(row -> out.put((String) row[0], (String) row[1]));
        return out;
    }

    @Override
    public Optional<CandidateEvaluations> evaluations(String runId, String genomeId) {
        return em.createQuery(
                        "SELECT e FROM CandidateEvaluations e WHERE e.runId = :run AND e.genomeId = :genome",
                        CandidateEvaluations.class)
                .setParameter("run", runId)
                .setParameter("genome", genomeId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void addCalls(Collection<RecordedCall> calls) {
        calls.forEach(em::persist);
    }

    @Override
    public List<RecordedCall> calls(String runId) {
        return em.createQuery("SELECT c FROM RecordedCall c WHERE c.runId = :run", RecordedCall.class)
                .setParameter("run", runId)
                .getResultList();
    }

    @Override
    public int deleteCalls(String runId) {
        return em.createQuery("DELETE FROM RecordedCall c WHERE c.runId = :run")
                .setParameter("run", runId)
                .executeUpdate();
    }

    @Override
    public int deleteCallsOfEndedRuns() {
        return em.createQuery("DELETE FROM RecordedCall c WHERE c.runId IN"
                        + " (SELECT r.id FROM Run r WHERE r.status NOT IN :active)")
                .setParameter("active", List.of(RunStatus.QUEUED, RunStatus.RUNNING))
                .executeUpdate();
    }
}
