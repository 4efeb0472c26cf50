/**
 * Runs: optimization jobs, their generations and their evaluated candidates; what lets a run outlive
 * a restart (its checkpoint, the model calls it completed since) and which server runs it (leases).
 */
package dev.promptevo.web.domain.run;
