/** The engine's plugins and run wiring as the server sees them: discovery, backend settings from configuration. */
package dev.promptevo.web.infrastructure.engine;
