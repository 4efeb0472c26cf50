package dev.promptevo.web.infrastructure.persistence;

import dev.promptevo.web.domain.run.RunLeases;
import dev.promptevo.web.domain.run.RunStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Run leases in the {@code run} table's {@code lease_owner} and {@code lease_expires_at} (epoch
 * milliseconds, so that H2 and PostgreSQL compare them alike), with plain JDBC statements on the
 * application's data source. The columns are not mapped by the {@code Run} entity: nothing JPA
 * caches or writes back can undo a lease another server took.
 */
@ApplicationScoped
public class JdbcRunLeases implements RunLeases {
    private static final String ACTIVE = "status IN ('" + RunStatus.QUEUED + "', '" + RunStatus.RUNNING + "')";
    private static final String FREE_AT = "(lease_owner IS NULL OR lease_expires_at < ?)";

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    protected JdbcRunLeases() {}

    /** Leases kept in {@code dataSource}'s database (the schema of the migrations). */
    public JdbcRunLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean claim(String runId, String owner, Instant now, Duration ttl) {
        String sql = "UPDATE run SET lease_owner = ?, lease_expires_at = ? WHERE id = ? AND " + ACTIVE
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at < ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, owner);
            update.setLong(2, now.plus(ttl).toEpochMilli());
            update.setString(3, runId);
            update.setString(4, owner);
            update.setLong(5, now.toEpochMilli());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed("claim the lease of run " + runId, e);
        }
    }

    @Override
    public Set<String> renew(String owner, Collection<String> runIds, Instant now, Duration ttl) {
        Set<String> held = new LinkedHashSet<>();
        // Not only active runs: a run that just ended is still its worker's until the worker leaves.
        String sql = "UPDATE run SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            for (String runId : runIds) {
                update.setLong(1, now.plus(ttl).toEpochMilli());
                update.setString(2, runId);
                update.setString(3, owner);
                if (update.executeUpdate() == 1) {
                    held.add(runId);
                }
            }
            return held;
        } catch (SQLException e) {
            throw failed("renew leases", e);
        }
    }

    @Override
    public void release(String owner, String runId) {
        String sql = "UPDATE run SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, runId);
            update.setString(2, owner);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failed("release the lease of run " + runId, e);
        }
    }

    @Override
    public List<Claimable> claimable(Instant now, int limit) {
        String sql = "SELECT id, status FROM run WHERE " + ACTIVE + " AND " + FREE_AT
                + " ORDER BY CASE WHEN status = '" + RunStatus.RUNNING + "' THEN 0 ELSE 1 END, created_at, id"
                + " LIMIT ?";
        List<Claimable> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, now.toEpochMilli());
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new Claimable(rows.getString(1), RunStatus.valueOf(rows.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("find runs to claim", e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
