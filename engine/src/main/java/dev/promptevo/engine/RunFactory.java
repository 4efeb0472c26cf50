package dev.promptevo.engine;

import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.Optimizer;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.BudgetedBackend;
import dev.promptevo.engine.execution.CachingBackend;
import dev.promptevo.engine.execution.EvaluationCache;
import dev.promptevo.engine.execution.PipelineExecutor;
import dev.promptevo.engine.execution.PromptAssembler;
import dev.promptevo.engine.execution.SpendLedger;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.validation.LlmJudge;
import dev.promptevo.engine.validation.OutputJudge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Wires a run from a task bundle and the discovered plugins: the backend (wrapped so every call is
 * counted in the run's {@link SpendLedger}, behind the evaluation cache when there is one), the retriever, the validators, the executor and the
 * operators.
 */
public final class RunFactory {
    /** Calls made per example when a genome turns {@code use_consensus} on. */
    public static final int DEFAULT_CONSENSUS_SAMPLES = 3;

    private final PluginRegistry<ModelBackendProvider> backends;
    private final PluginRegistry<MutationOperator> mutations;
    private final PluginRegistry<CrossoverOperator> crossovers;
    private final PluginRegistry<Validator> validators;
    private final PluginRegistry<RetrieverProvider> retrievers;
    private final UnaryOperator<ModelBackend> backendWrapper;
    private final UnaryOperator<Executor> executorWrapper;

    public RunFactory(ClassLoader pluginLoader) {
        this.backends = Plugins.load(ModelBackendProvider.class, pluginLoader);
        this.mutations = Plugins.load(MutationOperator.class, pluginLoader);
        this.crossovers = Plugins.load(CrossoverOperator.class, pluginLoader);
        this.validators = Plugins.load(Validator.class, pluginLoader);
        this.retrievers = Plugins.load(RetrieverProvider.class, pluginLoader);
        this.backendWrapper = UnaryOperator.identity();
        this.executorWrapper = UnaryOperator.identity();
    }

    private RunFactory(
            PluginRegistry<ModelBackendProvider> backends,
            PluginRegistry<MutationOperator> mutations,
            PluginRegistry<CrossoverOperator> crossovers,
            PluginRegistry<Validator> validators,
            PluginRegistry<RetrieverProvider> retrievers,
            UnaryOperator<ModelBackend> backendWrapper,
            UnaryOperator<Executor> executorWrapper) {
        this.backends = backends;
        this.mutations = mutations;
        this.crossovers = crossovers;
        this.validators = validators;
        this.retrievers = retrievers;
        this.backendWrapper = backendWrapper;
        this.executorWrapper = executorWrapper;
    }

    /**
     * This factory with only the named operators, for a run that chooses its own; an empty list keeps
     * every discovered operator of that kind.
     *
     * @throws java.util.NoSuchElementException for an unknown id, naming the known ones
     */
    public RunFactory withOperators(List<String> mutationIds, List<String> crossoverIds) {
        return new RunFactory(
                backends,
                only(mutations, mutationIds),
                only(crossovers, crossoverIds),
                validators,
                retrievers,
                backendWrapper,
                executorWrapper);
    }

    /**
     * This factory with every run's backend wrapped by {@code wrapper} (e.g. to count calls, tokens
     * and cost for a server's metrics). The wrapper sits directly around the provider's backend, under
     * the budget: it sees the calls that are really made, not those the budget refuses.
     */
    public RunFactory withBackendWrapper(UnaryOperator<ModelBackend> wrapper) {
        Objects.requireNonNull(wrapper, "wrapper");
        return new RunFactory(backends, mutations, crossovers, validators, retrievers, wrapper, executorWrapper);
    }

    /**
     * This factory with every run's executor wrapped by {@code wrapper} (e.g. to trace each
     * evaluation): the wrapper sees every evaluation of a genome on an example the run makes.
     */
    public RunFactory withExecutorWrapper(UnaryOperator<Executor> wrapper) {
        Objects.requireNonNull(wrapper, "wrapper");
        return new RunFactory(backends, mutations, crossovers, validators, retrievers, backendWrapper, wrapper);
    }

    private static <T extends Plugin> PluginRegistry<T> only(PluginRegistry<T> registry, List<String> ids) {
        return ids.isEmpty()
                ? registry
                : Plugins.registry(
                        registry.type(),
                        ids.stream().distinct().map(registry::get).toList());
    }

    public PluginRegistry<ModelBackendProvider> backends() {
        return backends;
    }

    public PluginRegistry<MutationOperator> mutations() {
        return mutations;
    }

    public PluginRegistry<CrossoverOperator> crossovers() {
        return crossovers;
    }

    public PluginRegistry<Validator> validators() {
        return validators;
    }

    public PluginRegistry<RetrieverProvider> retrievers() {
        return retrievers;
    }

    /**
     * What a run needs beyond its task bundle.
     *
     * @param backendId overrides the bundle's backend when present
     * @param backendSettings merged over the bundle's settings
     * @param rewriteModel the model that writes rubric rewrites; the base genome's model by default
     * @param consensusModels under {@code use_consensus}, one call to each of these models; empty for
     *     {@code consensusSamples} calls to the genome's own model
     * @param judgeModel when present, an LLM judge on this model adds its grade to the validator score
     * @param validatorIds validators to use beyond those enabled by default (by plugin id)
     * @param cache the evaluation cache: deterministic calls are answered from it when it holds them,
     *     and stored in it when made; empty for none
     */
    public record Options(
            OptimizerConfig config,
            Optional<String> backendId,
            Map<String, String> backendSettings,
            Optional<String> rewriteModel,
            int consensusSamples,
            List<String> consensusModels,
            Optional<String> judgeModel,
            List<String> validatorIds,
            long evaluationSeed,
            String retrieverId,
            Clock clock,
            Optional<EvaluationCache> cache) {

        public Options {
            Objects.requireNonNull(config, "config");
            backendSettings = Map.copyOf(backendSettings);
            consensusModels = List.copyOf(consensusModels);
            validatorIds = List.copyOf(validatorIds);
            Objects.requireNonNull(cache, "cache");
        }

        /** Options without an evaluation cache. */
        public Options(
                OptimizerConfig config,
                Optional<String> backendId,
                Map<String, String> backendSettings,
                Optional<String> rewriteModel,
                int consensusSamples,
                List<String> consensusModels,
                Optional<String> judgeModel,
                List<String> validatorIds,
                long evaluationSeed,
                String retrieverId,
                Clock clock) {
            this(
                    config,
                    backendId,
                    backendSettings,
                    rewriteModel,
                    consensusSamples,
                    consensusModels,
                    judgeModel,
                    validatorIds,
                    evaluationSeed,
                    retrieverId,
                    clock,
                    Optional.empty());
        }

        public static Options defaults(OptimizerConfig config) {
            return new Options(
                    config,
                    Optional.empty(),
                    Map.of(),
                    Optional.empty(),
                    DEFAULT_CONSENSUS_SAMPLES,
                    List.of(),
                    Optional.empty(),
                    List.of(),
                    0L,
                    "retriever.bm25",
                    Clock.systemUTC(),
                    Optional.empty());
        }

        public Options withCache(EvaluationCache value) {
            return new Options(
                    config,
                    backendId,
                    backendSettings,
                    rewriteModel,
                    consensusSamples,
                    consensusModels,
                    judgeModel,
                    validatorIds,
                    evaluationSeed,
                    retrieverId,
                    clock,
                    Optional.of(value));
        }

        public PipelineExecutor.Consensus consensus() {
            return consensusModels.isEmpty()
                    ? PipelineExecutor.Consensus.samples(consensusSamples)
                    : PipelineExecutor.Consensus.panel(consensusModels);
        }
    }

    /**
     * A run ready to start, and the ledger that counts its spend.
     *
     * @param cache the evaluation cache in front of the budgeted backend, when the options name one
     */
    public record PreparedRun(
            Optimizer optimizer, SpendLedger ledger, ModelBackend backend, Optional<CachingBackend> cache) {}

    public PreparedRun prepare(TaskBundle bundle, Options options) {
        return prepare(bundle, options, Optional.empty(), checkpoint -> {});
    }

    /**
     * @param resumeFrom a checkpoint of an earlier run of the same task, seed and settings to continue
     * @param checkpoints receives the run's state after every completed generation
     */
    public PreparedRun prepare(
            TaskBundle bundle,
            Options options,
            Optional<Checkpoint> resumeFrom,
            java.util.function.Consumer<Checkpoint> checkpoints) {
        String backendId = options.backendId().orElse(bundle.backendId());
        Map<String, String> settings = new LinkedHashMap<>(bundle.backendSettings());
        if (options.backendId().isPresent() && !options.backendId().get().equals(bundle.backendId())) {
            settings.clear(); // the bundle's settings belong to its own backend
        }
        settings.putAll(options.backendSettings());
        ModelBackend raw = backendWrapper.apply(backends.get(backendId)
                .create(new ModelBackendProvider.Context(
                        settings, bundle.directory(), bundle.dataset().examples())));
        SpendLedger ledger = new SpendLedger(options.config().budget(), options.clock());
        ModelBackend budgeted = new BudgetedBackend(raw, ledger);
        // In front of the ledger: an answer from the cache is not a call and costs nothing.
        Optional<CachingBackend> caching = options.cache().map(store -> new CachingBackend(budgeted, store));
        ModelBackend backend = caching.<ModelBackend>map(c -> c).orElse(budgeted);
        var retriever = bundle.task().documents().isEmpty()
                ? Optional.<dev.promptevo.api.eval.Retriever>empty()
                : Optional.of(retrievers
                        .get(options.retrieverId())
                        .index(bundle.task().documents()));
        List<Validator> scorers = new ArrayList<>(validators.all().stream()
                .filter(v -> v.enabledByDefault() || options.validatorIds().contains(v.id()))
                .toList());
        for (String id : options.validatorIds()) {
            validators.get(id); // an unknown id fails here, listing the known ones
        }
        options.judgeModel().ifPresent(model -> scorers.add(new LlmJudge(backend, model, LlmJudge.DEFAULT_RUBRIC)));
        OutputJudge judge = new OutputJudge(bundle.task(), scorers);
        Executor executor = executorWrapper.apply(new PipelineExecutor(
                backend,
                new PromptAssembler(bundle.task(), retriever),
                judge,
                options.consensus(),
                options.evaluationSeed()));
        String rewriteModel = options.rewriteModel().orElse(bundle.baseGenome().text("model_key"));
        Optimizer.Builder builder = Optimizer.builder(
                        bundle.task(), bundle.dataset().examples(), bundle.space(), bundle.baseGenome(), executor)
                .mutations(List.copyOf(mutations.all()))
                .crossovers(List.copyOf(crossovers.all()))
                .rewriter(new VariationContext.Rewriter(backend, rewriteModel))
                .ledger(ledger)
                .config(options.config())
                .clock(options.clock())
                .checkpoints(checkpoints);
        resumeFrom.ifPresent(builder::resumeFrom);
        caching.ifPresent(c -> builder.cacheStats(c::stats));
        Optimizer optimizer = builder.build();
        return new PreparedRun(optimizer, ledger, backend, caching);
    }
}
