package dev.promptevo.executors.simulated;

import dev.promptevo.api.model.ChatMessage;
import java.util.List;

/** Token counts estimated from text length, the way the simulator bills prompts. */
final class TokenEstimate {
    private TokenEstimate() {}

    static long of(String text, SimulatorParameters.Tokens tokens) {
        return (long) Math.ceil(text.length() / tokens.charsPerToken());
    }

    /** Every message's estimate plus a fixed overhead per message (role markers). */
    static long ofMessages(List<ChatMessage> messages, SimulatorParameters.Tokens tokens) {
        long total = 0;
        for (ChatMessage message : messages) {
            total += tokens.perMessageOverhead() + of(message.content(), tokens);
        }
        return total;
    }
}
