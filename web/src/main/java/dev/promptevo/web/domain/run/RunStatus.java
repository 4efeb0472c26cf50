package dev.promptevo.web.domain.run;

/** Where a run is in its life. QUEUED and RUNNING are active; the others are final. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
