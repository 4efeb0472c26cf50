package dev.promptevo.web.domain;

import java.util.ArrayList;
import java.util.List;

/** Which slice of a list a client asked for: {@code offset} (from 0) and {@code limit} (1 to {@link #MAX_LIMIT}). */
public record PageRequest(int offset, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    /** Checks the query parameters, naming each one at fault; absent ones take their defaults. */
    public static PageRequest of(Integer offset, Integer limit) {
        List<Violation> violations = new ArrayList<>();
        int o = offset == null ? 0 : offset;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            violations.add(new Violation("offset", "must be >= 0, got " + o));
        }
        if (l < 1 || l > MAX_LIMIT) {
            violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT + ", got " + l));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new PageRequest(o, l);
    }
}
