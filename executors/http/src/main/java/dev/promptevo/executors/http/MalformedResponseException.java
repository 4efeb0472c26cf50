package dev.promptevo.executors.http;

/**
 * A successful HTTP answer whose body is not what the wire protocol promises: not JSON, or without a
 * field the backend needs. Thrown by {@link WireProtocol#parse}; the backend turns it into a
 * non-retryable {@link dev.promptevo.api.model.BackendException} that says "malformed response".
 */
public final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
