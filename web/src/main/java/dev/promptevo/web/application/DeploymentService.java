package dev.promptevo.web.application;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.bandit.ArmSpec;
import dev.promptevo.engine.bandit.BanditConfig;
import dev.promptevo.engine.bandit.BanditSnapshot;
import dev.promptevo.engine.bandit.ThompsonBandit;
import dev.promptevo.engine.bandit.WarmStart;
import dev.promptevo.engine.task.GenomeJson;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.Violation;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.deployment.BanditState;
import dev.promptevo.web.domain.deployment.DecisionReward;
import dev.promptevo.web.domain.deployment.DecisionToken;
import dev.promptevo.web.domain.deployment.Deployment;
import dev.promptevo.web.domain.deployment.DeploymentArm;
import dev.promptevo.web.domain.deployment.DeploymentRepository;
import dev.promptevo.web.domain.deployment.DeploymentRequest;
import dev.promptevo.web.domain.deployment.TrafficCount;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.run.RunStatus;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskDefinition;
import dev.promptevo.web.domain.task.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployments' persistent side; each public method is one transaction. What serves traffic is
 * {@link Deployments}, which keeps every deployment's bandit in memory and calls this to load it, to
 * store its rewards and to write its state.
 */
@ApplicationScoped
@Transactional
public class DeploymentService {
    public static final String KIND = "deployment";

    @Inject
    private DeploymentRepository deployments;

    @Inject
    private RunRepository runs;

    @Inject
    private TaskRepository tasks;

    @Inject
    private DatasetRepository datasets;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "promptevo.deployments.decision-ttl-seconds", defaultValue = "604800")
    private long defaultTtlSeconds;

    /** What a deployment is made of, as stored. */
    public record Stored(Deployment deployment, List<DeploymentArm> arms, BanditSnapshot state) {}

    /**
     * Creates a deployment from a completed run's candidates or from given genomes.
     *
     * @throws InvalidInputException naming every field at fault
     */
    public Stored create(Caller caller, DeploymentRequest request) {
        List<Violation> violations = new ArrayList<>();
        String taskId;
        Optional<String> runId = Optional.empty();
        Optional<String> datasetId;
        List<ArmSpec> specs = new ArrayList<>();
        List<String> genomeJson = new ArrayList<>();
        switch (request.source()) {
            case DeploymentRequest.FromRun from -> {
                Run run = runs.find(from.runId())
                        .filter(r -> caller.canSee(r.owner()))
                        .orElseThrow(() -> InvalidInputException.of("runId", "no run with id '" + from.runId() + "'"));
                if (run.status() != RunStatus.COMPLETED) {
                    throw InvalidInputException.of(
                            "runId", "the run is " + run.status() + "; only a completed run's candidates are deployed");
                }
                List<RunCandidate> candidates = from.selection() == DeploymentRequest.Selection.PARETO
                        ? runs.paretoFront(run.id())
                        : runs.candidates(run.id(), new PageRequest(0, from.topK()))
                                .items();
                long examples = datasets.find(run.datasetId())
                        .map(d -> (long) d.exampleCount())
                        .orElse(0L);
                for (RunCandidate candidate : candidates.subList(0, Math.min(from.topK(), candidates.size()))) {
                    double mean = Math.clamp(candidate.composite(), 0.0, 1.0);
                    specs.add(new ArmSpec(candidate.genomeId(), new WarmStart(mean, examples)));
                    genomeJson.add(candidate.genome().toString());
                }
                if (specs.isEmpty()) {
                    throw InvalidInputException.of("runId", "the run has no candidates to deploy");
                }
                taskId = run.taskId();
                runId = Optional.of(run.id());
                datasetId = Optional.of(run.datasetId());
            }
            case DeploymentRequest.FromGenomes from -> {
                taskId = from.taskId();
                datasetId = from.datasetId();
                Optional<StoredTask> task = tasks.find(from.taskId()).filter(t -> caller.canSee(t.owner()));
                if (task.isEmpty()) {
                    violations.add(new Violation("taskId", "no task with id '" + from.taskId() + "'"));
                }
                from.datasetId()
                        .filter(id -> datasets.find(id)
                                .filter(d -> caller.canSee(d.owner()))
                                .isEmpty())
                        .ifPresent(id -> violations.add(new Violation("datasetId", "no dataset with id '" + id + "'")));
                if (task.isPresent()) {
                    TaskDefinition definition =
                            TaskDefinition.parse(JsonText.tree(task.get().definitionJson()));
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < from.genomes().size(); i++) {
                        String field = JsonInput.index("genomes", i);
                        try {
                            Genome genome = GenomeJson.fromNode(from.genomes().get(i), definition.space());
                            if (!seen.add(genome.id())) {
                                violations.add(new Violation(field, "the same genome as an earlier one"));
                            }
                            specs.add(ArmSpec.cold(genome.id()));
                            genomeJson.add(GenomeJson.toNode(genome).toString());
                        } catch (IllegalArgumentException e) {
                            violations.add(new Violation(field, e.getMessage()));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (request.production().isPresent() && request.production().getAsInt() >= specs.size()) {
            throw InvalidInputException.of("production", "must be an arm position in [0, " + (specs.size() - 1) + "]");
        }
        BanditConfig config = config(request);
        ThompsonBandit bandit = request.production().isPresent()
                ? ThompsonBandit.create(
                        config,
                        specs,
                        specs.get(request.production().getAsInt()).id())
                : ThompsonBandit.create(config, specs);
        Duration ttl = request.decisionTtl().orElse(Duration.ofSeconds(defaultTtlSeconds));
        BanditSnapshot state = bandit.snapshot();
        Deployment deployment = new Deployment(
                request.name(),
                taskId,
                runId,
                datasetId,
                ttl,
                BanditState.write(state),
                caller.ownership(),
                clock.instant());
        List<DeploymentArm> arms = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            arms.add(new DeploymentArm(
                    deployment.id(),
                    i,
                    specs.get(i).id(),
                    genomeJson.get(i),
                    specs.get(i).warmStart()));
        }
        deployments.add(deployment, arms);
        return new Stored(deployment, arms, state);
    }

    private static BanditConfig config(DeploymentRequest request) {
        BanditConfig config = BanditConfig.defaults();
        if (request.seed().isPresent()) {
            config = config.withSeed(request.seed().getAsLong());
        }
        if (request.trafficFloor().isPresent()) {
            config = config.withTrafficFloor(request.trafficFloor().getAsDouble());
        }
        if (request.productionShare().isPresent()) {
            config = config.withProductionShare(request.productionShare().getAsDouble());
        }
        if (request.splitHandoverRewards().isPresent()) {
            config = config.withSplitHandoverRewards(
                    request.splitHandoverRewards().getAsDouble());
        }
        return config;
    }

    public Page<Deployment> list(Caller caller, PageRequest page) {
        return deployments.list(caller, page);
    }

    /**
     * A deployment as stored, its posteriors rebuilt from its rewards (see {@link BanditState}).
     * Visibility is the caller's to check.
     */
    public Optional<Stored> load(String id) {
        return deployments.find(id).map(d -> {
            List<DeploymentArm> arms = deployments.arms(id);
            Map<Integer, String> genomeAt =
                    arms.stream().collect(Collectors.toMap(DeploymentArm::position, DeploymentArm::genomeId));
            Map<String, DeploymentRepository.RewardTotals> totals = deployments.rewardTotals(id).stream()
                    .collect(Collectors.toMap(t -> genomeAt.get(t.armPosition()), Function.identity()));
            return new Stored(d, arms, BanditState.withRewards(BanditState.read(d.stateJson()), totals));
        });
    }

    /** The task and known examples an invocation needs. */
    public record InvocationInputs(TaskDefinition definition, List<Example> examples) {}

    public InvocationInputs invocationInputs(String taskId, Optional<String> datasetId) {
        StoredTask task = tasks.find(taskId).orElseThrow(() -> new UnknownEntityException("task", taskId));
        return new InvocationInputs(
                TaskDefinition.parse(JsonText.tree(task.definitionJson())),
                datasetId.map(datasets::examples).orElse(List.of()));
    }

    /** Writes the bandit's state, serialized with other writers of the same deployment by a row lock. */
    public void saveState(String id, BanditSnapshot state) {
        deployments
                .findForUpdate(id)
                .orElseThrow(() -> new UnknownEntityException(KIND, id))
                .saveState(BanditState.write(state));
    }

    /** The stored reward of a decision, if it was rewarded. */
    public Optional<DecisionReward> reward(String decisionId) {
        return deployments.reward(decisionId);
    }

    /**
     * Stores a decision's reward unless it has one.
     *
     * @return the reward now stored for the decision, and whether it is this call's
     */
    public RewardRecord recordReward(DecisionToken decision, double reward, DecisionReward.Source source) {
        Optional<DecisionReward> existing = deployments.reward(decision.decisionId());
        if (existing.isPresent()) {
            return new RewardRecord(existing.get(), false);
        }
        DecisionReward stored = new DecisionReward(decision, reward, source, clock.instant());
        deployments.addReward(stored);
        return new RewardRecord(stored, true);
    }

    public record RewardRecord(DecisionReward reward, boolean applied) {}

    public void addTraffic(List<TrafficCount> counts) {
        deployments.addTraffic(counts);
    }

    public List<TrafficCount> traffic(String id, Instant since) {
        return deployments.traffic(id, since);
    }
}
