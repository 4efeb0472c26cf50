package dev.promptevo.engine.execution;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import java.util.Optional;

/** A backend whose every call is reserved and settled in a {@link SpendLedger}. */
public final class BudgetedBackend implements ModelBackend {
    private final ModelBackend delegate;
    private final SpendLedger ledger;

    public BudgetedBackend(ModelBackend delegate, SpendLedger ledger) {
        this.delegate = delegate;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return delegate.id();
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

    @Override
    public Optional<ModelPrice> price(String model) {
        return delegate.price(model);
    }

    @Override
    public Optional<String> replayScope(ModelRequest request) {
        return delegate.replayScope(request);
    }
}
