package dev.promptevo.web.application;

import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.dataset.DatasetLines;
import dev.promptevo.web.domain.dataset.DatasetRepository;
import dev.promptevo.web.domain.dataset.StoredDataset;
import dev.promptevo.web.domain.dataset.StoredExample;
import dev.promptevo.web.domain.dataset.UploadTooLargeException;
import dev.promptevo.web.domain.deployment.DeploymentRepository;
import dev.promptevo.web.domain.run.RunRepository;
import dev.promptevo.web.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Uploads (streamed, checked line by line, all or nothing), reads and deletes datasets; each public
 * method is one transaction. A dataset belongs to its uploader (and the uploader's team); to anyone
 * else who may not see it, it does not exist.
 */
@ApplicationScoped
@Transactional
public class DatasetService {
    public static final String KIND = "dataset";
    static final int BATCH = 500;

    @Inject
    private DatasetRepository datasets;

    @Inject
    private RunRepository runs;

    @Inject
    private DeploymentRepository deployments;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "promptevo.datasets.max-bytes", defaultValue = "10485760")
    private long maxBytes;

    /**
     * Reads a JSON Lines body into a new dataset.
     *
     * @param declaredLength the body's Content-Length when the client sent one: an oversized body is
     *     refused before it is read
     * @throws UploadTooLargeException when the body is over {@code promptevo.datasets.max-bytes}
     */
    public StoredDataset upload(Caller caller, String name, InputStream body, OptionalLong declaredLength) {
        if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBytes) {
            throw new UploadTooLargeException(maxBytes);
        }
        String datasetName = name == null || name.isBlank() ? "dataset" : name.strip();
        if (datasetName.length() > StoredDataset.MAX_NAME) {
            throw InvalidInputException.of("name", "must have at most " + StoredDataset.MAX_NAME + " characters");
        }
        if (datasetName.indexOf('\0') >= 0) {
            throw InvalidInputException.of("name", JsonInput.NO_NUL);
        }
        StoredDataset dataset = new StoredDataset(datasetName, caller.ownership(), clock.instant());
        datasets.add(dataset);
        LimitedInputStream limited = new LimitedInputStream(body, maxBytes);
        Reader reader = new InputStreamReader(
                limited,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        int count;
        try {
            count = DatasetLines.read(reader, BATCH, (batch, first) -> {
                List<StoredExample> rows = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(new StoredExample(dataset.id(), first + i, batch.get(i)));
                }
                datasets.addExamples(rows);
            });
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("(body)", "the body is not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed: " + e.getMessage(), e);
        }
        dataset.completeUpload(count, limited.count());
        return dataset;
    }

    public StoredDataset get(Caller caller, String id) {
        return datasets.find(id)
                .filter(dataset -> caller.canSee(dataset.owner()))
                .orElseThrow(() -> new UnknownEntityException(KIND, id));
    }

    public Page<StoredDataset> list(Caller caller, PageRequest page) {
        return datasets.list(caller, page);
    }

    public Page<Example> examples(Caller caller, String id, PageRequest page) {
        get(caller, id);
        return datasets.examples(id, page);
    }

    /** @throws ConflictException while runs or deployments refer to the dataset */
    public void delete(Caller caller, String id) {
        StoredDataset dataset = get(caller, id);
        if (runs.anyUsesDataset(id)) {
            throw new ConflictException("dataset " + id + " has runs; it cannot be deleted while they refer to it");
        }
        if (deployments.anyUsesDataset(id)) {
            throw new ConflictException("dataset " + id
                    + " is used by a deployment; it cannot be deleted while the deployment refers to it");
        }
        datasets.remove(dataset);
    }

    /** Counts what passes through and stops with {@link UploadTooLargeException} past the limit. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) {
            count += n;
            if (count > limit) {
                throw new UploadTooLargeException(limit);
            }
        }
    }
}
