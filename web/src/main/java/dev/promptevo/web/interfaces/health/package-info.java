/** MicroProfile Health checks: liveness of the application, readiness of its database. */
package dev.promptevo.web.interfaces.health;
