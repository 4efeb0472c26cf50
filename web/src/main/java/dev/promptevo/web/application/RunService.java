package dev.promptevo.web.application;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.Violation;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.run.CandidateEvaluations;
import dev.promptevo.web.domain.run.Generation;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.run.RunLimits;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.run.RunSettings;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.task.TaskRepository;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts, reads and cancels runs; each public method is one transaction. A started run is stored
 * QUEUED and handed to the {@link RunLauncher} only once that transaction has committed. A run
 * belongs to its starter (and the starter's team), who must be able to see its task and dataset; to
 * anyone else who may not see it, it does not exist.
 */
@ApplicationScoped
@Transactional
public class RunService {
    public static final String KIND = "run";
    /** The length of the UUIDs the server gives its objects. */
    private static final int MAX_ID = 36;

    @Inject
    private RunRepository runs;

    @Inject
    private TaskRepository tasks;

    @Inject
    private DatasetRepository datasets;

    @Inject
    private Event<RunEvents.Queued> queued;

    @Inject
    private Event<RunEvents.Cancelled> cancelled;

    @Inject
    private Event<RunEvents.StatusChanged> statusChanged;

    @Inject
    private PluginCatalog plugins;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "promptevo.runs.max-population", defaultValue = "256")
    private int maxPopulation;

    @Inject
    @ConfigProperty(name = "promptevo.runs.max-generations", defaultValue = "1000")
    private int maxGenerations;

    @Inject
    @ConfigProperty(name = "promptevo.runs.max-concurrency", defaultValue = "64")
    private int maxConcurrency;

    private RunLimits limits;

    @PostConstruct
    void init() {
        limits = new RunLimits(maxPopulation, maxGenerations, maxConcurrency);
    }

    /**
     * Ids are the server's UUIDs: a longer one, or one with U+0000 (which PostgreSQL refuses in a
     * query), names nothing and is not looked up.
     */
    private static boolean couldBeId(String id) {
        return id.length() <= MAX_ID && id.indexOf('\0') < 0;
    }

    private static String shortened(String id) {
        return id.length() <= MAX_ID ? id : id.substring(0, MAX_ID) + "…";
    }

    public Run start(Caller caller, String taskId, String datasetId, RunSettings.Request request) {
        List<Violation> violations = new ArrayList<>();
        if (taskId == null || taskId.isBlank()) {
            violations.add(new Violation("taskId", "is required"));
        } else if (!couldBeId(taskId)
                || tasks.find(taskId).filter(t -> caller.canSee(t.owner())).isEmpty()) {
            violations.add(new Violation("taskId", "no task with id '" + shortened(taskId) + "'"));
        }
        if (datasetId == null || datasetId.isBlank()) {
            violations.add(new Violation("datasetId", "is required"));
        } else if (!couldBeId(datasetId)
                || datasets.find(datasetId)
                        .filter(d -> caller.canSee(d.owner()))
                        .isEmpty()) {
            violations.add(new Violation("datasetId", "no dataset with id '" + shortened(datasetId) + "'"));
        }
        RunSettings settings = null;
        try {
            settings = RunSettings.of(request, limits);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (settings != null) {
            installed(
                    violations,
                    "mutations",
                    settings.mutations(),
                    plugins.runFactory().mutations());
            installed(
                    violations,
                    "crossovers",
                    settings.crossovers(),
                    plugins.runFactory().crossovers());
            installed(violations, "validators", settings.validators(), plugins.validators());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Run run = new Run(taskId, datasetId, settings, caller.ownership(), clock.instant());
        runs.add(run);
        queued.fire(new RunEvents.Queued(run.id()));
        return run;
    }

    private static void installed(
            List<Violation> violations, String field, List<String> ids, PluginRegistry<?> registry) {
        for (int i = 0; i < ids.size(); i++) {
            if (!registry.contains(ids.get(i))) {
                violations.add(new Violation(
                        JsonInput.index(field, i),
                        "no " + registry.type().getSimpleName() + " '" + ids.get(i) + "' is installed (installed: "
                                + registry.all().stream().map(Plugin::id).toList() + ")"));
            }
        }
    }

    public Run get(Caller caller, String id) {
        return runs.find(id)
                .filter(run -> caller.canSee(run.owner()))
                .orElseThrow(() -> new UnknownEntityException(KIND, id));
    }

    public Page<Run> list(Caller caller, Optional<String> taskId, PageRequest page) {
        return runs.list(caller, taskId, page);
    }

    public List<Generation> generations(Caller caller, String id) {
        get(caller, id);
        return runs.generations(id);
    }

    public Page<RunCandidate> candidates(Caller caller, String id, PageRequest page) {
        get(caller, id);
        return runs.candidates(id, page);
    }

    /**
     * A page of one candidate's evaluations on the run's training examples, in training order.
     *
     * @throws UnknownEntityException for an unknown run, or a genome the run has no evaluations of
     */
    public Page<IndexedEvaluation> evaluations(Caller caller, String id, String genomeId, PageRequest page) {
        get(caller, id);
        List<Evaluation> all = runs.evaluations(id, genomeId)
                .map(CandidateEvaluations::evaluations)
                .orElseThrow(() -> new UnknownEntityException("candidate of run " + id, genomeId));
        List<IndexedEvaluation> items = new ArrayList<>();
        for (int i = page.offset(); i < Math.min(all.size(), page.offset() + page.limit()); i++) {
            items.add(new IndexedEvaluation(i, all.get(i)));
        }
        return new Page<>(items, page.offset(), page.limit(), all.size());
    }

    /** An evaluation with its example's place among the run's training examples. */
    public record IndexedEvaluation(int index, Evaluation evaluation) {}

    public List<RunCandidate> paretoFront(Caller caller, String id) {
        get(caller, id);
        return runs.paretoFront(id);
    }

    /**
     * Marks a queued or running run CANCELLED; its worker stops once this commits.
     *
     * @throws dev.promptevo.web.domain.ConflictException when the run has already ended
     */
    /**
     * Queues a cancelled or failed run again; a server resumes it from its last completed generation.
     *
     * @throws dev.promptevo.web.domain.ConflictException when the run is active or completed
     */
    public Run resume(Caller caller, String id) {
        Run run = visibleForUpdate(caller, id);
        run.requeue();
        queued.fire(new RunEvents.Queued(id));
        statusChanged.fire(new RunEvents.StatusChanged(run));
        return run;
    }

    public Run cancel(Caller caller, String id) {
        Run run = visibleForUpdate(caller, id);
        run.cancel(clock.instant());
        cancelled.fire(new RunEvents.Cancelled(id));
        statusChanged.fire(new RunEvents.StatusChanged(run));
        return run;
    }

    /** The run, locked until the transaction ends, if {@code caller} may see it. */
    private Run visibleForUpdate(Caller caller, String id) {
        return runs.findForUpdate(id)
                .filter(r -> caller.canSee(r.owner()))
                .orElseThrow(() -> new UnknownEntityException(KIND, id));
    }
}
