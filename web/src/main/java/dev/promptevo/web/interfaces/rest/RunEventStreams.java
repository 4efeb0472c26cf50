package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.application.RunEvents;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.interfaces.rest.dto.GenerationView;
import dev.promptevo.web.interfaces.rest.dto.RunView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open server-sent-event streams of runs, fed by the run events once their transaction has
 * committed: a {@code generation} event per completed generation, a {@code run} event per status
 * change; a stream closes after the run's final status.
 */
@ApplicationScoped
public class RunEventStreams {
    public static final String RUN = "run";
    public static final String GENERATION = "generation";

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    private record Subscriber(SseEventSink sink, Sse sse) {}

    /** Adds a client's stream; the caller then sends the run's current state. */
    void subscribe(String runId, SseEventSink sink, Sse sse) {
        subscribers.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(new Subscriber(sink, sse));
    }

    void unsubscribe(String runId, SseEventSink sink) {
        List<Subscriber> list = subscribers.get(runId);
        if (list != null) {
            list.removeIf(s -> s.sink() == sink);
        }
    }

    void onGeneration(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.GenerationRecorded event) {
        GenerationView view = GenerationView.of(event.generation());
        send(event.run().id(), s -> event(s.sse(), GENERATION, GenerationView.class, view), false);
    }

    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEvents.StatusChanged event) {
        Run run = event.run();
        RunView view = RunView.of(run);
        send(
                run.id(),
                s -> event(s.sse(), RUN, RunView.class, view),
                run.status().isFinal());
    }

    @PreDestroy
    void closeAll() {
        subscribers.values().forEach(list -> list.forEach(s -> s.sink().close()));
        subscribers.clear();
    }

    static <T> OutboundSseEvent event(Sse sse, String name, Class<T> type, T data) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(type, data)
                .build();
    }

    private void send(String runId, java.util.function.Function<Subscriber, OutboundSseEvent> event, boolean last) {
        List<Subscriber> list = last ? subscribers.remove(runId) : subscribers.get(runId);
        if (list == null) {
            return;
        }
        for (Subscriber s : list) {
            if (s.sink().isClosed()) {
                list.remove(s);
                continue;
            }
            s.sink().send(event.apply(s)).whenComplete((ok, failure) -> {
                if (failure != null || last) {
                    s.sink().close();
                    list.remove(s);
                }
            });
        }
    }
}
