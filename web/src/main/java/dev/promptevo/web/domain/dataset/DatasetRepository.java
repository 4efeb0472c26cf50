package dev.promptevo.web.domain.dataset;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Caller;
import java.util.List;
import java.util.Optional;

public interface DatasetRepository {
    void add(StoredDataset dataset);

    /**
     * Adds examples of a dataset being uploaded. May write them at once and forget them, so that an
     * upload never holds the whole dataset in memory.
     */
    void addExamples(List<StoredExample> examples);

    Optional<StoredDataset> find(String id);

    /** The datasets {@code viewer} may see, newest first. */
    Page<StoredDataset> list(Caller viewer, PageRequest page);

    /** The dataset's examples in upload order. */
    List<Example> examples(String datasetId);

    Page<Example> examples(String datasetId, PageRequest page);

    void remove(StoredDataset dataset);
}
