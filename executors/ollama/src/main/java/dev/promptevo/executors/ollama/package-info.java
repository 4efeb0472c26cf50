/**
 * The {@code ollama} backend plugin: Ollama's native {@code /api/chat} ({@link
 * dev.promptevo.executors.ollama.OllamaBackendProvider}) on the shared resilience layer of {@code
 * promptevo-executor-http}. (Ollama's OpenAI-compatible {@code /v1} works with the {@code openai}
 * plugin too, but cannot set {@code num_ctx} or refuse silent truncation.)
 */
package dev.promptevo.executors.ollama;
