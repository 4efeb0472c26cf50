package dev.promptevo.engine.execution;

import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts every call against a {@link Budget} so that it is never exceeded, not even by calls in
 * flight: before a call its worst case is reserved (one call; its cost with the prompt counted as one
 * token per character and the whole {@code maxTokens} answered), and after it the reservation is
 * replaced by what it really cost. Calls that could break a limit are refused up front.
 *
 * <p>Thread-safe; the critical sections are a few arithmetic operations, so a monitor suffices.
 */
public final class SpendLedger {
    private final Budget budget;
    private final Clock clock;
    private final Instant start;
    private final Optional<Instant> deadline;

    private long calls;
    private long failedCalls;
    private long tokens;
    private double costUsd;
    private double reservedUsd;
    private boolean exhausted;
    private long restoredMillis;

    public SpendLedger(Budget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
        this.start = clock.instant();
        this.deadline = budget.maxWallTime().map(start::plus);
    }

    /** A reservation to settle with {@link #settle} once the call returns (or fails). */
    public record Reservation(double reservedUsd) {}

    public synchronized Reservation reserve(ModelRequest request, Optional<ModelPrice> price)
            throws BudgetExhaustedException {
        if (deadline.isPresent() && !clock.instant().plusMillis(restoredMillis).isBefore(deadline.get())) {
            exhausted = true;
            throw new BudgetExhaustedException(
                    "wall-time budget of " + budget.maxWallTime().get() + " reached");
        }
        if (budget.maxCalls().isPresent() && calls + 1 > budget.maxCalls().getAsLong()) {
            exhausted = true;
            throw new BudgetExhaustedException(
                    "call budget of " + budget.maxCalls().getAsLong() + " reached");
        }
        double worstCase = 0.0;
        if (budget.maxUsd().isPresent()) {
            if (price.isEmpty()) {
                throw new BudgetExhaustedException("model '" + request.model()
                        + "' has no price, so a USD budget cannot bound its cost; add it to the price table");
            }
            long promptUpperBound =
                    request.promptText().length() + 16L * request.messages().size();
            worstCase = price.get().cost(promptUpperBound, request.maxTokens());
            if (costUsd + reservedUsd + worstCase > budget.maxUsd().getAsDouble()) {
                exhausted = true;
                throw new BudgetExhaustedException(String.format(
                        "USD budget of %.4f reached (spent %.4f, in flight %.4f, this call up to %.4f)",
                        budget.maxUsd().getAsDouble(), costUsd, reservedUsd, worstCase));
            }
        }
        calls++;
        reservedUsd += worstCase;
        return new Reservation(worstCase);
    }

    /** Replaces the reservation by the call's real tokens and cost. */
    public synchronized void settle(Reservation reservation, long callTokens, double callCostUsd, boolean failed) {
        reservedUsd = Math.max(0.0, reservedUsd - reservation.reservedUsd());
        tokens += callTokens;
        costUsd += callCostUsd;
        if (failed) {
            failedCalls++;
        }
    }

    /**
     * Counts what an interrupted run had already spent, so a resumed run stays within the same
     * budget (its wall time included).
     */
    public synchronized void restore(Spend earlier) {
        calls += earlier.calls();
        failedCalls += earlier.failedCalls();
        tokens += earlier.tokens();
        costUsd += earlier.costUsd();
        restoredMillis += Math.round(earlier.wallSeconds() * 1000);
    }

    /** Whether a call was refused for the budget: the run should stop. */
    public synchronized boolean exhausted() {
        return exhausted
                || (deadline.isPresent()
                        && !clock.instant().plusMillis(restoredMillis).isBefore(deadline.get()));
    }

    /** When the wall-time budget ends, on this ledger's clock (earlier by a resumed run's past time). */
    public synchronized Optional<Instant> deadline() {
        return deadline.map(d -> d.minusMillis(restoredMillis));
    }

    public synchronized Spend snapshot() {
        double seconds = (clock.millis() - start.toEpochMilli() + restoredMillis) / 1000.0;
        return new Spend(calls, failedCalls, tokens, costUsd, seconds);
    }
}
