package dev.promptevo.api.testing;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ModelBackend} that answers from a function and records every request; free and instant.
 * Thread-safe.
 */
public final class StubModelBackend implements ModelBackend {

    /** Computes the answer text for a request, or fails like a backend. */
    @FunctionalInterface
    public interface Responder {
        String answer(ModelRequest request) throws BackendException;
    }

    private final Responder responder;
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    private StubModelBackend(Responder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    public static StubModelBackend of(Responder responder) {
        return new StubModelBackend(responder);
    }

    /** Always answers {@code text}. */
    public static StubModelBackend answering(String text) {
        return new StubModelBackend(request -> text);
    }

    /** Always fails with a non-retryable {@link BackendException}. */
    public static StubModelBackend failing(String message) {
        return new StubModelBackend(request -> {
            throw new BackendException(message, false);
        });
    }

    /**
     * Answers a rubric rewrite with a new rubric between {@code <rubric>} lines that depends only on the
     * request's seed, so equal requests get equal rubrics and a rewrite never returns its input.
     */
    public static StubModelBackend rubricReviser() {
        return new StubModelBackend(
                request -> "Here is the improved rubric.\n<rubric>\n" + revisedRubric(request) + "\n</rubric>\n");
    }

    /** The rubric {@link #rubricReviser()} answers {@code request} with. */
    public static String revisedRubric(ModelRequest request) {
        return "Answer with the JSON object only. Revision "
                + Long.toHexString(request.seed().orElse(0)) + ": copy order ids exactly.";
    }

    @Override
    public String id() {
        return "stub";
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        requests.add(request);
        String text = responder.answer(request);
        TokenUsage usage = new TokenUsage(request.promptText().length() / 4, text.length() / 4);
        return new ModelResponse(text, usage, 1.0, ModelResponse.FinishReason.STOP, 0.0);
    }

    @Override
    public Optional<ModelPrice> price(String model) {
        return Optional.of(new ModelPrice(0.0, 0.0));
    }

    /** The requests received so far, oldest first. */
    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public ModelRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new NoSuchElementException("the stub backend has received no request");
        }
        return requests.getLast();
    }
}
