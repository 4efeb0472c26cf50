package dev.promptevo.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A backend that wraps another and passes everything on unless it overrides it: decorators (budgets,
 * caches, metrics, recording) override {@link #complete} only. Forwarding {@link #replayScope} here
 * matters: a decorator that forgot it would silently make every call uncacheable.
 */
public abstract class ForwardingModelBackend implements ModelBackend {
    /** The wrapped backend. */
    protected final ModelBackend delegate;

    protected ForwardingModelBackend(ModelBackend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        return delegate.complete(request);
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
