package dev.promptevo.web.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.domain.run.RecordedCall;
import dev.promptevo.web.testing.ExampleBundles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run-scoped call records: what is written and when, and, on a real engine run of the bundled
 * example with the simulated backend, that a run interrupted mid-generation and resumed from its last
 * checkpoint (or from its start) with its recorded calls sends the backend exactly the calls an
 * uninterrupted run sends, no more, and ends with the same spend.
 */
class CallJournalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    /** The database's run_call table for one run, written by the journal's batches. */
    private static final class Table implements CallJournal.Store {
        final List<RecordedCall> rows = new CopyOnWriteArrayList<>();
        final AtomicInteger batches = new AtomicInteger();

        @Override
        public void write(List<RecordedCall> calls) {
            batches.incrementAndGet();
            rows.addAll(calls);
        }
    }

    /** Answers every request with its model name, counting the calls it gets. */
    private static final class Echo implements ModelBackend {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String id() {
            return "echo";
        }

        @Override
        public ModelResponse complete(ModelRequest request) throws BackendException {
            calls.incrementAndGet();
            if (request.model().equals("failing")) {
                throw new BackendException("rate limited", true, 0.25, null);
            }
            if (request.model().equals("interrupted")) {
                throw new BackendException("interrupted", false, 0.0, new InterruptedException());
            }
            return new ModelResponse(
                    "answer of " + request.model(),
                    new TokenUsage(10, 5),
                    12.5,
                    ModelResponse.FinishReason.STOP,
                    0.001);
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.empty();
        }
    }

    private static ModelRequest request(String model) {
        return new ModelRequest(
                model, List.of(ChatMessage.user("hello")), 0.7, 100, java.util.OptionalLong.empty(), false, Map.of());
    }

    @Test
    void callsAreWrittenInBatchesOffTheCallersThreadAndEachRequestOnce() throws BackendException {
        Table table = new Table();
        List<Runnable> flushes = new ArrayList<>();
        CallJournal journal = new CallJournal(table, 3, flushes::add, CLOCK, id -> {});
        ModelBackend backend = journal.open("run-1", List.of()).wrap(new Echo());

        backend.complete(request("a"));
        backend.complete(request("b"));
        backend.complete(request("a")); // the same request again: sent, but stored once
        assertThat(flushes).isEmpty();
        assertThat(journal.pending()).isEqualTo(2);
        backend.complete(request("c"));
        assertThat(flushes).as("a flush is started once 3 calls wait").hasSize(1);
        assertThat(table.rows).as("but not on the caller's thread").isEmpty();
        flushes.getFirst().run();
        assertThat(table.rows).hasSize(3);
        assertThat(table.batches).hasValue(1);
        assertThat(journal.pending()).isZero();
    }

    @Test
    void aBatchThatFailsToBeWrittenWaitsForTheNextFlush() throws BackendException {
        AtomicInteger attempts = new AtomicInteger();
        Table table = new Table();
        CallJournal journal = new CallJournal(
                calls -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("database down");
                    }
                    table.write(calls);
                },
                100,
                Runnable::run,
                CLOCK,
                id -> {});
        ModelBackend backend = journal.open("run-1", List.of()).wrap(new Echo());
        backend.complete(request("a"));
        assertThatThrownBy(journal::flush).hasMessage("database down");
        backend.complete(request("b"));
        journal.flush();
        assertThat(table.rows)
                .extracting(RecordedCall::replay)
                .extracting(ModelResponse::text)
                .containsExactly("answer of a", "answer of b");
    }

    @Test
    void recordedAnswersAndFailuresAreReplayedOnceWithoutCallingTheBackend() throws BackendException {
        Table table = new Table();
        CallJournal journal = new CallJournal(table, 100, Runnable::run, CLOCK, id -> {});
        Echo before = new Echo();
        ModelBackend first = journal.open("run-1", List.of()).wrap(before);
        ModelResponse answer = first.complete(request("a"));
        assertThatThrownBy(() -> first.complete(request("failing"))).isInstanceOf(BackendException.class);
        assertThatThrownBy(() -> first.complete(request("interrupted"))).isInstanceOf(BackendException.class);
        journal.flush();
        assertThat(table.rows)
                .as("a call failing because the run stops is not an outcome to keep")
                .hasSize(2);

        List<String> replayedOn = new ArrayList<>();
        CallJournal restarted = new CallJournal(new Table(), 100, Runnable::run, CLOCK, replayedOn::add);
        Echo after = new Echo();
        CallJournal.RunCalls calls = restarted.open("run-1", table.rows);
        ModelBackend resumed = calls.wrap(after);
        assertThat(calls.sentSinceCheckpoint())
                .as("the records' calls were sent before")
                .isEqualTo(2);
        assertThat(resumed.complete(request("a"))).isEqualTo(answer);
        assertThatThrownBy(() -> resumed.complete(request("failing")))
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("rate limited");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.costUsd()).isEqualTo(0.25);
                });
        assertThat(after.calls).as("nothing sent").hasValue(0);
        assertThat(calls.replayed()).isEqualTo(2);
        assertThat(replayedOn).containsExactly("echo", "echo");
        resumed.complete(request("a"));
        assertThat(after.calls)
                .as("a record answers one call; the same request again is sent")
                .hasValue(1);
        assertThat(calls.sentSinceCheckpoint()).isEqualTo(3);
    }

    @Test
    void aCheckpointForgetsTheRunsWaitingCallsAndRestartsItsCount() throws BackendException {
        Table table = new Table();
        CallJournal journal = new CallJournal(table, 100, Runnable::run, CLOCK, id -> {});
        CallJournal.RunCalls one = journal.open("run-1", List.of());
        CallJournal.RunCalls two = journal.open("run-2", List.of());
        one.wrap(new Echo()).complete(request("a"));
        two.wrap(new Echo()).complete(request("a"));
        one.wrap(new Echo()).complete(request("b"));

        assertThat(journal.checkpoint(one, sent -> false)).isFalse();
        assertThat(journal.pending())
                .as("a checkpoint that was not recorded keeps them")
                .isEqualTo(3);
        List<Long> counted = new ArrayList<>();
        assertThat(journal.checkpoint(one, sent -> counted.add(sent))).isTrue();
        assertThat(counted).containsExactly(2L);
        assertThat(one.sentSinceCheckpoint()).isZero();
        journal.flush();
        assertThat(table.rows).extracting(RecordedCall::runId).containsExactly("run-2");
    }

    // ---- a real run, interrupted and resumed ----

    /** What one server lifetime of a run did. */
    private record Lifetime(
            Optional<OptimizationResult> result,
            List<Checkpoint> checkpoints,
            List<RecordedCall> table,
            int sent,
            long counted) {}

    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs the example from {@code from} with {@code recorded} until it completes, or until generation
     * {@code stopAt} has completed all its evaluations: then the server stops gracefully just before
     * recording that checkpoint (its waiting calls are flushed), as a SIGTERM would.
     */
    private static Lifetime lifetime(Optional<Checkpoint> from, List<RecordedCall> recorded, int stopAt)
            throws InterruptedException {
        TaskBundle bundle = ExampleBundles.ticketTriage(40);
        Table table = new Table();
        table.rows.addAll(recorded);
        CallJournal journal = new CallJournal(table, 16, Runnable::run, CLOCK, id -> {});
        CallJournal.RunCalls calls = journal.open("run-1", recorded);
        AtomicInteger sent = new AtomicInteger();
        AtomicLong counted = new AtomicLong();
        List<Checkpoint> checkpoints = new ArrayList<>();
        var prepared = new RunFactory(CallJournalTest.class.getClassLoader())
                .withBackendWrapper(backend -> calls.wrap(new ModelBackend() {
                    @Override
                    public String id() {
                        return backend.id();
                    }

                    @Override
                    public ModelResponse complete(ModelRequest request) throws BackendException {
                        sent.incrementAndGet();
                        return backend.complete(request);
                    }

                    @Override
                    public Optional<ModelPrice> price(String model) {
                        return backend.price(model);
                    }
                }))
                .prepare(
                        bundle,
                        RunFactory.Options.defaults(OptimizerConfig.defaults()
                                .withSeed(20261125)
                                .withPopulationSize(4)
                                .withGenerations(4)
                                .withStagnationLimit(10)),
                        from,
                        checkpoint -> {
                            if (checkpoint.completedGeneration() == stopAt) {
                                journal.flush();
                                throw new Interrupted();
                            }
                            journal.checkpoint(calls, n -> {
                                counted.addAndGet(n);
                                table.rows.clear();
                                checkpoints.add(checkpoint);
                                return true;
                            });
                        });
        try {
            OptimizationResult result = prepared.optimizer().run(new ProgressListener() {});
            journal.checkpoint(calls, n -> {
                counted.addAndGet(n);
                table.rows.clear();
                return true;
            });
            assertThat(calls.replayed()).as("every record answers a call").isEqualTo(recorded.size());
            return new Lifetime(Optional.of(result), checkpoints, List.copyOf(table.rows), sent.get(), counted.get());
        } catch (Interrupted e) {
            return new Lifetime(Optional.empty(), checkpoints, List.copyOf(table.rows), sent.get(), counted.get());
        }
    }

    @ParameterizedTest(name = "stopped before checkpoint {0}")
    @ValueSource(ints = {0, 2})
    void aResumedRunSendsTheCallsOfAnUninterruptedOneAndSpendsTheSame(int stopAt) throws InterruptedException {
        Lifetime uninterrupted = lifetime(Optional.empty(), List.of(), -1);
        OptimizationResult reference = uninterrupted.result().orElseThrow();
        assertThat(uninterrupted.counted()).as("every call sent is counted").isEqualTo(uninterrupted.sent());
        assertThat(uninterrupted.sent()).isEqualTo(reference.spent().calls());

        Lifetime stopped = lifetime(Optional.empty(), List.of(), stopAt);
        assertThat(stopped.result()).isEmpty();
        assertThat(stopped.table())
                .as("the interrupted generation's calls, recorded")
                .isNotEmpty();
        // stopAt 0: no checkpoint yet, the run resumes from its start.
        Optional<Checkpoint> last = stopped.checkpoints().isEmpty()
                ? Optional.empty()
                : Optional.of(stopped.checkpoints().getLast());
        assertThat(last.map(Checkpoint::completedGeneration).orElse(-1)).isEqualTo(stopAt - 1);

        Lifetime resumed = lifetime(last, stopped.table(), -1);
        OptimizationResult result = resumed.result().orElseThrow();
        assertThat(stopped.sent() + resumed.sent())
                .as("calls sent over both lifetimes")
                .isEqualTo(uninterrupted.sent());
        assertThat(stopped.counted() + resumed.counted())
                .as("the run's count of calls sent")
                .isEqualTo(uninterrupted.sent());
        assertThat(result.spent().calls()).isEqualTo(reference.spent().calls());
        assertThat(result.spent().failedCalls()).isEqualTo(reference.spent().failedCalls());
        assertThat(result.spent().tokens()).isEqualTo(reference.spent().tokens());
        assertThat(result.spent().costUsd()).isCloseTo(reference.spent().costUsd(), Offset.offset(1e-9));
        assertThat(result.best().id()).isEqualTo(reference.best().id());
        assertThat(result.candidates())
                .extracting(c -> c.id())
                .isEqualTo(reference.candidates().stream().map(c -> c.id()).toList());
    }

    @Test
    void callsLostByAKillAreTheOnlyOnesSentAgain() throws InterruptedException {
        Lifetime uninterrupted = lifetime(Optional.empty(), List.of(), -1);
        Lifetime stopped = lifetime(Optional.empty(), List.of(), 2);
        List<RecordedCall> survived = stopped.table().subList(5, stopped.table().size()); // 5 never flushed
        Lifetime resumed = lifetime(Optional.of(stopped.checkpoints().getLast()), survived, -1);
        assertThat(stopped.sent() + resumed.sent()).isEqualTo(uninterrupted.sent() + 5);
        assertThat(resumed.result().orElseThrow().spent().calls())
                .isEqualTo(uninterrupted.result().orElseThrow().spent().calls());
    }
}
