package dev.promptevo.web.testing;

import dev.promptevo.api.task.Dataset;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.infrastructure.engine.BundledExample;
import java.nio.file.Path;
import java.util.Map;

/** The bundled example as the engine runs it, cut to its first examples so that a test runs it in seconds. */
public final class ExampleBundles {
    private ExampleBundles() {}

    /** The bundled {@code ticket-triage} task on its first {@code examples} examples, default backend settings. */
    public static TaskBundle ticketTriage(int examples) {
        BundledExample example = BundledExample.load("ticket-triage", ExampleBundles.class.getClassLoader());
        var definition = example.definition();
        return new TaskBundle(
                Path.of("."),
                definition.toTask("ticket-triage"),
                new Dataset("ticket-triage", example.dataset().examples().subList(0, examples)),
                definition.space(),
                definition.baseGenome(),
                definition.backendId(),
                Map.of());
    }
}
