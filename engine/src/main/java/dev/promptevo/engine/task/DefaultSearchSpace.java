package dev.promptevo.engine.task;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.SearchSpace;
import java.util.List;

/** The seed's search space: rubric, cot, temperature, max_tokens, retriever_topk, use_consensus, model_key. */
public final class DefaultSearchSpace {
    public static final int RUBRIC_MAX_LENGTH = 4000;

    private DefaultSearchSpace() {}

    /**
     * @param models the model keys to choose among
     * @param rubricPool known rubrics random samples draw from (the base rubric at least)
     */
    public static SearchSpace of(List<String> models, List<String> rubricPool) {
        return SearchSpace.of(
                Gene.text("rubric", RUBRIC_MAX_LENGTH, rubricPool),
                Gene.bool("cot"),
                Gene.real("temperature", 0.0, 2.0, 0.05),
                Gene.integer("max_tokens", 64, 1024, 64),
                Gene.integer("retriever_topk", 0, 20, 1),
                Gene.bool("use_consensus"),
                Gene.choice("model_key", models));
    }
}
