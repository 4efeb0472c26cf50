package dev.promptevo.web.domain.dataset;

import java.util.List;

/** Lines of an upload that cannot be read; nothing of the upload was kept. */
public final class InvalidDatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<LineViolation> violations;
    private final boolean truncated;

    /** @param truncated whether more lines were bad than {@code violations} lists */
    public InvalidDatasetException(List<LineViolation> violations, boolean truncated) {
        super(violations.size() + (truncated ? "+" : "") + " bad line(s), the first on line "
                + violations.get(0).line() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
        this.truncated = truncated;
    }

    public List<LineViolation> violations() {
        return violations;
    }

    public boolean truncated() {
        return truncated;
    }
}
