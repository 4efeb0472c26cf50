package dev.promptevo.web.infrastructure.metrics;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ForwardingModelBackend;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import java.util.Objects;

/** A backend that tells a {@link CallObserver} of each call it makes, and otherwise just passes it on. */
public final class MeteredBackend extends ForwardingModelBackend {
    private final CallObserver observer;

    public MeteredBackend(ModelBackend delegate, CallObserver observer) {
        super(delegate);
        this.observer = Objects.requireNonNull(observer, "observer");
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
}
