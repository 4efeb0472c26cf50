package dev.promptevo.web.domain;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer, stably ordered list.
 *
 * @param offset index of {@code items.get(0)} in the whole list
 * @param total length of the whole list
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), offset, limit, total);
    }
}
