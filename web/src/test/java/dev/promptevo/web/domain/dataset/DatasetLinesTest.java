package dev.promptevo.web.domain.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.promptevo.api.task.Example;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetLinesTest {
    private record Batch(List<Example> examples, int first) {}

    private static String line(String id) {
        return "{\"id\":\"" + id + "\",\"input\":\"in " + id + "\",\"expected\":{\"ok\":true}}";
    }

    @Test
    void examplesArriveInBatchesWithTheirPositions() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            body.append(line("e" + i)).append(i == 3 ? "\n\n" : "\n");
        }
        List<Batch> batches = new ArrayList<>();

        int count =
                DatasetLines.read(new StringReader(body.toString()), 3, (b, first) -> batches.add(new Batch(b, first)));

        assertThat(count).isEqualTo(7);
        assertThat(batches).extracting(Batch::first).containsExactly(0, 3, 6);
        assertThat(batches.get(1).examples()).extracting(Example::id).containsExactly("e3", "e4", "e5");
        assertThat(batches.get(2).examples()).extracting(Example::id).containsExactly("e6");
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndNothingMoreIsPassedOn() {
        String body = String.join(
                "\n", line("a"), "not json", line("a"), "", "{\"id\":\"b\",\"input\":\"x\"}", line("c"), "[1, 2]");
        List<Batch> batches = new ArrayList<>();

        InvalidDatasetException e = catchThrowableOfType(
                InvalidDatasetException.class,
                () -> DatasetLines.read(new StringReader(body), 1, (b, first) -> batches.add(new Batch(b, first))));

        assertThat(e.violations()).extracting(LineViolation::line).containsExactly(2L, 3L, 5L, 7L);
        assertThat(e.violations().get(1).message()).isEqualTo("duplicate id 'a' (first on line 1)");
        assertThat(e.violations().get(2).message()).contains("expected");
        assertThat(e.truncated()).isFalse();
        assertThat(batches).extracting(Batch::first).containsExactly(0);
    }

    @Test
    void anIdLongerThanTheDatabaseKeepsIsABadLineNotADatabaseError() {
        String longest = "k".repeat(StoredExample.MAX_KEY);
        String body = String.join("\n", line(longest), line(longest + "k"));

        InvalidDatasetException e = catchThrowableOfType(
                InvalidDatasetException.class, () -> DatasetLines.read(new StringReader(body), 10, (b, f) -> {}));

        assertThat(e.violations())
                .containsExactly(new LineViolation(2, "id: must have at most 500 characters, got 501"));
    }

    @Test
    void theReportStopsAtItsLimitAndSaysSo() {
        String body = "x\n".repeat(DatasetLines.MAX_REPORTED + 5);

        InvalidDatasetException e = catchThrowableOfType(
                InvalidDatasetException.class, () -> DatasetLines.read(new StringReader(body), 10, (b, f) -> {}));

        assertThat(e.violations()).hasSize(DatasetLines.MAX_REPORTED);
        assertThat(e.truncated()).isTrue();
    }

    @Test
    void anUploadWithoutExamplesIsRefused() {
        InvalidDatasetException e = catchThrowableOfType(
                InvalidDatasetException.class, () -> DatasetLines.read(new StringReader("\n  \n"), 10, (b, f) -> {}));

        assertThat(e.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("no examples"));
    }
}
