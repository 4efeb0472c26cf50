package dev.promptevo.engine.task;

/** A task directory that cannot be used, with the file at fault and what to change. */
public final class TaskLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskLoadException(String message) {
        super(message);
    }

    public TaskLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
