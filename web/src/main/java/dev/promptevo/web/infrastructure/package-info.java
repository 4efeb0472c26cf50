/**
 * The infrastructure layer: how the domain's repositories, the database, the engine's plugins and the
 * server's configuration are reached on a Jakarta EE server.
 */
package dev.promptevo.web.infrastructure;
