package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableFormat;
import com.alphaleak.config.TableLocation;

import java.nio.file.Path;
import java.time.Instant;

/** Table locations and sample settings for tests. */
final class SampleTables {
    private SampleTables() {}

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    static AlphaLeakConfig.Tables under(Path root) {
        return new AlphaLeakConfig.Tables(loc(root, "signals"), loc(root, "outcomes"), loc(root, "wallet_snapshots"),
                loc(root, "wallet_features"), loc(root, "creator_stats"), loc(root, "token_state"),
                loc(root, "graph_scores"), loc(root, "market_regime"), loc(root, "genesis_windows"),
                loc(root, "genesis_outcomes"), loc(root, "oracle"));
    }

    static AlphaLeakConfig.Sample sample(int signals, int days, int wallets, int creators) {
        return new AlphaLeakConfig.Sample(signals, days, START, 0.7, 0.01, wallets, creators);
    }

    private static TableLocation loc(Path root, String name) {
        return TableLocation.ofPath(name.replace('_', '-'), root.resolve(name).toString(), TableFormat.DELTA);
    }
}
