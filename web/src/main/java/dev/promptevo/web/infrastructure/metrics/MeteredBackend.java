package dev.promptevo.web.infrastructure.metrics;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import java.util.Objects;
import java.util.Optional;

/** A backend that tells a {@link CallObserver} of each call it makes, and otherwise just passes it on. */
public final class MeteredBackend implements ModelBackend {
    private final ModelBackend delegate;
    private final CallObserver observer;

    public MeteredBackend(ModelBackend delegate, CallObserver observer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        ModelResponse response;
        try {
            response = delegate.complete(request);
        } catch (BackendException e) {
            observer.failed(delegate.id(), e.costUsd());
            throw e;
        } catch (RuntimeException e) {
            observer.failed(delegate.id(), 0.0);
            throw e;
        }
        observer.answered(delegate.id(), response.usage().total(), response.costUsd());
        return response;
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
