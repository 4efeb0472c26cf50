package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.security.Caller;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JPQL form of {@link Caller#canSee}: a WHERE clause that keeps the rows of an entity with an
 * {@code owner} ({@link dev.promptevo.web.domain.security.Ownership}) that a caller may see, so that
 * lists and their totals hold only those.
 */
final class VisibleTo {
    private final String alias;
    private final Caller viewer;

    VisibleTo(String alias, Caller viewer) {
        this.alias = alias;
        this.viewer = viewer;
    }

    /** {@code " WHERE ..."}, or {@code ""} when the caller sees everything. */
    String where() {
        return where(Optional.empty());
    }

    /** The visibility condition and {@code also} (when present), joined by AND, as a WHERE clause. */
    String where(Optional<String> also) {
        List<String> conditions = new ArrayList<>();
        condition().ifPresent(conditions::add);
        also.ifPresent(conditions::add);
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
        if (!viewer.isAdmin()) {
            query.setParameter("viewerSubject", viewer.subject());
            viewer.team().ifPresent(team -> query.setParameter("viewerTeam", team));
        }
        return query;
    }

    private Optional<String> condition() {
        if (viewer.isAdmin()) {
            return Optional.empty();
        }
        String own = "(" + alias + ".owner.team IS NULL AND " + alias + ".owner.subject = :viewerSubject)";
        return Optional.of(viewer.team().isPresent() ? "(" + alias + ".owner.team = :viewerTeam OR " + own + ")" : own);
    }
}
