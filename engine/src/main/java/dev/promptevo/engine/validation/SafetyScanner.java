package dev.promptevo.engine.validation;

import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Flags outputs that match a task's safety patterns. It scans the raw output text, not only the
 * parsed object, so a leak in surrounding prose or in a consensus sample that lost the vote still
 * counts. Patterns are compiled once; the scanner is immutable and thread-safe.
 */
public final class SafetyScanner {
    private final Map<String, List<Pattern>> patternsById;

    public SafetyScanner(List<Task.SafetyPattern> patterns) {
        Map<String, List<Pattern>> byId = new LinkedHashMap<>();
        for (Task.SafetyPattern pattern : patterns) {
            byId.computeIfAbsent(pattern.id(), id -> new ArrayList<>()).add(Pattern.compile(pattern.regex()));
        }
        byId.replaceAll((id, compiled) -> List.copyOf(compiled));
        this.patternsById = byId;
    }

    /** The ids of the patterns found anywhere in the text, each once, in the task's order. */
    public List<String> flags(String outputText) {
        Objects.requireNonNull(outputText, "outputText");
        return patternsById.entrySet().stream()
                .filter(entry -> entry.getValue().stream()
                        .anyMatch(p -> p.matcher(outputText).find()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
