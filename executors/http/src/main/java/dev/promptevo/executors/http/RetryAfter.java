package dev.promptevo.executors.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The wait a provider asks for: {@code retry-after-ms} (milliseconds, OpenAI) first, else {@code
 * Retry-After} as seconds or as an HTTP date (RFC 9110 section 10.2.3). A date in the past means no
 * wait; an unreadable header is ignored.
 */
final class RetryAfter {
    private RetryAfter() {}

    static Optional<Duration> of(HttpHeaders headers, Instant now) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(RetryAfter::millis);
        return millis.isPresent()
                ? millis
                : headers.firstValue("retry-after").flatMap(value -> secondsOrDate(value, now));
    }

    private static Optional<Duration> millis(String value) {
        return number(value).map(ms -> Duration.ofNanos(Math.round(ms * 1_000_000)));
    }

    private static Optional<Duration> secondsOrDate(String value, Instant now) {
        Optional<Double> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofNanos(Math.round(seconds.get() * 1_000_000_000)));
        }
        try {
            Instant date = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, date);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return number >= 0 && number < 1e9 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
