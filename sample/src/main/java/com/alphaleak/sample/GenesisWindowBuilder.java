package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the GenesisWatcher's view of a token's first 60 seconds (30 s when the token is already
 * dead): trade flow, buyers, curve progress, bundle and sniper evidence, buyer quality and
 * metadata. The features are honest, noisy reflections of the token's latents (flow and curve
 * reflect its potential, bundle and dev evidence its rug risk), never of its future.
 */
final class GenesisWindowBuilder {
    /** Share of tokens the watcher missed (no window row). */
    static final double MISSED_RATE = 0.01;
    private static final long BUCKET = 10 * WorldSpec.SECOND;
    private static final int FEATURES = Contracts.GENESIS_WINDOW_FEATURES.size();

    private final TokenSimulator sim;

    GenesisWindowBuilder(TokenSimulator sim) {
        this.sim = sim;
    }

    /** The window, or null when the watcher missed the token or the window closes after "now". */
    GenesisWindow build(TokenLife life) {
        Rng r = Rng.of(sim.spec.seed(), Rng.Stream.TOKEN_GENESIS, life.index);
        TokenLatents t = life.latents;
        PricePath path = life.path;
        double x0 = t.launchLogPrice();
        boolean aborted = (t.rugged() && t.rugOffset() <= TokenSimulator.GENESIS_ABORT)
                || path.logPriceAt(path.index(TokenSimulator.GENESIS_ABORT)) < x0 - 0.5;
        long end = aborted ? TokenSimulator.GENESIS_ABORT : TokenSimulator.GENESIS_WINDOW;
        long knownAt = life.createdMicros + end + (long) (r.uniform(0.2, 3.0) * WorldSpec.SECOND);
        boolean missed = r.chance(MISSED_RATE);
        Map<String, Double> f = new HashMap<>();
        double seconds = end / (double) WorldSpec.SECOND;

        // Trade flow per 10 s bucket: buying follows activity and leans into price moves.
        int buckets = (int) (end / BUCKET);
        int[] buysPerBucket = new int[buckets];
        List<Double> buySizes = new ArrayList<>();
        double sellTotal = 0;
        double largestSell = 0;
        int sells = 0;
        double bundleSol = 0;
        for (int b = 0; b < t.bundleBuys(); b++) {
            double size = t.devSol() * 0.7 / t.bundleBuys() * r.logNormal(1, 0.2);
            buySizes.add(size);
            bundleSol += size;
        }
        for (int k = 0; k < buckets; k++) {
            long from = k * BUCKET;
            long to = from + BUCKET;
            double dx = path.logPriceAt(path.index(to)) - path.logPriceAt(path.index(from));
            double expected = t.cumulativeBuys(to) - t.cumulativeBuys(from);
            int buys = r.poisson(expected * Math.exp(0.8 * dx));
            buysPerBucket[k] = buys;
            for (int b = 0; b < buys; b++) {
                buySizes.add(r.logNormal(0.4, 1.0));
            }
            boolean rugHere = t.rugged() && t.rugOffset() > from && t.rugOffset() <= to;
            int s = r.poisson(0.35 * expected * Math.exp(-0.8 * dx)) + (rugHere ? 1 + r.poisson(2) : 0);
            sells += s;
            for (int b = 0; b < s; b++) {
                double size = rugHere && b == 0 ? t.devSol() * r.uniform(3, 8) : r.logNormal(0.5, 1.0);
                sellTotal += size;
                largestSell = Math.max(largestSell, size);
            }
        }
        List<SimSignal> tracked = new ArrayList<>();
        int snipers = r.poisson(0.5 + (t.bundleBuys() > 0 ? 1.5 : 0));
        double sniperSol = 0;
        for (int k = 0; k < snipers; k++) {
            sniperSol += r.logNormal(0.3, 0.5);
        }
        for (SimSignal s : life.signals) {
            if (s.offset < end) {
                tracked.add(s);
                buySizes.add(s.sol);
                int bucket = (int) Math.min(buckets - 1, s.offset / BUCKET);
                buysPerBucket[bucket]++;
                if (s.kind == WalletKind.BOT && s.offset < 5 * WorldSpec.SECOND) {
                    snipers++;
                    sniperSol += s.sol;
                }
            }
        }
        int buys = buySizes.size();
        double[] sizes = buySizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double buyTotal = Arrays.stream(sizes).sum();
        f.put("g_buys_count", (double) buys);
        f.put("g_sells_count", (double) sells);
        f.put("g_buy_sol_total", buyTotal);
        f.put("g_sell_sol_total", sellTotal);
        f.put("g_net_sol_flow", buyTotal - sellTotal);
        f.put("g_buy_sell_ratio", sells == 0 ? null : buys / (double) sells);
        f.put("g_trades_per_second", (buys + sells) / seconds);
        f.put("g_max_buy_sol", buys == 0 ? null : sizes[buys - 1]);
        f.put("g_median_buy_sol", buys == 0 ? null : median(sizes));
        f.put("g_buy_sol_stddev", buys < 2 ? null : stddev(sizes));
        f.put("g_first_buy_delay_ms", buys == 0 ? null : t.bundleBuys() > 0 ? r.uniform(0, 400)
                : Math.min(seconds * 1000, r.exponential(1000.0 / Math.max(0.05, t.buyRate())) + 300));
        int[] windows = {buysPerBucket[0], sum(buysPerBucket, 1, 3), sum(buysPerBucket, 3, 6)};
        f.put("g_buys_first_10s", (double) (windows[0] + t.bundleBuys()));
        f.put("g_buys_10_30s", (double) windows[1]);
        f.put("g_buys_30_60s", aborted ? null : (double) windows[2]);
        f.put("g_largest_sell_sol", largestSell);

        int uniqueBuyers = buys == 0 ? 0 : Math.max(1, (int) Math.round(buys * r.uniform(0.65, 0.95)));
        int uniqueSellers = sells == 0 ? 0 : Math.max(1, (int) Math.round(sells * r.uniform(0.6, 0.95)));
        f.put("g_unique_buyers", (double) uniqueBuyers);
        f.put("g_unique_sellers", (double) uniqueSellers);
        f.put("g_new_wallet_share", buys == 0 ? null : life.bundled ? r.uniform(0.5, 0.9) : r.uniform(0.1, 0.5));
        f.put("g_repeat_buyer_share", buys == 0 ? null : 1.0 - uniqueBuyers / (double) buys);
        f.put("g_buyers_first_10s", (double) Math.round((windows[0] + t.bundleBuys()) * r.uniform(0.7, 1.0)));
        int firstHalf = sum(buysPerBucket, 0, buckets / 2);
        int secondHalf = sum(buysPerBucket, buckets / 2, buckets);
        f.put("g_buyer_growth_rate", secondHalf / (firstHalf + 1.0));
        f.put("g_top_buyer_share", buyTotal > 0 ? sizes[buys - 1] / buyTotal : null);
        f.put("g_buyer_gini", buys < 2 ? null : gini(sizes));

        double xEnd = path.logPriceAt(path.index(end));
        double vSol = Curve.virtualSol(xEnd);
        f.put("g_curve_progress_end", Curve.progress(xEnd));
        f.put("g_curve_progress_30s", Curve.progress(path.logPriceAt(path.index(TokenSimulator.GENESIS_ABORT))));
        f.put("g_curve_velocity", (Curve.progress(xEnd) - Curve.progress(x0)) / seconds * 60);
        f.put("g_virtual_sol_reserves_end", vSol);
        f.put("g_virtual_token_reserves_end", Curve.virtualTokensMillions(vSol));
        f.put("g_real_sol_reserves_end", Curve.realSol(vSol));
        f.put("g_price_multiple_end", Math.exp(xEnd - x0));
        f.put("g_max_drawdown", maxDrawdown(path, end));

        boolean detected = life.bundled ? r.chance(0.85) : r.chance(0.03);
        double rugPropensity = 1 / (1 + Math.exp(-sim.creators.rugLogit[life.creator]));
        f.put("g_bundle_detected", detected ? 1.0 : 0.0);
        f.put("g_bundle_size", detected ? (double) (life.bundled ? t.bundleBuys() : 2 + r.poisson(1)) : 0.0);
        f.put("g_bundle_sol_share", detected && buyTotal > 0 ? Math.min(1, (life.bundled ? bundleSol : 0.5) / buyTotal) : 0.0);
        f.put("g_same_slot_buys", (double) (life.bundled ? t.bundleBuys() + r.poisson(1) : r.poisson(0.6)));
        f.put("g_sniper_count", (double) snipers);
        f.put("g_sniper_sol_share", buyTotal > 0 ? Math.min(1, sniperSol / buyTotal) : null);
        f.put("g_dev_buy_sol", t.devSol() * (life.bundled ? 0.3 : 1.0));
        boolean devSold = (t.rugged() && t.rugOffset() <= end) || r.chance(0.03 + 0.15 * rugPropensity);
        f.put("g_dev_sold", devSold ? 1.0 : 0.0);
        f.put("g_funded_by_creator_share", life.bundled ? r.uniform(0.3, 0.9) : r.uniform(0, 0.1) * (1 + rugPropensity));
        f.put("g_jito_tip_share", life.bundled ? r.uniform(0.2, 0.7) : r.uniform(0, 0.15));

        Set<Integer> knownWallets = new HashSet<>();
        double alphaSum = 0;
        double alphaMax = 0;
        double gradSum = 0;
        int gradCount = 0;
        double tradedSum = 0;
        int skilled = 0;
        int bots = 0;
        int copies = 0;
        for (SimSignal s : tracked) {
            if (!knownWallets.add(s.wallet)) {
                continue;
            }
            double alpha = Math.min(100, Math.max(0, sim.wallets.reputation(s.wallet) + r.normal(0, 8)));
            alphaSum += alpha;
            alphaMax = Math.max(alphaMax, alpha);
            skilled += alpha >= 70 ? 1 : 0;
            bots += s.kind == WalletKind.BOT ? 1 : 0;
            copies += s.kind == WalletKind.COPY_TRADER ? 1 : 0;
            WalletPopulation.WalletHistory h = sim.wallets.history[s.wallet];
            if (h.resolved() > 0) {
                gradSum += h.graduated() / (double) h.resolved();
                gradCount++;
            }
            tradedSum += h.entries();
        }
        int known = knownWallets.size();
        int otherKnown = r.poisson(0.3);
        int untrackedBots = r.poisson(0.4 + 0.1 * uniqueBuyers);
        double botShare = uniqueBuyers == 0 ? 0 : Math.min(1, (bots + untrackedBots) / (double) Math.max(uniqueBuyers, bots + untrackedBots));
        f.put("g_known_wallet_share", uniqueBuyers == 0 ? null : Math.min(1, (known + otherKnown) / (double) Math.max(uniqueBuyers, known + otherKnown)));
        f.put("g_known_wallet_count", (double) (known + otherKnown));
        f.put("g_mean_alpha_score", known == 0 ? null : alphaSum / known);
        f.put("g_max_alpha_score", known == 0 ? null : alphaMax);
        f.put("g_mean_buyer_graduation_rate", gradCount == 0 ? null : gradSum / gradCount);
        f.put("g_skilled_buyer_count", (double) skilled);
        f.put("g_bot_buyer_share", uniqueBuyers == 0 ? null : botShare);
        f.put("g_copy_trader_share", known == 0 ? null : copies / (double) known);
        f.put("g_mean_buyer_tokens_traded", known == 0 ? null : tradedSum / known);
        double insider = WalletPopulation.clamp01(sim.creators.insiderShare[life.creator]
                + (life.bundled ? r.uniform(0.05, 0.25) : 0) + r.normal(0, 0.03));
        f.put("g_insider_share", insider);
        f.put("g_top10_holder_share", WalletPopulation.clamp01((life.bundled ? 0.55 : 0.3) + 2.0 / Math.sqrt(uniqueBuyers + 1.0)
                + r.normal(0, 0.03)));
        f.put("g_holder_count", (double) Math.max(1, uniqueBuyers - uniqueSellers / 2 + 1));

        double g = t.potential();
        f.put("g_name_length", (double) (3 + r.nextInt(18)));
        f.put("g_has_socials", r.chance(sigmoid(0.6 * g - 0.3)) ? 1.0 : 0.0);
        f.put("g_has_website", r.chance(sigmoid(0.5 * g - 1.2)) ? 1.0 : 0.0);
        f.put("g_image_reused", r.chance(0.05 + 0.3 * rugPropensity) ? 1.0 : 0.0);

        double[] values = new double[FEATURES];
        for (int k = 0; k < FEATURES; k++) {
            String name = Contracts.GENESIS_WINDOW_FEATURES.get(k);
            if (!f.containsKey(name)) {
                throw new IllegalStateException("genesis feature " + name + " is not simulated");
            }
            Double v = f.get(name);
            values[k] = v == null ? Double.NaN : v;
        }
        Measurement outcome = Measurement.measure(path, t, sim.targets, life.createdMicros, end, r, TokenLife.LOSS_RATE);
        if (missed || knownAt > sim.spec.nowMicros()) {
            return null;
        }
        return new GenesisWindow(end, aborted, knownAt, values, outcome, insider, botShare);
    }

    /** Insider and bot-buyer shares as the creator's history sees them, also when the window was missed. */
    static double[] creatorView(GenesisWindow w, Rng fallback, double creatorInsider) {
        if (w != null) {
            return new double[]{w.insiderShare(), w.botBuyerShare()};
        }
        return new double[]{WalletPopulation.clamp01(creatorInsider + fallback.normal(0, 0.03)), fallback.uniform(0.1, 0.4)};
    }

    private static double maxDrawdown(PricePath path, long end) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (int k = 0; k < path.size() && path.offset(k) <= end; k++) {
            peak = Math.max(peak, path.logPriceAt(k));
            worst = Math.max(worst, peak - path.logPriceAt(k));
        }
        return -Math.expm1(-worst);
    }

    private static int sum(int[] a, int from, int to) {
        int s = 0;
        for (int i = from; i < Math.min(to, a.length); i++) {
            s += a[i];
        }
        return s;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double stddev(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** Gini coefficient of ascending non-negative values. */
    private static double gini(double[] sorted) {
        double total = 0;
        double weighted = 0;
        int n = sorted.length;
        for (int i = 0; i < n; i++) {
            total += sorted[i];
            weighted += (i + 1) * sorted[i];
        }
        return total == 0 ? 0 : (2 * weighted) / (n * total) - (n + 1.0) / n;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
