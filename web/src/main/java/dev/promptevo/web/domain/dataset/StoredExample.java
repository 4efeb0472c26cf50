package dev.promptevo.web.domain.dataset;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.JsonText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.UUID;

/** One golden example of a {@link StoredDataset}, at its position in the upload. */
@Entity
@Table(name = "dataset_example")
public class StoredExample {
    /** The longest example id the database keeps (column {@code example_key}). */
    public static final int MAX_KEY = 500;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "dataset_id", nullable = false, length = 36)
    private String datasetId;

    @Column(nullable = false)
    private int position;

    @Column(name = "example_key", nullable = false, length = MAX_KEY)
    private String exampleKey;

    @Column(nullable = false)
    private String input;

    @Column(name = "expected_json", nullable = false)
    private String expectedJson;

    @Column(nullable = false)
    private double difficulty;

    @Column(name = "tags_json", nullable = false)
    private String tagsJson;

    @Column(name = "relevant_passages_json", nullable = false)
    private String relevantPassagesJson;

    protected StoredExample() {}

    public StoredExample(String datasetId, int position, Example example) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.position = position;
        this.exampleKey = example.id();
        this.input = example.input();
        this.expectedJson = example.expectedJson();
        this.difficulty = example.difficulty();
        this.tagsJson = JsonText.ofStrings(example.tags());
        this.relevantPassagesJson = JsonText.ofStrings(example.relevantPassages());
    }

    public Example toExample() {
        return new Example(
                exampleKey,
                input,
                expectedJson,
                difficulty,
                JsonText.strings(tagsJson),
                JsonText.strings(relevantPassagesJson));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredExample other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
