package com.alphaleak.sample;

/**
 * The hidden dynamics of one token. Its log price (relative to the launch price) is Brownian
 * motion with drift {@code drift} and volatility {@code volatility} per minute of "activity time"
 * tau(t) = life * (1 - exp(-t / life)) + tail * T * (1 - exp(-t / T)) with T = 3 h: trading
 * activity fades fast after launch (most tokens move only in their first minutes), and tokens
 * with a community keep a slow tail of activity for hours. The time change is deterministic, so
 * the running maximum over any window stays analytic. Trading stops at death, or at a rug (the creator
 * dumps: the price falls by {@code crash} in log terms and stays there).
 *
 * @param potential    latent potential g (see {@link TokenPotential})
 * @param drift        log-price drift per activity minute
 * @param volatility   log-price volatility per square root of activity minute
 * @param lifeMinutes  decay time scale of the launch activity
 * @param tail         activity of the slow tail relative to launch activity
 * @param deathOffset  micros after creation when trading stops (without a rug)
 * @param rugOffset    micros after creation of the rug, or {@link Long#MAX_VALUE} when none
 * @param crash        log-price fall at the rug
 * @param devSol       SOL of the creator's (and bundle's) buys at launch
 * @param bundleBuys   buys in the launch bundle (0 when not bundled)
 * @param buyRate      untracked buys per second at launch (decays like activity)
 * @param rugChance    probability that a rug time was drawn (it happens only if drawn before death);
 *                     kept so the oracle without foresight ({@link ForesightFreeOracle}) can
 *                     integrate over the rug instead of knowing it
 */
record TokenLatents(double potential, int regime, double drift, double volatility, double lifeMinutes, double tail,
                    long deathOffset, long rugOffset, double crash, double devSol, int bundleBuys, double buyRate,
                    double rugChance) {

    /** Curve graduation: 85 SOL real reserves, i.e. virtual SOL 30 -> 115 on a constant-product curve. */
    static final double GRADUATION_LOG_PRICE = 2.0 * Math.log(115.0 / 30.0);
    static final long MAX_LIFE = 36 * WorldSpec.HOUR;
    static final double TAIL_MINUTES = 180;
    /*
     * Bounds keep the best tokens' total log-drift in a believable range (peaks of hundreds, not
     * millions, of x): activity time is at most about MAX_LIFE_MINUTES + MAX_TAIL * TAIL_MINUTES.
     */
    static final double MAX_LIFE_MINUTES = 30;
    static final double MAX_TAIL = 0.08;
    static final double MAX_DRIFT = 0.1;
    /** Trading stops once activity falls below this share of the launch activity. */
    static final double DEATH_ACTIVITY = 0.03;
    /** Death comes when the tail, scaled by a uniform draw in [low, high), has faded (a future event). */
    static final double DEATH_JITTER_LOW = 0.8;
    static final double DEATH_JITTER_HIGH = 1.2;
    /** Rug time: log-normal around the launch activity's time scale, never before {@link #MIN_RUG}. */
    static final double RUG_SIGMA = 0.8;
    static final long MIN_RUG = 5 * WorldSpec.SECOND;

    static TokenLatents draw(Rng r, double potential, int regime, boolean bundled, double creatorRugLogit) {
        double volatility = 0.45 * Math.exp(0.15 * r.gaussian());
        double life = Math.min(MAX_LIFE_MINUTES, Math.max(0.3, Math.exp(Math.log(1.3) + 0.6 * potential + 0.8 * r.gaussian())));
        double tail = Math.min(MAX_TAIL, 0.012 * Math.exp(potential + 0.5 * r.gaussian()));
        long death = deathOffset(life, tail * r.uniform(DEATH_JITTER_LOW, DEATH_JITTER_HIGH));
        double drift = Math.min(MAX_DRIFT, -0.45 + 0.2 * potential - 0.08 * regime);
        double pRug = 1 / (1 + Math.exp(-(creatorRugLogit + (bundled ? 1.0 : 0.0) - 0.4 * potential + 0.3 * regime)));
        long rug = Long.MAX_VALUE;
        double crashDraw = r.uniform(2.0, 3.5);
        long rugDraw = Math.max(MIN_RUG, (long) (r.logNormal(rugMedianSeconds(life), RUG_SIGMA) * WorldSpec.SECOND));
        if (r.chance(pRug) && rugDraw < death) {
            rug = rugDraw;
        }
        int bundleBuys = bundled ? 2 + r.poisson(4) : 0;
        double devSol = r.uniform(0.2, 2.5) + (bundled ? bundleBuys * r.uniform(0.4, 1.2) : 0);
        double buyRate = 0.35 * Math.exp(0.6 * potential) * (bundled ? 1.3 : 1.0);
        return new TokenLatents(potential, regime, drift, volatility, life, tail, death, rug, crashDraw, devSol, bundleBuys, buyRate,
                pRug);
    }

    /** Median of the rug time draw, in seconds after creation. */
    static double rugMedianSeconds(double lifeMinutes) {
        return 60 * lifeMinutes;
    }

    boolean rugged() {
        return rugOffset != Long.MAX_VALUE;
    }

    /** Micros after creation when trading stops (rug or death). */
    long tradingEnd() {
        return Math.min(deathOffset, rugOffset);
    }

    /** Activity time (minutes) elapsed at the given offset; frozen once trading stops. */
    double activityTime(long offsetMicros) {
        return activityTime(offsetMicros, tradingEnd());
    }

    /** Activity time (minutes) elapsed at the offset if trading stopped at {@code endMicros}. */
    double activityTime(long offsetMicros, long endMicros) {
        double minutes = Math.min(Math.max(0, offsetMicros), endMicros) / (double) WorldSpec.MINUTE;
        return lifeMinutes * -Math.expm1(-minutes / lifeMinutes) + tail * TAIL_MINUTES * -Math.expm1(-minutes / TAIL_MINUTES);
    }

    /** Smallest offset whose activity time reaches {@code tau} (bisection; tau within the trading life). */
    long offsetAtActivity(double tau) {
        long lo = 0;
        long hi = tradingEnd();
        while (hi - lo > 1000) {
            long mid = lo + (hi - lo) / 2;
            if (activityTime(mid) < tau) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** Micros after creation when activity (launch decay plus the given tail) falls to {@link #DEATH_ACTIVITY}. */
    static long deathOffset(double life, double tail) {
        double lo = 0;
        double hi = MAX_LIFE / (double) WorldSpec.MINUTE;
        if (Math.exp(-hi / life) + tail * Math.exp(-hi / TAIL_MINUTES) > DEATH_ACTIVITY) {
            return MAX_LIFE;
        }
        for (int k = 0; k < 60; k++) {
            double mid = 0.5 * (lo + hi);
            if (Math.exp(-mid / life) + tail * Math.exp(-mid / TAIL_MINUTES) > DEATH_ACTIVITY) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (long) (hi * WorldSpec.MINUTE);
    }

    /** Log price right after launch: the creator's and bundle's buys lift it off the curve's start. */
    double launchLogPrice() {
        return 2.0 * Math.log((30.0 + devSol) / 30.0);
    }

    /** Expected untracked buys from creation to the offset. */
    double cumulativeBuys(long offsetMicros) {
        return buyRate * 60.0 * activityTime(offsetMicros);
    }

    /**
     * Latent probability that the price reaches {@code multiple} x its value at {@code fromOffset}
     * within {@code (fromOffset, fromOffset + horizon]}: exact for this token's price process.
     */
    double probabilityOfMultiple(long fromOffset, long horizonMicros, double multiple) {
        return probabilityOfMultiple(fromOffset, horizonMicros, multiple, tradingEnd());
    }

    /** As {@link #probabilityOfMultiple(long, long, double)} if trading stopped at {@code endMicros}. */
    double probabilityOfMultiple(long fromOffset, long horizonMicros, double multiple, long endMicros) {
        double duration = activityTime(fromOffset + horizonMicros, endMicros) - activityTime(fromOffset, endMicros);
        return BrownianMaximum.probabilityAtLeast(drift, volatility, duration, Math.log(multiple));
    }
}
