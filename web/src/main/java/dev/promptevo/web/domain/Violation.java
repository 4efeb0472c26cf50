package dev.promptevo.web.domain;

import java.util.Objects;

/**
 * One thing wrong with a client's input.
 *
 * @param field where: a dotted path into the request body ({@code gates.minAccuracy}, {@code
 *     searchSpace[2].max}) or a query parameter's name
 * @param message why, in words a client can act on
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
