package dev.promptevo.web.domain.dataset;

import dev.promptevo.api.task.DatasetFormatException;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.task.DatasetReader;
import dev.promptevo.web.domain.JsonInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON Lines upload one line at a time, with the engine's rules for a line ({@link
 * DatasetReader}): examples go to a sink in batches, so the upload is never held whole in memory.
 * Unlike the engine's reader it does not stop at the first bad line: it reports up to {@link
 * #MAX_REPORTED} of them, each with its number, so a client can fix the file in one go. Once a bad
 * line is seen nothing more goes to the sink (the caller discards what it got).
 */
public final class DatasetLines {
    public static final int MAX_REPORTED = 100;

    /** Receives the examples read so far, in order; {@code firstPosition} is the first one's index. */
    @FunctionalInterface
    public interface Sink {
        void accept(List<Example> batch, int firstPosition);
    }

    private DatasetLines() {}

    /**
     * @return how many examples were read
     * @throws InvalidDatasetException when a line is bad, or there is no example at all
     * @throws IOException when the reader fails (including a body over its size limit)
     */
    public static int read(Reader reader, int batchSize, Sink sink) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<LineViolation> violations = new ArrayList<>();
        boolean truncated = false;
        Map<String, Long> firstLineOfId = new HashMap<>();
        List<Example> batch = new ArrayList<>(batchSize);
        int count = 0;
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String problem = null;
            Example example = null;
            try {
                example = DatasetReader.read("upload", "upload", new StringReader(line))
                        .examples()
                        .get(0);
                if (example.id().indexOf('\0') >= 0 || example.input().indexOf('\0') >= 0) {
                    problem = (example.id().indexOf('\0') >= 0 ? "id" : "input") + ": " + JsonInput.NO_NUL;
                } else if (example.id().length() > StoredExample.MAX_KEY) {
                    problem = "id: must have at most " + StoredExample.MAX_KEY + " characters, got "
                            + example.id().length();
                } else {
                    Long first = firstLineOfId.putIfAbsent(example.id(), number);
                    if (first != null) {
                        problem = "duplicate id '" + example.id() + "' (first on line " + first + ")";
                    }
                }
            } catch (DatasetFormatException e) {
                problem = e.reason();
            }
            if (problem != null) {
                if (violations.size() < MAX_REPORTED) {
                    violations.add(new LineViolation(number, problem));
                } else {
                    truncated = true;
                }
                continue;
            }
            if (violations.isEmpty()) {
                batch.add(example);
                if (batch.size() == batchSize) {
                    sink.accept(List.copyOf(batch), count + 1 - batch.size());
                    batch.clear();
                }
            }
            count++;
        }
        if (count == 0 && violations.isEmpty()) {
            violations.add(new LineViolation(Math.max(1, number), "the dataset has no examples"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidDatasetException(violations, truncated);
        }
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch), count - batch.size());
        }
        return count;
    }
}
