package dev.promptevo.api.task;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An ordered, immutable list of examples with unique ids. */
public record Dataset(String name, List<Example> examples) {

    public Dataset {
        examples = List.copyOf(examples);
        Set<String> seen = new HashSet<>();
        for (Example example : examples) {
            if (!seen.add(example.id())) {
                throw new IllegalArgumentException(
                        "dataset " + name + " has the example id '" + example.id() + "' twice");
            }
        }
    }

    public int size() {
        return examples.size();
    }

    public Optional<Example> find(String id) {
        return examples.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
