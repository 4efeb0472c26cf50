/**
 * The {@code openai} backend plugin: the Chat Completions wire protocol ({@link
 * dev.promptevo.executors.openai.OpenAiBackendProvider}) on the shared resilience layer of {@code
 * promptevo-executor-http}. One protocol serves OpenAI and every compatible server, by base URL.
 */
package dev.promptevo.executors.openai;
