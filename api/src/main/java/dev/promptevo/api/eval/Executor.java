package dev.promptevo.api.eval;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.task.Example;

/**
 * Runs a genome on an example through a backend and judges the output.
 *
 * @apiNote Called concurrently; must be thread-safe. Never throws for a failed model call: that is
 *     an {@link Evaluation} with {@link Evaluation#error()} set and the cost it incurred. The result
 *     depends only on the genome, the example and {@code sampleIndex} (which seeds the call), so an
 *     evaluation may be cached under those three.
 */
@FunctionalInterface
public interface Executor {
    Evaluation execute(Genome genome, Example example, int sampleIndex) throws InterruptedException;
}
