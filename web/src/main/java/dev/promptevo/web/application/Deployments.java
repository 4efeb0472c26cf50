package dev.promptevo.web.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.task.Gates;
import dev.promptevo.engine.bandit.BanditSnapshot;
import dev.promptevo.engine.bandit.BanditStatistics;
import dev.promptevo.engine.bandit.Gate;
import dev.promptevo.engine.bandit.Pause;
import dev.promptevo.engine.bandit.ThompsonBandit;
import dev.promptevo.engine.task.GenomeJson;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.deployment.DecisionRejectedException;
import dev.promptevo.web.domain.deployment.DecisionReward;
import dev.promptevo.web.domain.deployment.DecisionToken;
import dev.promptevo.web.domain.deployment.Deployment;
import dev.promptevo.web.domain.deployment.DeploymentRequest;
import dev.promptevo.web.domain.deployment.InvocationFailedException;
import dev.promptevo.web.domain.deployment.TrafficCount;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.infrastructure.engine.BackendSettings;
import dev.promptevo.web.infrastructure.engine.DeploymentPipeline;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import dev.promptevo.web.infrastructure.security.DecisionSigner;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves deployments: routes decisions, invokes genomes, takes rewards, and applies operator actions.
 * Each deployment's bandit lives in memory ({@link LiveDeployment}), loaded from the database on first
 * use; the database holds what must survive a restart.
 *
 * <h2>Why routing touches no database</h2>
 * A route is a bandit draw and a signed decision id ({@link DecisionSigner}): no row is written, so
 * routing costs about what any authenticated endpoint costs. Decision counts per arm and time bucket
 * are kept in memory and flushed with the bandit's state every {@code promptevo.deployments.flush-seconds}
 * (and on shutdown); a crash loses at most that interval of decision counts, never a reward.
 *
 * <h2>Why rewards are exact</h2>
 * A reward is checked (signature, deployment, expiry), stored in its own transaction under the
 * decision's id as primary key, and only once that has committed applied to the bandit, whose update
 * is lock-free and loses nothing. A repeated reward finds the stored one (or, when two race, the
 * second insert fails on the key and then finds it) and changes nothing. After a restart the
 * posteriors are rebuilt from the stored rewards ({@link dev.promptevo.web.domain.deployment.BanditState}).
 *
 * <p>One server per deployment: several servers would each hold their own posteriors (rewards are
 * stored once and a restart merges them, but between restarts each server sees only its own).
 */
@ApplicationScoped
public class Deployments {
    private static final Logger LOG = Logger.getLogger(Deployments.class.getName());
    public static final int MAX_UNIT_KEY = 200;
    public static final int MAX_INPUT = 100_000;

    @Inject
    private DeploymentService store;

    @Inject
    private DecisionSigner signer;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private BackendSettings backendSettings;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    @Inject
    @ConfigProperty(name = "promptevo.deployments.traffic-bucket-seconds", defaultValue = "60")
    private long bucketSeconds;

    @Inject
    @ConfigProperty(name = "promptevo.deployments.flush-seconds", defaultValue = "5")
    private long flushSeconds;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, LiveDeployment> live = new ConcurrentHashMap<>();
    /** Task definitions by task id: a task cannot change while a deployment uses it (tasks are immutable). */
    private final ConcurrentHashMap<String, TaskDefinition> definitions = new ConcurrentHashMap<>();

    private ScheduledFuture<?> flushing;

    @PostConstruct
    void startFlushing() {
        flushing = scheduler.scheduleWithFixedDelay(this::flushAll, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Delivering this event creates the bean, and with it the flushing, before the first request.
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flushAll();
    }

    // ---- creating and reading ----

    public LiveDeployment create(Caller caller, DeploymentRequest request) {
        DeploymentService.Stored stored = store.create(caller, request);
        return live.computeIfAbsent(stored.deployment().id(), id -> toLive(stored));
    }

    public Page<Deployment> list(Caller caller, PageRequest page) {
        return store.list(caller, page);
    }

    /** The deployment {@code id}, if the caller may see it. */
    public LiveDeployment get(Caller caller, String id) {
        LiveDeployment deployment = live.get(id);
        if (deployment == null) {
            deployment = store.load(id)
                    .map(stored -> live.computeIfAbsent(id, k -> toLive(stored)))
                    .orElse(null);
        }
        if (deployment == null || !caller.canSee(deployment.owner())) {
            throw new UnknownEntityException(DeploymentService.KIND, id);
        }
        return deployment;
    }

    /** Statistics now, and the decisions per arm in the last {@code buckets} time buckets. */
    public Report report(Caller caller, String id, int buckets) {
        LiveDeployment deployment = get(caller, id);
        Instant since = Instant.ofEpochSecond(
                        Math.floorDiv(clock.instant().getEpochSecond(), bucketSeconds) * bucketSeconds)
                .minusSeconds(bucketSeconds * (buckets - 1L));
        List<TrafficCount> traffic = new java.util.ArrayList<>(store.traffic(id, since));
        deployment.pendingTraffic().stream()
                .filter(t -> !t.bucketStart().isBefore(since))
                .forEach(traffic::add);
        return new Report(deployment, deployment.bandit().statistics(), traffic);
    }

    /** A deployment's statistics and its traffic counts (several counts may share a bucket and arm). */
    public record Report(LiveDeployment deployment, BanditStatistics statistics, List<TrafficCount> traffic) {}

    // ---- serving ----

    /** One routed decision: its signed id and the arm it chose. */
    public record Routed(String decisionId, LiveDeployment.Arm arm) {}

    /**
     * Chooses an arm for one request: by Thompson sampling, or, with a unit key, the key's sticky arm.
     */
    public Routed route(Caller caller, String id, Optional<String> unitKey) {
        unitKey.ifPresent(Deployments::checkUnitKey);
        return route(get(caller, id), unitKey);
    }

    private Routed route(LiveDeployment deployment, Optional<String> unitKey) {
        ThompsonBandit bandit = deployment.bandit();
        String armId = unitKey.isPresent() ? bandit.choose(unitKey.get()) : bandit.choose();
        LiveDeployment.Arm arm = deployment.arm(armId);
        Instant now = clock.instant();
        deployment.countDecision(arm, now);
        return new Routed(signer.issue(deployment.id(), arm.position(), now).id(), arm);
    }

    private static void checkUnitKey(String key) {
        if (key.isBlank() || key.length() > MAX_UNIT_KEY) {
            throw InvalidInputException.of(
                    "unitKey", "must be a non-blank string of at most " + MAX_UNIT_KEY + " characters");
        }
    }

    /**
     * What an invocation produced and how it was judged.
     *
     * @param reward the reward given from the validators, when asked and applied
     */
    public record Invoked(
            Routed routed,
            Evaluation evaluation,
            boolean knownInput,
            boolean gatesPassed,
            Optional<Double> reward,
            Optional<Pause> pausedByGuardrail) {}

    /**
     * Routes, runs {@code input} through the chosen genome, records the output's gate outcome for the
     * guardrails and, with {@code autoReward}, rewards the decision from the validators: the validator
     * score when the output passes the schema, safety and validator gates, else 0.
     *
     * @throws InvocationFailedException when the backend could not answer
     */
    public Invoked invoke(Caller caller, String id, String input, boolean autoReward, Optional<String> unitKey)
            throws InterruptedException {
        if (input == null || input.length() > MAX_INPUT) {
            throw InvalidInputException.of("input", "is required: a string of at most " + MAX_INPUT + " characters");
        }
        unitKey.ifPresent(Deployments::checkUnitKey);
        LiveDeployment deployment = get(caller, id);
        DeploymentPipeline pipeline = deployment.pipeline(() -> pipeline(deployment));
        Routed routed = route(deployment, unitKey);
        Genome genome = GenomeJson.fromNode(
                routed.arm().genome(), taskDefinition(deployment).space());
        Evaluation evaluation = pipeline.run(genome, input);
        if (evaluation.failedToRun()) {
            throw new InvocationFailedException(evaluation.error().orElseThrow(), routed.decisionId());
        }
        var metrics = evaluation.metrics();
        Set<Gate> failed = EnumSet.noneOf(Gate.class);
        if (!metrics.schemaOk()) {
            failed.add(Gate.SCHEMA);
        }
        if (metrics.safetyFlags() > 0) {
            failed.add(Gate.SAFETY);
        }
        Optional<Pause> pause = deployment.bandit().recordGates(routed.arm().genomeId(), failed);
        if (pause.isPresent()) {
            saveState(deployment);
        }
        Gates gates = taskDefinition(deployment).toTask(deployment.taskId()).gates();
        boolean passed = failed.isEmpty() && metrics.validatorScore() >= gates.minValidatorScore();
        Optional<Double> reward = Optional.empty();
        if (autoReward) {
            double r = passed ? metrics.validatorScore() : 0.0;
            DecisionToken token = signer.verify(routed.decisionId());
            if (applyReward(deployment, token, r, DecisionReward.Source.VALIDATORS)
                    .applied()) {
                reward = Optional.of(r);
            }
        }
        return new Invoked(routed, evaluation, pipeline.known(input), passed, reward, pause);
    }

    private TaskDefinition taskDefinition(LiveDeployment deployment) {
        return definitions.computeIfAbsent(
                deployment.taskId(),
                taskId -> store.invocationInputs(taskId, Optional.empty()).definition());
    }

    private DeploymentPipeline pipeline(LiveDeployment deployment) {
        var inputs = store.invocationInputs(deployment.taskId(), deployment.datasetId());
        TaskDefinition definition = inputs.definition();
        return DeploymentPipeline.of(
                plugins,
                definition.toTask(deployment.taskId()),
                definition.backendId(),
                backendSettings.of(definition.backendId()),
                inputs.examples(),
                Path.of(dataDir));
    }

    /** What a reward did: the reward stored for the decision, and whether it was this call's. */
    public record Rewarded(
            String decisionId, String deploymentId, LiveDeployment.Arm arm, DecisionReward stored, boolean applied) {}

    /**
     * Rewards a decision once.
     *
     * @throws DecisionRejectedException when the id is not one this server issued for a deployment the
     *     caller can see, or has expired
     */
    public Rewarded reward(Caller caller, String decisionId, double reward) {
        if (!(reward >= 0 && reward <= 1)) {
            throw InvalidInputException.of("reward", "must be a number in [0, 1], got " + reward);
        }
        DecisionToken token = signer.verify(decisionId);
        LiveDeployment deployment;
        try {
            deployment = get(caller, token.deploymentId());
            deployment.arm(token.armPosition());
        } catch (UnknownEntityException e) {
            throw new DecisionRejectedException(
                    DecisionRejectedException.Reason.UNKNOWN, "not a decision of a deployment you can see");
        }
        if (token.expired(clock.instant(), deployment.decisionTtl())) {
            throw new DecisionRejectedException(
                    DecisionRejectedException.Reason.EXPIRED,
                    "the decision was made at " + token.issuedAt() + " and expired after "
                            + deployment.decisionTtl().toSeconds() + " s (the deployment's decisionTtlSeconds)");
        }
        RewardOutcome outcome = applyReward(deployment, token, reward, DecisionReward.Source.CLIENT);
        return new Rewarded(
                decisionId, deployment.id(), deployment.arm(token.armPosition()), outcome.stored(), outcome.applied());
    }

    private record RewardOutcome(DecisionReward stored, boolean applied) {}

    private RewardOutcome applyReward(
            LiveDeployment deployment, DecisionToken token, double reward, DecisionReward.Source source) {
        DeploymentService.RewardRecord record;
        try {
            record = store.recordReward(token, reward, source);
        } catch (RuntimeException e) {
            // Two rewards of one decision raced and the other committed first: its key is taken.
            DecisionReward stored = store.reward(token.decisionId()).orElseThrow(() -> e);
            return new RewardOutcome(stored, false);
        }
        if (record.applied()) {
            deployment.bandit().reward(deployment.arm(token.armPosition()).genomeId(), reward);
        }
        return new RewardOutcome(record.reward(), record.applied());
    }

    // ---- operator actions (admin) ----

    /** The operator actions on one arm. */
    public enum ArmAction {
        PAUSE,
        RESUME,
        PROMOTE,
        ROLLBACK
    }

    /**
     * Applies an operator action to the arm at {@code position} and stores the new state.
     *
     * @return whether it changed anything (pausing a paused arm or resuming an active one does not)
     * @throws ConflictException when the action is not possible now (the message says why)
     */
    public boolean act(Caller caller, String id, int position, ArmAction action, Optional<String> reason) {
        LiveDeployment deployment = get(caller, id);
        String armId = deployment.arm(position).genomeId();
        synchronized (deployment) {
            boolean changed;
            try {
                changed = switch (action) {
                    case PAUSE -> deployment.bandit().pause(armId, reason.orElse(""));
                    case RESUME -> deployment.bandit().resume(armId);
                    case PROMOTE -> {
                        deployment.bandit().promote(armId);
                        yield true;
                    }
                    case ROLLBACK -> {
                        deployment.bandit().rollback(armId);
                        yield true;
                    }
                };
            } catch (IllegalStateException e) {
                throw new ConflictException(e.getMessage());
            }
            if (changed) {
                saveState(deployment);
            }
            return changed;
        }
    }

    // ---- persistence of the in-memory state ----

    private void saveState(LiveDeployment deployment) {
        synchronized (deployment) {
            BanditSnapshot snapshot = deployment.bandit().snapshot();
            try {
                store.saveState(deployment.id(), snapshot);
                deployment.stateFlushed(snapshot.decisions());
            } catch (RuntimeException e) {
                // The memory is ahead of the database: start again from what the database holds.
                live.remove(deployment.id(), deployment);
                throw e;
            }
        }
    }

    /** Writes every deployment's traffic counts and, when it routed since, its state. */
    void flushAll() {
        for (LiveDeployment deployment : live.values()) {
            try {
                List<TrafficCount> counts = deployment.drainTraffic();
                if (!counts.isEmpty()) {
                    try {
                        store.addTraffic(counts);
                    } catch (RuntimeException e) {
                        deployment.restoreTraffic(counts);
                        throw e;
                    }
                }
                if (deployment.stateChangedSinceFlush()) {
                    saveState(deployment);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "flushing deployment " + deployment.id() + " failed; will retry", e);
            }
        }
    }

    private LiveDeployment toLive(DeploymentService.Stored stored) {
        Deployment d = stored.deployment();
        List<LiveDeployment.Arm> arms = stored.arms().stream()
                .map(a ->
                        new LiveDeployment.Arm(a.position(), a.genomeId(), (ObjectNode) JsonText.tree(a.genomeJson())))
                .toList();
        return new LiveDeployment(
                d.id(),
                d.taskId(),
                d.datasetId(),
                d.owner(),
                d.decisionTtl(),
                ThompsonBandit.restore(stored.state()),
                arms,
                bucketSeconds);
    }
}
