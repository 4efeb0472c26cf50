package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.IssuedToken;
import dev.promptevo.web.domain.security.IssuedTokenRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaIssuedTokenRepository implements IssuedTokenRepository {
    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    @Override
    public void add(IssuedToken token) {
        em.persist(token);
    }

    @Override
    public Optional<IssuedToken> find(String id) {
        return Optional.ofNullable(em.find(IssuedToken.class, id));
    }

    @Override
    public Page<IssuedToken> list(PageRequest page) {
        long total =
                em.createQuery("SELECT COUNT(t) FROM IssuedToken t", Long.class).getSingleResult();
        var items = em.createQuery("SELECT t FROM IssuedToken t ORDER BY t.issuedAt DESC, t.id", IssuedToken.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    @Override
    public boolean isRevoked(String id) {
        return !em.createQuery(
                        "SELECT t.id FROM IssuedToken t WHERE t.id = :id AND t.revokedAt IS NOT NULL", String.class)
                .setParameter("id", id)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
