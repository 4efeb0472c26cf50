package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.dataset.StoredDataset;
import dev.promptevo.web.domain.dataset.StoredExample;
import dev.promptevo.web.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaDatasetRepository implements DatasetRepository {
    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    @Override
    public void add(StoredDataset dataset) {
        em.persist(dataset);
        em.flush(); // the examples' foreign key needs the row before they are flushed
    }

    @Override
    public void addExamples(List<StoredExample> examples) {
        examples.forEach(em::persist);
        em.flush();
        examples.forEach(em::detach);
    }

    @Override
    public Optional<StoredDataset> find(String id) {
        return Optional.ofNullable(em.find(StoredDataset.class, id));
    }

    @Override
    public Page<StoredDataset> list(Caller viewer, PageRequest page) {
        VisibleTo visible = new VisibleTo("d", viewer);
        long total = visible.bind(em.createQuery("SELECT COUNT(d) FROM StoredDataset d" + visible.where(), Long.class))
                .getSingleResult();
        var items = visible.bind(em.createQuery(
                        "SELECT d FROM StoredDataset d" + visible.where() + " ORDER BY d.createdAt DESC, d.id",
                        StoredDataset.class))
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public List<Example> examples(String datasetId) {
        return em
                .createQuery(
                        "SELECT e FROM StoredExample e WHERE e.datasetId = :dataset ORDER BY e.position",
                        StoredExample.class)
                .setParameter("dataset", datasetId)
                .getResultList()
                .stream()
                .map(StoredExample::toExample)
                .toList();
    }

    @Override
    public Page<Example> examples(String datasetId, PageRequest page) {
        long total = em.createQuery("SELECT COUNT(e) FROM StoredExample e WHERE e.datasetId = :dataset", Long.class)
                .setParameter("dataset", datasetId)
                .getSingleResult();
        var items = em
                .createQuery(
                        "SELECT e FROM StoredExample e WHERE e.datasetId = :dataset ORDER BY e.position",
                        StoredExample.class)
                .setParameter("dataset", datasetId)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList()
                .stream()
                .map(StoredExample::toExample)
                .toList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public void remove(StoredDataset dataset) {
        em.createQuery("DELETE FROM StoredExample e WHERE e.datasetId = :dataset")
                .setParameter("dataset", dataset.id())
                .executeUpdate();
        em.remove(em.contains(dataset) ? dataset : em.merge(dataset));
    }
}
