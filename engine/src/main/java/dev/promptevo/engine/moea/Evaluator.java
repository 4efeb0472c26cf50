package dev.promptevo.engine.moea;

import dev.promptevo.api.genome.Genome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Evaluates one batch of genomes: a whole generation of offspring at once, so an implementation may
 * spread the batch over threads or machines.
 *
 * @apiNote The result holds one fitness per genome, in the order of {@code genomes}. A fitness must
 *     depend only on its genome, never on the order or the thread it was computed on, so that a
 *     seeded run replays whatever the concurrency. An exception thrown by an evaluation ends the
 *     run.
 */
@FunctionalInterface
public interface Evaluator {

    List<Fitness> evaluate(List<Genome> genomes) throws InterruptedException;

    /** Evaluates the genomes one after another on the calling thread. */
    static Evaluator sequential(Function<? super Genome, Fitness> evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        return genomes -> {
            List<Fitness> fitnesses = new ArrayList<>(genomes.size());
            for (Genome genome : genomes) {
                fitnesses.add(Objects.requireNonNull(evaluation.apply(genome), "evaluation returned null"));
            }
            return fitnesses;
        };
    }

    /**
     * Submits every genome of a batch to {@code executor} and waits for all of them. The executor is
     * the caller's to size and to shut down.
     */
    static Evaluator concurrent(Function<? super Genome, Fitness> evaluation, ExecutorService executor) {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(executor, "executor");
        return genomes -> {
            List<Future<Fitness>> futures = new ArrayList<>(genomes.size());
            for (Genome genome : genomes) {
                futures.add(executor.submit(() -> evaluation.apply(genome)));
            }
            List<Fitness> fitnesses = new ArrayList<>(genomes.size());
            try {
                for (Future<Fitness> future : futures) {
                    fitnesses.add(Objects.requireNonNull(future.get(), "evaluation returned null"));
                }
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException("an evaluation failed", e.getCause());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                throw e;
            }
            return fitnesses;
        };
    }
}
