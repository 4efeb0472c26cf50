package dev.promptevo.api.task;

/** A dataset line that cannot be read, with where it is and why. */
public final class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String reason;

    public DatasetFormatException(String source, long line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** 1-based line number. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
