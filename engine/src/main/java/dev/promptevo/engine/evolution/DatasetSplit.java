package dev.promptevo.engine.evolution;

import dev.promptevo.api.task.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A stratified, seeded split of examples: the search sees only {@code train}; the best candidates
 * are re-scored on {@code holdout} at the end, so the reported quality is not the one selection was
 * biased towards. Strata are an example's first tag (its category in the bundled example), so each
 * part keeps the dataset's mix.
 */
public record DatasetSplit(List<Example> train, List<Example> holdout) {

    public DatasetSplit {
        train = List.copyOf(train);
        holdout = List.copyOf(holdout);
    }

    public static DatasetSplit of(List<Example> examples, double holdoutFraction, long seed) {
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdoutFraction must be in [0, 1)");
        }
        if (holdoutFraction == 0) {
            return new DatasetSplit(examples, List.of());
        }
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed ^ 0x5DEECE66DL);
        Map<String, List<Example>> strata = new LinkedHashMap<>();
        for (Example e : examples) {
            strata.computeIfAbsent(e.tags().isEmpty() ? "" : e.tags().get(0), k -> new ArrayList<>())
                    .add(e);
        }
        List<Example> holdout = new ArrayList<>();
        for (List<Example> stratum : strata.values()) {
            List<Example> shuffled = new ArrayList<>(stratum);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                shuffled.set(i, shuffled.set(j, shuffled.get(i)));
            }
            holdout.addAll(shuffled.subList(0, (int) Math.round(shuffled.size() * holdoutFraction)));
        }
        List<Example> train =
                examples.stream().filter(e -> !holdout.contains(e)).toList();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the hold-out fraction leaves no training examples");
        }
        // keep dataset order in both parts, so batches and reports read in a stable order
        List<Example> orderedHoldout =
                examples.stream().filter(holdout::contains).toList();
        return new DatasetSplit(train, orderedHoldout);
    }
}
