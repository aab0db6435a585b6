package com.alphaleak.sample;

/**
 * The oracle without foresight: the probability that a target hits, for a token whose parameters
 * (drift, volatility, activity profile, rug hazard) are known, but whose future is not.
 *
 * <p>The plain oracle ({@link TokenLatents#probabilityOfMultiple}) conditions on when trading
 * stops, and that instant is a future event: the rug time and the death jitter are drawn at
 * creation but happen after most signals. No model can know them at signal time, so the plain
 * oracle's PR-AUC is not a reachable target. This class integrates them out with the
 * generator's own distributions, conditioned on what is known at the start of the measurement
 * (trading still runs):
 * <pre>
 *   end = rug time R      if a rug is drawn (chance c) and R &lt; death D(u)
 *       = death D(u)      otherwise;   u ~ U[DEATH_JITTER_LOW, DEATH_JITTER_HIGH)
 *   R   = max(MIN_RUG, m * exp(RUG_SIGMA * Z)),  m = rugMedianSeconds(life)
 *   p   = E[ P(reach | end) | end &gt; start ]
 * </pre>
 * The expectation over u uses Gauss-Legendre nodes, over R a midpoint rule in Z on the part of
 * (start, start + horizon) where the rug would cut the window (a rug after the window's end
 * leaves the probability at its no-rug value).
 *
 * <p>Because the parameters are still known, this is an upper bound of what a model that sees
 * only observable inputs can reach (the Bayes-optimal probability given observables averages it
 * further over the parameters' posterior). It leaves out one more thing the generator does: signal
 * times are spread over the trading life, so a signal's placement carries a little information
 * about the end that this conditioning ignores.
 */
final class ForesightFreeOracle {
    private ForesightFreeOracle() {}

    /** Gauss-Legendre nodes and weights on [-1, 1] (4 points) for the death jitter. */
    private static final double[] JITTER_NODES = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
    private static final double[] JITTER_WEIGHTS = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};
    /** Midpoint-rule nodes over the rug times that cut the window short. */
    static final int RUG_NODES = 32;

    /** Probabilities of every target of {@code targets} for a measurement starting at the offset. */
    static double[] probabilities(TokenLatents t, OracleTargets targets, long fromOffset) {
        double[] p = new double[targets.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = probability(t, fromOffset, targets.horizonMicros[k], targets.multiples[k]);
        }
        return p;
    }

    /**
     * P(price reaches {@code multiple} x its value at {@code from} within {@code (from, from + horizon]})
     * with the trading end integrated out given that trading runs at {@code from}.
     */
    static double probability(TokenLatents t, long from, long horizon, double multiple) {
        double median = TokenLatents.rugMedianSeconds(t.lifeMinutes()) * WorldSpec.SECOND;
        double c = t.rugChance();
        double zFrom = rugZ(from, median);
        double fFrom = rugCdf(from, median);
        long windowEnd = from + horizon;
        double numerator = 0;
        double denominator = 0;
        for (int j = 0; j < JITTER_NODES.length; j++) {
            double u = 0.5 * (TokenLatents.DEATH_JITTER_LOW + TokenLatents.DEATH_JITTER_HIGH)
                    + 0.5 * (TokenLatents.DEATH_JITTER_HIGH - TokenLatents.DEATH_JITTER_LOW) * JITTER_NODES[j];
            double w = 0.5 * JITTER_WEIGHTS[j];
            long death = TokenLatents.deathOffset(t.lifeMinutes(), t.tail() * u);
            if (death <= from) {
                // This death would have stopped trading already: impossible given the start, unless a rug
                // was drawn after it... which cannot stop trading either. No mass.
                continue;
            }
            double fDeath = rugCdf(death, median);
            double noRug = (1 - c) + c * (1 - fDeath);
            double num = noRug * t.probabilityOfMultiple(from, horizon, multiple, death);
            double den = noRug;
            // Rugs in (from, death): cut the window only while before its end.
            long cutEnd = Math.min(death, windowEnd);
            if (cutEnd > from) {
                double zTo = rugZ(cutEnd, median);
                double mass = rugCdf(cutEnd, median) - fFrom;
                if (mass > 0) {
                    num += c * cutRugs(t, from, horizon, multiple, median, zFrom, zTo, mass);
                }
            }
            if (death > windowEnd) {
                double late = fDeath - rugCdf(windowEnd, median);
                num += c * late * t.probabilityOfMultiple(from, horizon, multiple, death);
            }
            den += c * (fDeath - fFrom);
            numerator += w * num;
            denominator += w * den;
        }
        if (!(denominator > 0)) {
            return t.probabilityOfMultiple(from, horizon, multiple);
        }
        return Math.min(1.0, Math.max(0.0, numerator / denominator));
    }

    /** Integral of P(reach | end = R) over rug times in (from, cut], as a probability mass times a mean. */
    private static double cutRugs(TokenLatents t, long from, long horizon, double multiple, double median,
                                  double zFrom, double zTo, double mass) {
        double sum = 0;
        double weight = 0;
        // The point mass at MIN_RUG sits in the interval when from < MIN_RUG.
        if (from < TokenLatents.MIN_RUG) {
            double atMin = NormalDistribution.cdf(rugZ(TokenLatents.MIN_RUG, median));
            sum += atMin * t.probabilityOfMultiple(from, horizon, multiple, TokenLatents.MIN_RUG);
            weight += atMin;
            zFrom = rugZ(TokenLatents.MIN_RUG, median);
        }
        double lo = Math.max(zFrom, -8);
        double hi = Math.min(zTo, 8);
        if (hi > lo) {
            double step = (hi - lo) / RUG_NODES;
            for (int k = 0; k < RUG_NODES; k++) {
                double z = lo + (k + 0.5) * step;
                double d = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * step;
                long r = (long) (median * Math.exp(TokenLatents.RUG_SIGMA * z));
                sum += d * t.probabilityOfMultiple(from, horizon, multiple, Math.max(from + 1, r));
                weight += d;
            }
        }
        // Normalise the quadrature to the exact mass, so its error only affects the mean.
        return weight > 0 ? mass * sum / weight : 0;
    }

    /** Standardised log rug time: rug draws below MIN_RUG are lifted to it. */
    private static double rugZ(long micros, double median) {
        return Math.log(Math.max(1, micros) / median) / TokenLatents.RUG_SIGMA;
    }

    /** P(R <= micros), with R's point mass at MIN_RUG. */
    private static double rugCdf(long micros, double median) {
        return micros < TokenLatents.MIN_RUG ? 0 : NormalDistribution.cdf(rugZ(micros, median));
    }
}
