/**
 * The application layer: services that are the transaction boundaries (one transaction per request),
 * and the launcher that runs optimizations on the server's managed executor.
 */
package dev.promptevo.web.application;
