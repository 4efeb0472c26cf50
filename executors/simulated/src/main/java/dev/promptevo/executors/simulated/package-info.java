/**
 * A seeded, documented simulated LLM for demos, tests and benchmarks: {@link
 * dev.promptevo.executors.simulated.SimulatedBackendProvider} (plugin id {@code simulated}) makes a
 * {@link dev.promptevo.executors.simulated.SimulatedBackend}, whose parameters live in {@link
 * dev.promptevo.executors.simulated.SimulatorParameters}, and {@link
 * dev.promptevo.executors.simulated.SimulatorTruth} computes what it does on average.
 */
package dev.promptevo.executors.simulated;
