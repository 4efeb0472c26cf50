package dev.promptevo.web.domain;

/** The request is well formed but clashes with the current state (a task still used by runs, a finished run). */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
