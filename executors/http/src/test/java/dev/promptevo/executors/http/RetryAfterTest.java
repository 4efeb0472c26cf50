package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void secondsMayBeWholeOrDecimal() {
        assertThat(RetryAfter.of(headers("Retry-After", "7"), NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(headers("retry-after", "1.5"), NOW)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.of(headers("Retry-After", "0"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterMsComesFirst() {
        assertThat(RetryAfter.of(headers("retry-after-ms", "250", "Retry-After", "2"), NOW))
                .contains(Duration.ofMillis(250));
        assertThat(RetryAfter.of(headers("retry-after-ms", "nonsense", "Retry-After", "2"), NOW))
                .contains(Duration.ofSeconds(2));
    }

    @Test
    void anHttpDateIsAWaitFromNowAndNeverNegative() {
        assertThat(RetryAfter.of(headers("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT"), NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.of(headers("Retry-After", "Thu, 01 Jan 2026 11:59:00 GMT"), NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void anUnreadableOrNegativeHeaderIsIgnored() {
        assertThat(RetryAfter.of(headers("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(RetryAfter.of(headers("Retry-After", "-3"), NOW)).isEmpty();
        assertThat(RetryAfter.of(headers("Retry-After", "NaN"), NOW)).isEmpty();
        assertThat(RetryAfter.of(headers(), NOW)).isEmpty();
    }

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
