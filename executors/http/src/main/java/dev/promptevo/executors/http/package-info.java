/**
 * The one retry and resilience layer of every HTTP model backend: {@link
 * dev.promptevo.executors.http.HttpModelBackend} sends what a provider's {@link
 * dev.promptevo.executors.http.WireProtocol} builds, with timeouts, retries (backoff with full jitter,
 * {@code Retry-After}), a concurrency limit, requests- and tokens-per-minute limits and a circuit
 * breaker; {@link dev.promptevo.executors.http.PriceTable} prices the calls and {@link
 * dev.promptevo.executors.http.ApiKey} keeps the key out of every message. Time and waiting come from
 * an {@link dev.promptevo.executors.http.HttpEnvironment}, so tests assert exact waits.
 *
 * <p>The test-jar of this module holds {@code BackendConformanceSuite}, the contract every HTTP
 * backend passes against a local fake of its wire protocol.
 */
package dev.promptevo.executors.http;
