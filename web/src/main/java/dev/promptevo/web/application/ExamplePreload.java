package dev.promptevo.web.application;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.dataset.StoredDataset;
import dev.promptevo.web.domain.dataset.StoredExample;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.security.Ownership;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.domain.task.TaskRepository;
import dev.promptevo.web.infrastructure.engine.BundledExample;
import dev.promptevo.web.infrastructure.persistence.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives a new server something to run: when {@code promptevo.examples.preload} is on and the
 * database has no task yet, the bundled example tasks and their datasets are stored at start, in one
 * transaction. A database that has ever held a task is left alone, so a deleted example stays
 * deleted.
 */
@ApplicationScoped
public class ExamplePreload {
    private static final Logger LOG = Logger.getLogger(ExamplePreload.class.getName());

    @Inject
    private TaskRepository tasks;

    @Inject
    private DatasetRepository datasets;

    @Inject
    private Clock clock;

    /** Sees every task: preloading looks for any task at all, whoever owns it. */
    private static final Caller EVERYTHING = new Caller("preload", Optional.empty(), Role.ADMIN);

    /** The bundled example belongs to the first admin (the embedded issuer's admin token). */
    private static final Ownership OWNER = new Ownership(FirstStart.ADMIN_SUBJECT, null);

    @Inject
    @ConfigProperty(name = "promptevo.examples.preload", defaultValue = "false")
    private boolean enabled;

    @Transactional
    void onSchemaReady(@Observes SchemaMigration.SchemaReady event) {
        if (!enabled || tasks.list(EVERYTHING, new PageRequest(0, 1)).total() > 0) {
            return;
        }
        List<BundledExample> examples = new ArrayList<>();
        try {
            for (String name : BundledExample.NAMES) {
                examples.add(BundledExample.load(name, ExamplePreload.class.getClassLoader()));
            }
        } catch (RuntimeException e) {
            // An example that cannot be read must not keep the server from starting; nothing is stored.
            LOG.log(Level.WARNING, "PromptEvo could not read the bundled examples; none was preloaded", e);
            return;
        }
        examples.forEach(this::store);
    }

    private void store(BundledExample example) {
        StoredTask task = new StoredTask(example.definition(), OWNER, clock.instant());
        tasks.add(task);
        StoredDataset dataset = new StoredDataset(example.name(), OWNER, clock.instant());
        datasets.add(dataset);
        List<Example> examples = example.dataset().examples();
        List<StoredExample> rows = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            rows.add(new StoredExample(dataset.id(), i, examples.get(i)));
        }
        datasets.addExamples(rows);
        dataset.completeUpload(examples.size(), example.datasetBytes());
        LOG.info(() -> "PromptEvo preloaded the example task '" + task.name() + "' (task " + task.id()
                + ") and its dataset '" + dataset.name() + "' (dataset " + dataset.id() + ", " + examples.size()
                + " examples)");
    }
}
