package dev.promptevo.operators;

/**
 * Adds Gaussian noise to {@code temperature}: sigma is {@value #SIGMA_SHARE} of the range (0.2 on the
 * seed's 0..2), clamped and snapped to the gene's resolution; a draw that lands back on the parent's
 * value is redrawn. See {@link Mutators#gaussian}.
 */
public final class TemperatureGaussian extends SeedMutation {
    public static final String ID = "mutate.temperature.gaussian";
    public static final double SIGMA_SHARE = 0.1;

    public TemperatureGaussian() {
        super(new GaussianMutation(ID, "temperature", SIGMA_SHARE));
    }
}
