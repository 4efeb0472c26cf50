package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code items}, where it starts, how many were asked for, and how many there are in all. */
public record PageView<T>(List<T> items, int offset, int limit, long total) {
    public static <S, T> PageView<T> of(Page<S> page, Function<? super S, ? extends T> view) {
        Page<T> mapped = page.map(view);
        return new PageView<>(mapped.items(), mapped.offset(), mapped.limit(), mapped.total());
    }
}
