package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.deployment.DecisionReward;
import dev.promptevo.web.domain.deployment.Deployment;
import dev.promptevo.web.domain.deployment.DeploymentArm;
import dev.promptevo.web.domain.deployment.DeploymentRepository;
import dev.promptevo.web.domain.deployment.TrafficCount;
import dev.promptevo.web.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaDeploymentRepository implements DeploymentRepository {
    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    @Override
    public void add(Deployment deployment, List<DeploymentArm> arms) {
        em.persist(deployment);
        em.flush(); // the arms' foreign key needs the deployment's row first
        arms.forEach(em::persist);
    }

    @Override
    public Optional<Deployment> find(String id) {
        return Optional.ofNullable(em.find(Deployment.class, id));
    }

    @Override
    public Optional<Deployment> findForUpdate(String id) {
        return Optional.ofNullable(em.find(Deployment.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Page<Deployment> list(Caller viewer, PageRequest page) {
        VisibleTo visible = new VisibleTo("d", viewer);
        String where = visible.where();
        long total = visible.bind(em.createQuery("SELECT COUNT(d) FROM Deployment d" + where, Long.class))
                .getSingleResult();
        var items = visible.bind(em.createQuery(
                        "SELECT d FROM Deployment d" + where + " ORDER BY d.createdAt DESC, d.id", Deployment.class))
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public List<DeploymentArm> arms(String deploymentId) {
        return em.createQuery(
                        "SELECT a FROM DeploymentArm a WHERE a.deploymentId = :d ORDER BY a.position",
                        DeploymentArm.class)
                .setParameter("d", deploymentId)
                .getResultList();
    }

    @Override
    public Optional<DecisionReward> reward(String decisionId) {
        return Optional.ofNullable(em.find(DecisionReward.class, decisionId));
    }

    @Override
    public void addReward(DecisionReward reward) {
        em.persist(reward);
        em.flush(); // a duplicate decision fails here, inside the caller's transaction
    }

    @Override
    public List<RewardTotals> rewardTotals(String deploymentId) {
        return em
                .createQuery(
                        "SELECT r.armPosition, COUNT(r), SUM(r.reward) FROM DecisionReward r"
                                + " WHERE r.deploymentId = :d GROUP BY r.armPosition",
                        Object[].class)
                .setParameter("d", deploymentId)
                .getResultList()
                .stream()
                .map(row -> new RewardTotals(
                        ((Number) row[0]).intValue(), ((Number) row[1]).longValue(), ((Number) row[2]).doubleValue()))
                .toList();
    }

    @Override
    public void addTraffic(List<TrafficCount> counts) {
        counts.forEach(em::persist);
    }

    @Override
    public List<TrafficCount> traffic(String deploymentId, Instant since) {
        return em.createQuery(
                        "SELECT t FROM TrafficCount t WHERE t.deploymentId = :d AND t.bucketStart >= :since"
                                + " ORDER BY t.bucketStart, t.armPosition",
                        TrafficCount.class)
                .setParameter("d", deploymentId)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .getResultList();
    }

    @Override
    public boolean anyUsesTask(String taskId) {
        return !em.createQuery("SELECT d.id FROM Deployment d WHERE d.taskId = :task", String.class)
                .setParameter("task", taskId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public boolean anyUsesDataset(String datasetId) {
        return !em.createQuery("SELECT d.id FROM Deployment d WHERE d.datasetId = :dataset", String.class)
                .setParameter("dataset", datasetId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
