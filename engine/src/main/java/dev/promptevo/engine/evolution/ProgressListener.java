package dev.promptevo.engine.evolution;

/**
 * Observes a run. {@link #onEvaluation} is called from evaluation threads and must be thread-safe
 * and quick; the other methods are called from the run's own thread.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** A generation is about to evaluate {@code plannedEvaluations} new (uncached) evaluations. */
    default void onGenerationStart(int generation, int plannedEvaluations) {}

    /** {@code done} of the generation's planned evaluations have finished. */
    default void onEvaluation(int generation, int done, int planned) {}

    /**
     * The candidates a generation evaluated completely for the first time, in evaluation order,
     * just before its {@link #onGeneration} (so a listener can persist each generation as it ends).
     */
    default void onCandidates(int generation, java.util.List<Candidate> evaluated) {}

    default void onGeneration(GenerationReport report) {}
}
