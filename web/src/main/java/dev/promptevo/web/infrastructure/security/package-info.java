/**
 * The embedded token issuer: the signing key pair the server makes in its data directory on first
 * start, owner-only files for secrets, and JWT signing for MP-JWT verification.
 */
package dev.promptevo.web.infrastructure.security;
