package dev.promptevo.engine.execution;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.PromptConventions;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the messages of one call from a genome's knobs: the rubric (plus the chain-of-thought
 * instruction when {@code cot} is on) as the system message, and the task template rendered with
 * the input and the top-k retrieved passages as the user message.
 */
public final class PromptAssembler {

    private final Task task;
    private final Optional<Retriever> retriever;

    public PromptAssembler(Task task, Optional<Retriever> retriever) {
        this.task = task;
        this.retriever = retriever;
    }

    public List<ChatMessage> messages(String rubric, boolean cot, int topK, Example example) {
        String system = cot ? rubric + "\n\n" + PromptConventions.COT_INSTRUCTION : rubric;
        return List.of(
                ChatMessage.system(system), ChatMessage.user(task.render(example.input(), context(topK, example))));
    }

    /** Each passage as {@code [id] title} then its text, blocks separated by a blank line. */
    String context(int topK, Example example) {
        if (topK <= 0 || retriever.isEmpty()) {
            return "";
        }
        return retriever.get().retrieve(example.input(), topK).stream()
                .map(s -> "[" + s.document().id() + "] " + s.document().title() + "\n"
                        + s.document().text().strip())
                .collect(Collectors.joining("\n\n"));
    }
}
