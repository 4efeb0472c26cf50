package dev.promptevo.web.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.domain.dataset.UploadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {
    @Test
    void aBodyWithinTheLimitIsCountedAndPassedThrough() throws IOException {
        var in = new DatasetService.LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100);

        assertThat(in.readAllBytes()).hasSize(100);
        assertThat(in.count()).isEqualTo(100);
    }

    @Test
    void readingPastTheLimitStops() {
        var in = new DatasetService.LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(UploadTooLargeException.class)
                .hasMessageContaining("100 bytes");
    }
}
