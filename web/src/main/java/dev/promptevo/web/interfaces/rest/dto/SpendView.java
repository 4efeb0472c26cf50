package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.engine.execution.Spend;

public record SpendView(long calls, long failedCalls, long tokens, double costUsd, double wallSeconds) {
    public static SpendView of(Spend spend) {
        return new SpendView(spend.calls(), spend.failedCalls(), spend.tokens(), spend.costUsd(), spend.wallSeconds());
    }
}
