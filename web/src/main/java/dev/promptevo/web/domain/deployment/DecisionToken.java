package dev.promptevo.web.domain.deployment;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * What a decision id says: which deployment routed, to which arm (its position), when, and a nonce
 * that makes the decision unique. The server hands it out signed ({@code DecisionSigner}), so routing
 * stores nothing and a reward can still be checked: a valid signature proves the server issued it.
 *
 * @param deploymentId a UUID
 * @param nonce 16 bytes, unique per decision; its hex form is the decision's key in the rewards table
 */
public record DecisionToken(String deploymentId, int armPosition, Instant issuedAt, byte[] nonce) {
    public static final int NONCE_BYTES = 16;
    /** version (1), deployment UUID (16), arm position (4), issue time in ms (8), nonce (16). */
    public static final int PAYLOAD_BYTES = 1 + 16 + 4 + 8 + NONCE_BYTES;

    private static final byte FORMAT = 1;

    public DecisionToken {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce has " + NONCE_BYTES + " bytes");
        }
        if (armPosition < 0) {
            throw new IllegalArgumentException("arm position must be >= 0");
        }
        nonce = nonce.clone();
    }

    /** The decision's key: unique per decision, and what the rewards table is keyed by. */
    public String decisionId() {
        return HexFormat.of().formatHex(nonce);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    public boolean expired(Instant now, java.time.Duration ttl) {
        return issuedAt.plus(ttl).isBefore(now);
    }

    public byte[] payload() {
        UUID uuid = UUID.fromString(deploymentId);
        return ByteBuffer.allocate(PAYLOAD_BYTES)
                .put(FORMAT)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .putInt(armPosition)
                .putLong(issuedAt.toEpochMilli())
                .put(nonce)
                .array();
    }

    /**
     * The token a payload encodes.
     *
     * @throws IllegalArgumentException when the bytes are not a payload of this format
     */
    public static DecisionToken ofPayload(byte[] payload) {
        if (payload.length != PAYLOAD_BYTES || payload[0] != FORMAT) {
            throw new IllegalArgumentException("not a decision payload");
        }
        ByteBuffer in = ByteBuffer.wrap(payload, 1, PAYLOAD_BYTES - 1);
        UUID deployment = new UUID(in.getLong(), in.getLong());
        int position = in.getInt();
        Instant issued = Instant.ofEpochMilli(in.getLong());
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        return new DecisionToken(deployment.toString(), position, issued, nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionToken other
                && deploymentId.equals(other.deploymentId)
                && armPosition == other.armPosition
                && issuedAt.equals(other.issuedAt)
                && java.util.Arrays.equals(nonce, other.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deploymentId, armPosition, issuedAt) * 31 + java.util.Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "DecisionToken[" + deploymentId + ", arm " + armPosition + ", " + issuedAt + ", " + decisionId() + "]";
    }
}
