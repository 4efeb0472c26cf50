/**
 * The application layer: services that are the transaction boundaries (one transaction per request),
 * and the launcher that claims runs and runs them on the server's managed executor, recording their
 * model calls so that a restart repeats none.
 */
package dev.promptevo.web.application;
