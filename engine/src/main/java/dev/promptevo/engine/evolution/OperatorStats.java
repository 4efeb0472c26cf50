package dev.promptevo.engine.evolution;

/**
 * How often an operator's children beat their parents.
 *
 * @param children fully evaluated children it took part in making
 * @param successes those whose composite beat the best of their parents
 */
public record OperatorStats(String operator, int children, int successes) {
    public double successRate() {
        return children == 0 ? 0.0 : (double) successes / children;
    }
}
