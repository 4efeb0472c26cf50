package dev.promptevo.engine.execution;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ForwardingModelBackend;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;

/** A backend whose every call is reserved and settled in a {@link SpendLedger}. */
public final class BudgetedBackend extends ForwardingModelBackend {
    private final SpendLedger ledger;

    public BudgetedBackend(ModelBackend delegate, SpendLedger ledger) {
        super(delegate);
        this.ledger = ledger;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        SpendLedger.Reservation reservation = ledger.reserve(request, delegate.price(request.model()));
        try {
            ModelResponse response = delegate.complete(request);
            ledger.settle(reservation, response.usage().total(), response.costUsd(), false);
            return response;
        } catch (BackendException e) {
            ledger.settle(reservation, 0, e.costUsd(), true);
            throw e;
        } catch (RuntimeException e) {
            ledger.settle(reservation, 0, 0.0, true);
            throw new BackendException("backend " + delegate.id() + " failed: " + e, false, 0.0, e);
        }
    }
}
