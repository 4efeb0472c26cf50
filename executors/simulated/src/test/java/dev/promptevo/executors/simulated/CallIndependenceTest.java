package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The backend keeps no state between calls: under consensus the engine makes the calls and votes, so
 * each call must depend on its own request alone, whatever the order, the history or the thread.
 */
class CallIndependenceTest {
    private static final SimulatorParameters PARAMETERS = SimulatorParameters.defaults();
    private static final List<Example> EXAMPLES = Tickets.mixed(50, 51);

    @Test
    void aCallsAnswerDependsOnItsRequestAloneWhateverTheOrderOrThread() throws Exception {
        List<ModelRequest> requests = new ArrayList<>();
        for (Example example : EXAMPLES) {
            for (long seed = 0; seed < 4; seed++) {
                requests.add(Tickets.request(example, "sim-medium", "Be brief.", seed % 2 == 0, 0.9, 300, seed));
            }
        }
        SimulatedBackend backend = SimulatedBackend.of(PARAMETERS, 1, EXAMPLES, false);
        Map<ModelRequest, ModelResponse> forward = new ConcurrentHashMap<>();
        for (ModelRequest request : requests) {
            forward.put(request, backend.complete(request));
        }
        List<ModelRequest> shuffled = new ArrayList<>(requests);
        Collections.shuffle(shuffled, new java.util.Random(5));
        SimulatedBackend fresh = SimulatedBackend.of(PARAMETERS, 1, EXAMPLES, false);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> same = new ArrayList<>();
            for (ModelRequest request : shuffled) {
                same.add(threads.submit(() -> fresh.complete(request).equals(forward.get(request))));
            }
            for (Future<Boolean> result : same) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void theGenomeIdDoesNotChangeTheAnswer() throws BackendException {
        SimulatedBackend backend = SimulatedBackend.of(PARAMETERS, 1, EXAMPLES, false);
        ModelRequest request = Tickets.request(EXAMPLES.get(3), "sim-small", "Be brief.", false, 0.7, 256, 9);
        ModelRequest otherGenome = new ModelRequest(
                request.model(),
                request.messages(),
                request.temperature(),
                request.maxTokens(),
                request.seed(),
                request.jsonOutput(),
                Map.of(
                        ModelRequest.PURPOSE,
                        ModelRequest.PURPOSE_TASK,
                        ModelRequest.EXAMPLE_ID,
                        EXAMPLES.get(3).id(),
                        ModelRequest.GENOME_ID,
                        "g-other"));
        assertThat(backend.complete(otherGenome)).isEqualTo(backend.complete(request));
    }
}
