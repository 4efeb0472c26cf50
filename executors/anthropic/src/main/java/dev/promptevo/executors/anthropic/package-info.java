/**
 * The {@code anthropic} backend plugin: Anthropic's Messages API ({@link
 * dev.promptevo.executors.anthropic.AnthropicBackendProvider}) on the shared resilience layer of
 * {@code promptevo-executor-http}.
 */
package dev.promptevo.executors.anthropic;
