package dev.promptevo.executors.simulated;

/** The few distribution functions the closed-form expectations need. */
final class Distributions {
    private static final double TABLE_LIMIT = 9;
    private static final double TABLE_STEP = 1e-3;
    private static final double[] NORMAL_CDF_TABLE = normalCdfTable();

    private Distributions() {}

    static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * The standard normal CDF, via the complementary error function of Numerical Recipes (erfcc,
     * fractional error below 1.2e-7).
     */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2.0));
    }

    /** {@link #normalCdf} by linear interpolation in a table (error below 1e-7), for inner loops. */
    static double normalCdfTabulated(double x) {
        if (x <= -TABLE_LIMIT) {
            return 0;
        }
        if (x >= TABLE_LIMIT) {
            return 1;
        }
        double position = (x + TABLE_LIMIT) / TABLE_STEP;
        int index = (int) position;
        double fraction = position - index;
        return NORMAL_CDF_TABLE[index] + fraction * (NORMAL_CDF_TABLE[index + 1] - NORMAL_CDF_TABLE[index]);
    }

    private static double[] normalCdfTable() {
        int size = (int) Math.round(2 * TABLE_LIMIT / TABLE_STEP) + 2;
        double[] table = new double[size];
        for (int i = 0; i < size; i++) {
            table[i] = normalCdf(-TABLE_LIMIT + i * TABLE_STEP);
        }
        return table;
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    /** P(X > n / 2) for X ~ Binomial(n, p): the chance that a strict majority of n trials succeed. */
    static double strictMajority(int n, double p) {
        double total = 0;
        for (int k = n / 2 + 1; k <= n; k++) {
            total += binomialCoefficient(n, k) * Math.pow(p, k) * Math.pow(1 - p, n - k);
        }
        return total;
    }

    private static double binomialCoefficient(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
