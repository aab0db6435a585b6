package com.alphaleak.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the live system knows about a wallet at some instant: its history before the span plus
 * every trade, token resolution and observed 1 h outcome up to that instant. Outcomes and
 * resolutions arrive after the buy, so values written after a signal reflect that signal's fate:
 * the lookahead trap a point-in-time join must avoid.
 */
final class WalletHistoryState {
    /** Weight of the pre-span history in blended behaviour means (in entries). */
    static final int HISTORY_WEIGHT_CAP = 30;
    /** Buys kept for the median SOL size. */
    private static final int MEDIAN_WINDOW = 200;
    private static final double BASE_WIN_RATE = 0.08;

    private final WalletPopulation.WalletHistory prior;
    private final double w0;

    int trades;
    int entries;
    long rankSum;
    int resolved;
    int graduated;
    int outcomes;
    int wins;
    final Set<Integer> tokens = new HashSet<>();
    int top10;
    double ageSum;
    int under60;
    int under300;
    double solSum;
    double solSquares;
    double solMax;
    final List<Double> recentSol = new ArrayList<>();
    int followed;
    int exits;
    double holdSum;
    int soldWithin5m;

    WalletHistoryState(WalletPopulation.WalletHistory prior) {
        this.prior = prior;
        this.w0 = Math.min(prior.entries(), HISTORY_WEIGHT_CAP);
    }

    void buy(WalletEntry e) {
        trades++;
        entries++;
        rankSum += e.rank;
        tokens.add(e.token);
        top10 += e.rank <= 10 ? 1 : 0;
        double age = e.secondsAfterCreation();
        ageSum += age;
        under60 += age < 60 ? 1 : 0;
        under300 += age < 300 ? 1 : 0;
        solSum += e.sol;
        solSquares += e.sol * e.sol;
        solMax = Math.max(solMax, e.sol);
        recentSol.add(e.sol);
        if (recentSol.size() > MEDIAN_WINDOW) {
            recentSol.remove(0);
        }
        followed += e.followed ? 1 : 0;
    }

    void sell(WalletEntry e) {
        trades++;
        exits++;
        holdSum += e.holdSeconds();
        soldWithin5m += e.holdSeconds() < 300 ? 1 : 0;
    }

    void resolve(WalletEntry e) {
        resolved++;
        graduated += e.resolution == TokenLife.Resolution.Kind.GRADUATED ? 1 : 0;
    }

    void outcome(WalletEntry e) {
        outcomes++;
        wins += e.win ? 1 : 0;
    }

    int totalEntries() {
        return prior.entries() + entries;
    }

    /** 0-100 skill score from the (shrunk) share of observed entries that reached 2x within 1 h. */
    Double alphaScore() {
        int n = prior.resolved() + outcomes;
        if (n == 0) {
            return null;
        }
        double posterior = (prior.wins() + wins + 2 * BASE_WIN_RATE) / (n + 2.0);
        return Math.round(1000 * (1 - Math.exp(-posterior / 0.15))) / 10.0;
    }

    Double winRate2x() {
        int n = prior.resolved() + outcomes;
        return n == 0 ? null : (prior.wins() + wins) / (double) n;
    }

    Double graduationRate() {
        int n = prior.resolved() + resolved;
        return n == 0 ? null : (prior.graduated() + graduated) / (double) n;
    }

    Double avgBuyRank() {
        int n = totalEntries();
        return n == 0 ? null : (prior.meanBuyRank() * prior.entries() + rankSum) / n;
    }

    double tradesKnown() {
        return prior.trades() + trades;
    }

    double tokensTraded() {
        return Math.round(prior.entries() * 0.9) + tokens.size();
    }

    /** Mean of a per-entry quantity, blending the history's mean with weight w0. */
    private Double blend(double priorMean, double inSpanSum, int inSpanCount) {
        double w = inSpanCount + w0;
        return w == 0 ? null : (w0 * priorMean + inSpanSum) / w;
    }

    Double pctTop10() {
        return blend(prior.pctTop10(), top10, entries);
    }

    Double avgSecondsAfterCreation() {
        return blend(prior.meanSecondsAfterCreation(), ageSum, entries);
    }

    Double pctUnder60() {
        return blend(prior.pctUnder60(), under60, entries);
    }

    Double pctUnder300() {
        return blend(prior.pctUnder300(), under300, entries);
    }

    Double avgSol() {
        return blend(prior.meanSol(), solSum, entries);
    }

    Double medianSol() {
        if (recentSol.size() >= 5 || (prior.entries() == 0 && !recentSol.isEmpty())) {
            return median(recentSol);
        }
        return prior.entries() > 0 ? Double.valueOf(prior.medianSol()) : null;
    }

    Double solStddev() {
        double w = entries + w0;
        if (w < 2) {
            return null;
        }
        Double mean = avgSol();
        double priorSquares = prior.solStddev() * prior.solStddev() + prior.meanSol() * prior.meanSol();
        double second = (w0 * priorSquares + solSquares) / w;
        return Math.sqrt(Math.max(0, second - mean * mean));
    }

    Double maxSol() {
        double m = Math.max(prior.entries() > 0 ? prior.maxSol() : 0, solMax);
        return totalEntries() == 0 ? null : m;
    }

    Double followShare() {
        return blend(prior.followShare(), followed, entries);
    }

    Double avgHold() {
        return blend(prior.meanHold(), holdSum, exits);
    }

    Double pctSoldWithin5m() {
        return blend(prior.pctSoldWithin5m(), soldWithin5m, exits);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
