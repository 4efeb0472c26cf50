package dev.promptevo.web.domain.run;

/** Server-side bounds on what one run may ask for (configuration, not client input). */
public record RunLimits(int maxPopulation, int maxGenerations, int maxConcurrency) {
    public static final RunLimits DEFAULTS = new RunLimits(256, 1000, 256);
}
