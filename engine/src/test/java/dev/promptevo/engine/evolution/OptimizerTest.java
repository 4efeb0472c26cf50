package dev.promptevo.engine.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.engine.execution.BudgetedBackend;
import dev.promptevo.engine.execution.SpendLedger;
import dev.promptevo.engine.execution.SpendLedgerTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerTest {
    static final SearchSpace SPACE = SearchSpace.of(
            Gene.bool("cot"), Gene.real("temperature", 0, 1, 0.1), Gene.choice("model_key", List.of("a", "b", "c")));
    static final Genome BASE =
            Genome.of(Map.of("cot", Allele.of(false), "temperature", Allele.of(0.9), "model_key", Allele.of("a")));
    static final Task TASK = new Task(
            "toy",
            "toy",
            "{{input}}",
            "{}",
            Gates.SEED,
            ScoringWeights.budgeted(1000, 1000, 0.01, 0.1, 0.2),
            List.of(),
            List.of());
    static final List<Example> EXAMPLES = IntStream.range(0, 40)
            .mapToObj(i -> new Example("e" + i, "input " + i, "{}", i / 40.0, List.of("t" + i % 4), List.of()))
            .toList();

    /**
     * A deterministic stand-in for the pipeline: each call is billed through a budgeted backend, and
     * the chance to pass rises with CoT, a model closer to "b" and a temperature closer to 0.2.
     */
    static Executor toyExecutor(ModelBackend backend) {
        return (genome, example, sample) -> {
            double latency = switch (genome.text("model_key")) {
                case "a" -> 200;
                case "b" -> 400;
                default -> 900;
            };
            try {
                backend.complete(new ModelRequest(
                        genome.text("model_key"),
                        List.of(ChatMessage.user(example.input())),
                        0,
                        64,
                        OptionalLong.of(sample),
                        false,
                        Map.of()));
            } catch (BackendException e) {
                return new Evaluation(
                        genome.id(),
                        example.id(),
                        "",
                        ExecutionMetrics.failed(0, 0, 0),
                        List.of("budget: " + e.getMessage()),
                        Optional.of("budget: " + e.getMessage()));
            }
            double skill = (genome.bool("cot") ? 0.3 : 0)
                    + (genome.text("model_key").equals("b")
                            ? 0.3
                            : genome.text("model_key").equals("c") ? 0.35 : 0)
                    - Math.abs(genome.real("temperature") - 0.2) * 0.5;
            double u = Math.floorMod((genome.id() + example.id()).hashCode(), 1000) / 1000.0;
            boolean pass = u < 0.3 + skill - example.difficulty() * 0.3;
            ExecutionMetrics m = new ExecutionMetrics(true, 0, 1, pass ? 1 : 0, latency, 100, 0, 0.0001);
            return new Evaluation(genome.id(), example.id(), "{}", m, List.of(), Optional.empty());
        };
    }

    static final class FlipCot implements MutationOperator {
        @Override
        public String id() {
            return "test.flip";
        }

        @Override
        public Genome mutate(Genome parent, VariationContext context) {
            return parent.with("cot", Allele.of(!parent.bool("cot")));
        }

        @Override
        public boolean appliesTo(SearchSpace space) {
            return space.find("cot").isPresent();
        }
    }

    static final class StepTemperature implements MutationOperator {
        @Override
        public String id() {
            return "test.temperature";
        }

        @Override
        public Genome mutate(Genome parent, VariationContext context) {
            Gene.RealGene gene = (Gene.RealGene) context.space().gene("temperature");
            double step = context.random().nextBoolean() ? 0.1 : -0.1;
            return parent.with(
                    "temperature",
                    gene.snap(parent.real("temperature")
                            + step * (1 + context.random().nextInt(3))));
        }

        @Override
        public boolean appliesTo(SearchSpace space) {
            return true;
        }
    }

    static final class ChangeModel implements MutationOperator {
        @Override
        public String id() {
            return "test.model";
        }

        @Override
        public Genome mutate(Genome parent, VariationContext context) {
            return parent.with("model_key", context.space().gene("model_key").sample(context.random()));
        }

        @Override
        public boolean appliesTo(SearchSpace space) {
            return true;
        }
    }

    static final class Uniform implements CrossoverOperator {
        @Override
        public String id() {
            return "test.uniform";
        }

        @Override
        public Genome cross(Genome first, Genome second, VariationContext context) {
            Genome child = first;
            for (Gene gene : context.space().genes()) {
                if (context.random().nextBoolean()) {
                    child = child.with(gene.name(), second.allele(gene.name()));
                }
            }
            return child;
        }
    }

    static OptimizationResult run(OptimizerConfig config) throws InterruptedException {
        return run(config, builder -> {});
    }

    static OptimizationResult run(OptimizerConfig config, java.util.function.Consumer<Optimizer.Builder> customize)
            throws InterruptedException {
        SpendLedger ledger = new SpendLedger(config.budget(), Clock.systemUTC());
        ModelBackend backend = new BudgetedBackend(new SpendLedgerTest.SlowBackend(), ledger);
        Optimizer.Builder builder = Optimizer.builder(TASK, EXAMPLES, SPACE, BASE, toyExecutor(backend))
                .mutations(List.of(new FlipCot(), new StepTemperature(), new ChangeModel()))
                .crossovers(List.of(new Uniform()))
                .ledger(ledger)
                .config(config);
        customize.accept(builder);
        return builder.build().run(ProgressListener.NONE);
    }

    static OptimizerConfig config() {
        return OptimizerConfig.defaults()
                .withPopulationSize(8)
                .withGenerations(6)
                .withStagnationLimit(10)
                .withSeed(7);
    }

    @Test
    void theSameSeedGivesTheSameResultWhateverTheConcurrency() throws InterruptedException {
        OptimizationResult serial = run(config().withConcurrency(1));
        OptimizationResult parallel = run(config().withConcurrency(16));
        assertThat(parallel.best().id()).isEqualTo(serial.best().id());
        assertThat(parallel.candidates())
                .extracting(Candidate::id)
                .containsExactlyElementsOf(
                        serial.candidates().stream().map(Candidate::id).toList());
        assertThat(parallel.generations())
                .extracting(GenerationReport::bestComposite, GenerationReport::medianComposite)
                .containsExactlyElementsOf(serial.generations().stream()
                        .map(g -> org.assertj.core.groups.Tuple.tuple(g.bestComposite(), g.medianComposite()))
                        .toList());
        assertThat(run(config().withSeed(8)).candidates())
                .extracting(Candidate::id)
                .as("another seed explores differently")
                .isNotEqualTo(serial.candidates().stream().map(Candidate::id).toList());
    }

    @Test
    void improvesOnTheBaseAndRecordsTheLineageOfEveryCandidate() throws InterruptedException {
        OptimizationResult result = run(config());
        assertThat(result.best().composite()).isGreaterThan(result.base().composite());
        assertThat(result.base().operator()).isEqualTo("base");
        Set<String> known = new HashSet<>();
        for (Candidate c : result.candidates()) {
            assertThat(known)
                    .as("parents of %s were evaluated before it", c.id())
                    .containsAll(c.parentIds());
            if (c.generation() > 0) {
                assertThat(c.parentIds()).isNotEmpty();
                assertThat(c.operator()).matches("(test\\.[a-z]+)(\\+test\\.[a-z]+)*|copy");
            }
            known.add(c.id());
        }
        assertThat(result.generations()).extracting(GenerationReport::index).startsWith(0, 1);
        List<Double> bests = new ArrayList<>();
        result.generations().forEach(g -> bests.add(g.bestComposite()));
        assertThat(bests).as("the best so far never gets worse").isSorted();
        assertThat(result.candidates()).extracting(Candidate::id).doesNotHaveDuplicates();
    }

    @Test
    void aCallBudgetStopsTheRunWithoutBeingExceeded() throws InterruptedException {
        OptimizationResult result = run(config().withGenerations(50).withBudget(Budget.UNLIMITED.withMaxCalls(500)));
        assertThat(result.spent().calls()).isLessThanOrEqualTo(500);
        assertThat(result.stopReason()).isEqualTo(StopReason.BUDGET);
        assertThat(result.candidates())
                .allSatisfy(c -> assertThat(c.summary().examples()).isEqualTo(result.trainExamples()));
    }

    @Test
    void earlyRejectionDropsWeakChildrenOnItsRungsAndSavesEvaluations() throws InterruptedException {
        OptimizerConfig.EarlyRejection rungs = new OptimizerConfig.EarlyRejection(true, 8, 2, 1.0);
        OptimizerConfig racing = config().withEarlyRejection(rungs);
        OptimizationResult raced = run(racing);
        OptimizationResult full = run(config().withEarlyRejection(OptimizerConfig.EarlyRejection.OFF));
        int trainSize = raced.trainExamples();
        assertThat(rungs.rungSizes(trainSize)).containsExactly(8, 16);
        assertThat(raced.rejectedCandidates()).isPositive();
        long racedEvaluations = raced.generations().stream()
                .mapToLong(GenerationReport::evaluations)
                .sum();
        // every complete candidate cost the whole training set, every dropped one a rung (about 8 or 16:
        // rungs are stratified, so their sizes are rounded per stratum)
        long complete = (long) raced.candidates().size() * trainSize;
        assertThat(racedEvaluations)
                .isBetween(
                        complete + (long) raced.rejectedCandidates() * 6,
                        complete + (long) raced.rejectedCandidates() * 18);
        assertThat(full.rejectedCandidates()).isZero();
        assertThat(raced.candidates())
                .allSatisfy(c -> assertThat(c.summary().examples()).isEqualTo(trainSize));
        assertThat(run(racing).candidates())
                .extracting(Candidate::id)
                .as("racing replays under the seed")
                .containsExactlyElementsOf(
                        raced.candidates().stream().map(Candidate::id).toList());
    }

    @Test
    void theBoundIsOnPairedDifferencesSoSharedDifficultyCancels() {
        // The incumbent passes half the examples; the candidate passes the same ones, 0.05 lower each.
        int n = 20;
        double[] incumbent = new double[n];
        double[] candidate = new double[n];
        double[] same = new double[n];
        for (int i = 0; i < n; i++) {
            incumbent[i] = i % 2 == 0 ? 0.9 : 0.0;
            candidate[i] = i % 2 == 0 ? 0.85 : 0.0;
            same[i] = incumbent[i];
        }
        assertThat(Optimizer.pairedUpperBound(candidate, incumbent, 1.645))
                .as("worse on every example it passes: dropped")
                .isNegative();
        double mean = 0.85 / 2;
        double unpairedSd = Math.sqrt(n * (0.85 * 0.85 / 2 - mean * mean) / (n - 1));
        assertThat(mean + 1.645 * unpairedSd / Math.sqrt(n))
                .as("a bound on the candidate's own scores would have kept it")
                .isGreaterThan(0.9 / 2);
        assertThat(Optimizer.pairedUpperBound(same, incumbent, 1.645))
                .as("a tie is not decided")
                .isZero();
        candidate[0] = 1.0;
        candidate[2] = 1.0;
        assertThat(Optimizer.pairedUpperBound(candidate, incumbent, 1.645))
                .as("better on two examples, worse on eight: not yet worse with confidence")
                .isPositive();
    }

    @Test
    void aGenerationWhoseChildrenAreAllDroppedDoesNotEndTheRun() throws InterruptedException {
        // z = 0 drops every child that is worse on a point estimate: whole generations go.
        OptimizerConfig eager = config().withGenerations(10)
                .withTargetComposite(1.01)
                .withStagnationLimit(10)
                .withEarlyRejection(new OptimizerConfig.EarlyRejection(true, 8, 2, 0.0));
        for (OptimizerConfig.Selection selection : OptimizerConfig.Selection.values()) {
            // on quality alone, Pareto selection keeps no elites and its first front is the best
            OptimizationResult result = run(
                    eager.withSelection(selection),
                    builder -> builder.objectives(List.of(dev.promptevo.api.search.Objective.quality())));
            assertThat(result.generations())
                    .as("%s: some generation lost every child", selection)
                    .anySatisfy(g -> {
                        assertThat(g.rejected()).isPositive();
                        assertThat(result.candidates()).noneMatch(c -> c.generation() == g.index());
                    });
            assertThat(result.stopReason()).as("%s", selection).isNotEqualTo(StopReason.BUDGET);
        }
    }

    @Test
    void aRivalOutracesOnlyWhenBetterOnQualityWithConfidenceAndWorseOnNothing() {
        double[] low = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        double[] high = {0.5, 0.6, 0.5, 0.6, 0.5, 0.6};
        double[] noisy = {0.0, 0.5, 0.0, 0.4, 0.0, 0.1};
        double[] slightlyHigher = {0.11, 0.11, 0.11, 0.11, 0.11, 0.11};
        // rows are objectives (minimized; quality first), columns examples
        assertThat(Optimizer.outraces(new double[][] {low, low}, new double[][] {high, low}, 1.645))
                .as("better quality, the same cost")
                .isTrue();
        assertThat(Optimizer.outraces(new double[][] {low, high}, new double[][] {high, low}, 1.645))
                .as("better quality, dearer: a trade-off, never dropped")
                .isFalse();
        assertThat(Optimizer.outraces(new double[][] {low, low}, new double[][] {noisy, low}, 1.645))
                .as("quality not better with confidence")
                .isFalse();
        assertThat(Optimizer.outraces(new double[][] {low, low}, new double[][] {low, slightlyHigher}, 1.645))
                .as("cheaper with confidence but no better in quality: the other objectives never drop")
                .isFalse();
        assertThat(Optimizer.outraces(new double[][] {low}, new double[][] {low}, 1.645))
                .as("a tie")
                .isFalse();
    }

    @Test
    void theRungsGrowGeometricallyBelowTheTrainingSet() {
        assertThat(OptimizerConfig.EarlyRejection.DEFAULT.rungSizes(260)).containsExactly(20, 60, 180);
        assertThat(OptimizerConfig.EarlyRejection.DEFAULT.rungSizes(180)).containsExactly(20, 60);
        assertThat(OptimizerConfig.EarlyRejection.DEFAULT.rungSizes(20)).isEmpty();
        assertThat(OptimizerConfig.EarlyRejection.OFF.rungSizes(260)).isEmpty();
        assertThat(new OptimizerConfig.EarlyRejection(true, 10, 1.5, 1).rungSizes(40))
                .containsExactly(10, 15, 23, 34);
    }

    @Test
    void theBestIsReScoredOnAStratifiedHoldOutTheSearchNeverSaw() throws InterruptedException {
        OptimizationResult result = run(config());
        assertThat(result.trainExamples() + result.holdoutExamples()).isEqualTo(EXAMPLES.size());
        assertThat(result.holdoutExamples()).isEqualTo(8); // 20% of each of the four tags
        assertThat(result.holdout())
                .containsKeys(result.base().id(), result.best().id());
        assertThat(result.holdout().get(result.best().id()).examples()).isEqualTo(8);
        assertThat(result.bestHoldoutGap()).isPresent();
        assertThat(run(config().withHoldoutFraction(0)).holdout()).isEmpty();
    }

    @Test
    void operatorsAreCreditedWhenTheirChildrenBeatTheirParents() throws InterruptedException {
        OptimizationResult result = run(config().withGenerations(8));
        assertThat(result.operatorStats())
                .extracting(OperatorStats::operator)
                .contains("test.flip", "test.temperature", "test.model");
        int credited = result.operatorStats().stream()
                .mapToInt(OperatorStats::children)
                .sum();
        assertThat(credited).as("each child credits each operator that made it").isPositive();
        for (OperatorStats stats : result.operatorStats()) {
            assertThat(stats.successes()).isBetween(0, stats.children());
        }
    }

    @Test
    void aRunResumedFromACheckpointFileReachesTheSameResultWithoutRepeatingAnEvaluation(@TempDir Path dir)
            throws InterruptedException {
        OptimizerConfig config = config().withEarlyRejection(new OptimizerConfig.EarlyRejection(true, 8, 2, 1.0));
        List<Checkpoint> saved = new ArrayList<>();
        OptimizationResult whole = run(config, builder -> builder.checkpoints(saved::add));
        assertThat(saved).hasSize(whole.generations().size());

        Path file = dir.resolve("checkpoint.json");
        CheckpointJson.write(saved.get(2), file);
        Checkpoint restored = CheckpointJson.read(file, SPACE);
        long evaluationsBefore = whole.generations().subList(0, 3).stream()
                .mapToLong(GenerationReport::evaluations)
                .sum();
        OptimizationResult resumed = run(config, builder -> builder.resumeFrom(restored));

        assertThat(resumed.best().id()).isEqualTo(whole.best().id());
        assertThat(resumed.candidates())
                .extracting(Candidate::id)
                .containsExactlyElementsOf(
                        whole.candidates().stream().map(Candidate::id).toList());
        assertThat(resumed.candidates())
                .extracting(Candidate::summary)
                .containsExactlyElementsOf(
                        whole.candidates().stream().map(Candidate::summary).toList());
        assertThat(resumed.generations())
                .extracting(GenerationReport::bestComposite)
                .containsExactlyElementsOf(whole.generations().stream()
                        .map(GenerationReport::bestComposite)
                        .toList());
        assertThat(resumed.operatorStats()).isEqualTo(whole.operatorStats());
        assertThat(resumed.spent().calls())
                .as("no evaluation repeated or billed twice")
                .isEqualTo(whole.spent().calls());
        long evaluationsAfter = resumed
                .generations()
                .subList(3, resumed.generations().size())
                .stream()
                .mapToLong(GenerationReport::evaluations)
                .sum();
        assertThat(evaluationsBefore + evaluationsAfter)
                .isEqualTo(whole.generations().stream()
                        .mapToLong(GenerationReport::evaluations)
                        .sum());
    }

    @Test
    void aCheckpointOfAnotherSeedIsRefused() throws InterruptedException {
        List<Checkpoint> saved = new ArrayList<>();
        run(config(), builder -> builder.checkpoints(saved::add));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> run(config().withSeed(99), builder -> builder.resumeFrom(saved.get(0))))
                .hasMessageContaining("seed 7, not 99");
    }

    @Test
    void paretoSelectionKeepsTheTradeOffBetweenQualityAndLatencyAlive() throws InterruptedException {
        OptimizerConfig pareto = config().withGenerations(8).withSelection(OptimizerConfig.Selection.PARETO);
        List<dev.promptevo.api.search.Objective> qualityAndLatency =
                List.of(dev.promptevo.api.search.Objective.quality(), dev.promptevo.api.search.Objective.latencyP95());
        OptimizationResult result = run(pareto, builder -> builder.objectives(qualityAndLatency));
        assertThat(result.rejectedCandidates())
                .as("racing still drops what a front member beats on quality at no other cost")
                .isPositive();
        List<Candidate> front = ParetoFront.of(result.candidates(), qualityAndLatency, c -> true);
        assertThat(front)
                .extracting(c -> c.genome().text("model_key"))
                .as("the fastest model keeps a place on the front, racing or not")
                .contains("a");
        for (Candidate a : front) {
            for (Candidate b : front) {
                assertThat(ParetoFront.dominates(a, b, qualityAndLatency)).isFalse();
            }
        }
        assertThat(run(pareto, builder -> builder.objectives(qualityAndLatency)).candidates())
                .extracting(Candidate::id)
                .containsExactlyElementsOf(
                        result.candidates().stream().map(Candidate::id).toList());
        assertThat(result.best().composite()).isGreaterThan(result.base().composite());
    }

    @Test
    void theListenerSeesEveryCandidateOnceInTheGenerationThatEvaluatedIt() throws InterruptedException {
        List<Candidate> seen = new ArrayList<>();
        List<Integer> generations = new ArrayList<>();
        SpendLedger ledger = new SpendLedger(config().budget(), Clock.systemUTC());
        ModelBackend backend = new BudgetedBackend(new SpendLedgerTest.SlowBackend(), ledger);
        OptimizationResult result = Optimizer.builder(TASK, EXAMPLES, SPACE, BASE, toyExecutor(backend))
                .mutations(List.of(new FlipCot(), new StepTemperature(), new ChangeModel()))
                .ledger(ledger)
                .config(config())
                .build()
                .run(new ProgressListener() {
                    @Override
                    public void onCandidates(int generation, List<Candidate> evaluated) {
                        evaluated.forEach(c -> assertThat(c.generation()).isEqualTo(generation));
                        seen.addAll(evaluated);
                        generations.add(generation);
                    }
                });
        assertThat(seen).containsExactlyElementsOf(result.candidates());
        assertThat(generations)
                .containsExactlyElementsOf(result.generations().stream()
                        .map(GenerationReport::index)
                        .toList());
    }

    @Test
    void stopsOnStagnationAndOnTheTarget() throws InterruptedException {
        assertThat(run(config().withGenerations(100).withStagnationLimit(2).withTargetComposite(1.01))
                        .stopReason())
                .isEqualTo(StopReason.STAGNATION);
        OptimizationResult easy = run(config().withTargetComposite(0.0));
        assertThat(easy.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(easy.generations()).hasSize(1);
    }
}
