/** Runs: optimization jobs, their generations and their evaluated candidates. */
package dev.promptevo.web.domain.run;
