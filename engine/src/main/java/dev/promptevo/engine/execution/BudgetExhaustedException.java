package dev.promptevo.engine.execution;

import dev.promptevo.api.model.BackendException;

/** A call refused before it was made because it could break the run's budget. */
public final class BudgetExhaustedException extends BackendException {
    private static final long serialVersionUID = 1L;

    public BudgetExhaustedException(String message) {
        super(message, false);
    }
}
