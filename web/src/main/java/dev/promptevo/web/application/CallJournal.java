package dev.promptevo.web.application;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ForwardingModelBackend;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.engine.execution.CacheKey;
import dev.promptevo.web.domain.run.RecordedCall;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The model calls of the runs in flight on this server, recorded as they complete so that a restart
 * repeats none of them. Each completed call (its answer, or its failure) is queued in memory and
 * written to the database in batches, by a background writer: every {@code batchSize} calls (a
 * flush is started as soon as that many wait) and on a timer (the caller flushes every second by
 * default), so the evaluation's hot path never waits for a transaction. A SIGTERM flushes what
 * waits; a SIGKILL loses the calls completed since the last flush began, and those (with the calls
 * in flight) are the only ones a resumed run sends again.
 *
 * <p>A run's records only matter until its next checkpoint, which covers them: {@link #checkpoint}
 * records the checkpoint (the caller's transaction deletes the stored records with it) while no
 * batch is being written, then drops the run's queued records. A resumed run answers each recorded
 * request once from its record ({@link RunCalls#wrap}); a request made twice is sent the second time,
 * as it was before the restart.
 *
 * <p>Thread-safe.
 */
final class CallJournal {
    /** The scope of a run-scoped record's key: the request alone decides it, not the backend's replay promise. */
    private static final String RUN_SCOPE = "promptevo-run-call";

    /** Writes a batch of recorded calls in one transaction. */
    @FunctionalInterface
    interface Store {
        void write(List<RecordedCall> calls);
    }

    private final Store store;
    private final int batchSize;
    private final Executor flusher;
    private final Clock clock;
    private final Consumer<String> onReplay;
    /** Held while a batch is written or a checkpoint recorded: the two never interleave. */
    private final Object writing = new Object();

    private final Object queue = new Object();
    private List<RecordedCall> pending = new ArrayList<>();
    private final AtomicBoolean flushStarted = new AtomicBoolean();

    /**
     * @param batchSize how many waiting calls start a flush at once
     * @param flusher where such a flush runs (not the caller's thread)
     * @param onReplay told the backend id of every call answered from a record
     */
    CallJournal(Store store, int batchSize, Executor flusher, Clock clock, Consumer<String> onReplay) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.store = store;
        this.batchSize = batchSize;
        this.flusher = flusher;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /**
     * Starts recording the calls of a run that starts or resumes.
     *
     * @param recorded the calls it completed since its last checkpoint in earlier server lifetimes
     */
    RunCalls open(String runId, Collection<RecordedCall> recorded) {
        return new RunCalls(runId, recorded);
    }

    /** Calls waiting to be written. */
    int pending() {
        synchronized (queue) {
            return pending.size();
        }
    }

    /** Writes the calls waiting, in one transaction; on failure they wait for the next flush. */
    void flush() {
        flushStarted.set(false);
        synchronized (writing) {
            List<RecordedCall> batch;
            synchronized (queue) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            try {
                store.write(batch);
            } catch (RuntimeException e) {
                synchronized (queue) {
                    batch.addAll(pending);
                    pending = batch;
                }
                throw e;
            }
        }
    }

    /**
     * Records a checkpoint of {@code calls}' run with no batch written meanwhile, then forgets the
     * run's waiting calls (the checkpoint covers them).
     *
     * @param record records the checkpoint in a transaction that also deletes the run's stored calls
     *     and adds the given number of calls sent since the last checkpoint to the run's count; true
     *     when it recorded
     */
    boolean checkpoint(RunCalls calls, LongPredicate record) {
        synchronized (writing) {
            long carried = calls.carried;
            long sent = calls.sent.get();
            if (!record.test(carried + sent)) {
                return false;
            }
            drop(calls.runId);
            calls.carried = 0;
            calls.sent.addAndGet(-sent);
            calls.stored.clear();
            calls.replayable.clear();
            return true;
        }
    }

    /** Stops recording the run and forgets its waiting calls, then runs {@code delete} (of its stored ones). */
    void forget(RunCalls calls, Runnable delete) {
        synchronized (writing) {
            calls.closed = true;
            drop(calls.runId);
            delete.run();
        }
    }

    private void drop(String runId) {
        synchronized (queue) {
            pending.removeIf(call -> call.runId().equals(runId));
        }
    }

    private void enqueue(RecordedCall call) {
        int waiting;
        synchronized (queue) {
            pending.add(call);
            waiting = pending.size();
        }
        if (waiting >= batchSize && flushStarted.compareAndSet(false, true)) {
            flusher.execute(this::flush);
        }
    }

    /** One run's recording: its calls from earlier lifetimes to answer, and the count of calls sent. */
    final class RunCalls {
        private final String runId;
        /** Recorded answers not used yet in this lifetime, by request key: each answers one call. */
        private final Map<String, RecordedCall> replayable = new ConcurrentHashMap<>();
        /** Request keys stored or waiting since the last checkpoint: a key is stored once. */
        private final Set<String> stored = ConcurrentHashMap.newKeySet();

        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong replayed = new AtomicLong();
        /** Calls sent in earlier lifetimes since the last checkpoint: their records are what came in. */
        private volatile long carried;

        private volatile boolean stopping;
        private volatile boolean closed;

        private RunCalls(String runId, Collection<RecordedCall> recorded) {
            this.runId = runId;
            recorded.forEach(call -> {
                replayable.put(call.requestKey(), call);
                stored.add(call.requestKey());
            });
            this.carried = recorded.size();
        }

        /** {@code backend}, with this run's recorded calls answered from their records and every completed call recorded. */
        ModelBackend wrap(ModelBackend backend) {
            return new RecordingBackend(backend);
        }

        /** The run is being stopped: a call failing from now on fails because of that, and is not recorded. */
        void stopping() {
            stopping = true;
        }

        /** Calls answered from records in this lifetime. */
        long replayed() {
            return replayed.get();
        }

        /** Calls sent to the backend since the last checkpoint, in this lifetime and earlier ones (as recorded). */
        long sentSinceCheckpoint() {
            return carried + sent.get();
        }

        private void record(RecordedCall call) {
            if (!closed && stored.add(call.requestKey())) {
                enqueue(call);
            }
        }

        private boolean interrupted(Throwable failure) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                return true;
            }
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
                    return true;
                }
            }
            return false;
        }

        private final class RecordingBackend extends ForwardingModelBackend {
            RecordingBackend(ModelBackend delegate) {
                super(delegate);
            }

            @Override
            public ModelResponse complete(ModelRequest request) throws BackendException {
                String key = CacheKey.of(RUN_SCOPE, request).digest();
                RecordedCall earlier = replayable.remove(key);
                if (earlier != null) {
                    replayed.incrementAndGet();
                    onReplay.accept(delegate.id());
                    return earlier.replay();
                }
                ModelResponse response;
                try {
                    response = delegate.complete(request);
                } catch (BackendException e) {
                    sent.incrementAndGet();
                    if (!interrupted(e)) {
                        record(RecordedCall.failed(runId, key, e, clock.instant()));
                    }
                    throw e;
                } catch (RuntimeException e) {
                    sent.incrementAndGet(); // a fault of the backend's code: not an answer to keep
                    throw e;
                }
                sent.incrementAndGet();
                record(RecordedCall.answered(runId, key, response, clock.instant()));
                return response;
            }
        }
    }
}
