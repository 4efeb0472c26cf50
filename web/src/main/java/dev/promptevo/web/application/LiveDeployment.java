package dev.promptevo.web.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.engine.bandit.ThompsonBandit;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.deployment.TrafficCount;
import dev.promptevo.web.domain.security.Ownership;
import dev.promptevo.web.infrastructure.engine.DeploymentPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * A deployment as this server serves it: its bandit, its arms (genome JSON rendered once) and the
 * decision counts per arm and time bucket not yet flushed to the database. Thread-safe: the bandit
 * is; operator actions and state writes synchronize on this object.
 */
public final class LiveDeployment {
    private final String id;
    private final String taskId;
    private final Optional<String> datasetId;
    private final Ownership owner;
    private final Duration decisionTtl;
    private final ThompsonBandit bandit;
    private final List<Arm> arms;
    private final Map<String, Arm> byGenome;
    private final long bucketSeconds;
    private final ConcurrentHashMap<Long, AtomicLongArray> unflushed = new ConcurrentHashMap<>();
    private volatile DeploymentPipeline pipeline;
    private volatile long flushedDecisions;

    /** One arm: its position in the deployment, its genome's id and the genome as JSON. */
    public record Arm(int position, String genomeId, ObjectNode genome) {
        public Arm {
            Objects.requireNonNull(genomeId, "genomeId");
            Objects.requireNonNull(genome, "genome");
        }
    }

    LiveDeployment(
            String id,
            String taskId,
            Optional<String> datasetId,
            Ownership owner,
            Duration decisionTtl,
            ThompsonBandit bandit,
            List<Arm> arms,
            long bucketSeconds) {
        this.id = id;
        this.taskId = taskId;
        this.datasetId = datasetId;
        this.owner = owner;
        this.decisionTtl = decisionTtl;
        this.bandit = bandit;
        this.arms = List.copyOf(arms);
        Map<String, Arm> index = new HashMap<>();
        arms.forEach(a -> index.put(a.genomeId(), a));
        this.byGenome = Map.copyOf(index);
        this.bucketSeconds = bucketSeconds;
        this.flushedDecisions = bandit.snapshot().decisions();
    }

    public String id() {
        return id;
    }

    public String taskId() {
        return taskId;
    }

    public Optional<String> datasetId() {
        return datasetId;
    }

    public Ownership owner() {
        return owner;
    }

    public Duration decisionTtl() {
        return decisionTtl;
    }

    public ThompsonBandit bandit() {
        return bandit;
    }

    public List<Arm> arms() {
        return arms;
    }

    public Arm arm(String genomeId) {
        Arm arm = byGenome.get(genomeId);
        if (arm == null) {
            throw new IllegalStateException("the bandit chose an arm the deployment does not have: " + genomeId);
        }
        return arm;
    }

    /** @throws UnknownEntityException when there is no arm at {@code position} */
    public Arm arm(int position) {
        if (position < 0 || position >= arms.size()) {
            throw new UnknownEntityException("arm", Integer.toString(position));
        }
        return arms.get(position);
    }

    public long bucketSeconds() {
        return bucketSeconds;
    }

    /** Counts one decision routed to {@code arm} at {@code now}. */
    void countDecision(Arm arm, Instant now) {
        long bucket = Math.floorDiv(now.getEpochSecond(), bucketSeconds) * bucketSeconds;
        unflushed.computeIfAbsent(bucket, b -> new AtomicLongArray(arms.size())).incrementAndGet(arm.position());
    }

    /** The counts not flushed yet, without taking them. */
    List<TrafficCount> pendingTraffic() {
        return traffic(false);
    }

    /** The counts not flushed yet, taken: the caller stores them (or puts them back on failure). */
    List<TrafficCount> drainTraffic() {
        return traffic(true);
    }

    void restoreTraffic(List<TrafficCount> counts) {
        for (TrafficCount count : counts) {
            unflushed
                    .computeIfAbsent(count.bucketStart().getEpochSecond(), b -> new AtomicLongArray(arms.size()))
                    .addAndGet(count.armPosition(), count.decisions());
        }
    }

    private List<TrafficCount> traffic(boolean take) {
        List<TrafficCount> counts = new ArrayList<>();
        for (var entry : unflushed.entrySet()) {
            AtomicLongArray perArm = entry.getValue();
            for (int i = 0; i < perArm.length(); i++) {
                long n = take ? perArm.getAndSet(i, 0) : perArm.get(i);
                if (n > 0) {
                    counts.add(new TrafficCount(id, i, Instant.ofEpochSecond(entry.getKey()), n));
                }
            }
        }
        if (take) {
            long current = Math.floorDiv(Instant.now().getEpochSecond(), bucketSeconds) * bucketSeconds;
            unflushed.keySet().removeIf(bucket -> bucket < current);
        }
        return counts;
    }

    /** Whether decisions were made since the state was last written. */
    boolean stateChangedSinceFlush() {
        return bandit.snapshot().decisions() != flushedDecisions;
    }

    void stateFlushed(long decisions) {
        flushedDecisions = decisions;
    }

    DeploymentPipeline pipeline(Supplier<DeploymentPipeline> build) {
        DeploymentPipeline p = pipeline;
        if (p == null) {
            synchronized (this) {
                p = pipeline;
                if (p == null) {
                    p = build.get();
                    pipeline = p;
                }
            }
        }
        return p;
    }
}
