package dev.promptevo.api.model;

/** USD per million prompt (input) and completion (output) tokens. */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {
    public ModelPrice {
        if (inputPerMillion < 0 || outputPerMillion < 0) {
            throw new IllegalArgumentException("prices must be >= 0");
        }
    }

    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000.0;
    }
}
