package dev.promptevo.executors.simulated;

import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task call as the engine builds it: the rubric (plus the chain-of-thought instruction) in the
 * system message, and the rendered template with retrieved passages as {@code [id] title} lines in the
 * user message.
 *
 * @param rubric the system text without the chain-of-thought instruction
 * @param cot whether the chain-of-thought instruction is present
 * @param passageIds the ids of the retrieved passages, in order, without repeats
 */
record TaskCall(String rubric, boolean cot, List<String> passageIds) {
    private static final Pattern PASSAGE_LINE = Pattern.compile("(?m)^\\[([^\\]\\s]+)\\] ");

    TaskCall {
        passageIds = List.copyOf(passageIds);
    }

    static TaskCall parse(ModelRequest request) {
        StringBuilder system = new StringBuilder();
        Set<String> passages = new LinkedHashSet<>();
        for (ChatMessage message : request.messages()) {
            if (message.role() == ChatMessage.Role.SYSTEM) {
                system.append(message.content()).append('\n');
            } else if (message.role() == ChatMessage.Role.USER) {
                Matcher matcher = PASSAGE_LINE.matcher(message.content());
                while (matcher.find()) {
                    passages.add(matcher.group(1));
                }
            }
        }
        String systemText = system.toString();
        boolean cot = systemText.contains(SimulatedBackend.COT_INSTRUCTION);
        String rubric = systemText.replace(SimulatedBackend.COT_INSTRUCTION, "").strip();
        return new TaskCall(rubric, cot, List.copyOf(passages));
    }
}
