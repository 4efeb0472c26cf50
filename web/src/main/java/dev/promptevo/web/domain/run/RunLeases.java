package dev.promptevo.web.domain.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which server instance runs a run: a lease (owner instance id, expiry) on each active run, so that
 * two servers on one database never both start or resume it. A server claims a run before it runs
 * it, renews its leases while the runs go on, and releases them when it stops; a lease that has
 * expired (its server died or lost the database) can be claimed by another server.
 *
 * @apiNote Every method is its own statement, committed at once (not part of a caller's transaction):
 *     a lease must be visible to the other servers as soon as it is taken.
 */
public interface RunLeases {

    /** An active run no live server holds, with its status (RUNNING to resume, QUEUED to start). */
    record Claimable(String runId, RunStatus status) {}

    /**
     * Takes the lease of an active run for {@code owner} until {@code now + ttl}: one conditional
     * UPDATE, which only one server can win while the lease is free or expired (or held by {@code
     * owner} already).
     *
     * @return whether {@code owner} now holds it
     */
    boolean claim(String runId, String owner, Instant now, Duration ttl);

    /**
     * Extends {@code owner}'s leases of {@code runIds} to {@code now + ttl}.
     *
     * @return the runs whose lease {@code owner} still held (the others were taken over)
     */
    Set<String> renew(String owner, Collection<String> runIds, Instant now, Duration ttl);

    /** Gives up {@code owner}'s lease of the run (nothing when another server holds it). */
    void release(String owner, String runId);

    /**
     * Active runs whose lease is free or expired at {@code now}: RUNNING ones first (a server died
     * while running them), then QUEUED ones, each oldest first.
     */
    List<Claimable> claimable(Instant now, int limit);
}
