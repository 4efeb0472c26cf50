/**
 * The domain layer: entities, value objects and repository interfaces for tasks, datasets and runs,
 * with the rules that decide whether a client's input is acceptable. No transactions, no HTTP.
 */
package dev.promptevo.web.domain;
