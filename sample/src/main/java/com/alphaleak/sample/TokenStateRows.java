package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.List;

/** Converts a token's state feed into {@link RawSnapshots} rows of token_state. */
final class TokenStateRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RawRowBuilder layout = new RawRowBuilder(Contracts.TOKEN_STATE);

    void add(TokenLife life, List<TokenStateRow> states, List<Row> out) {
        for (TokenStateRow s : states) {
            out.add(layout.values()
                    .set("lifecycle_state", s.lifecycle())
                    .set("curve_progress", s.curveProgress())
                    .set("virtual_sol_reserves", s.virtualSol())
                    .set("virtual_token_reserves", s.virtualTokens())
                    .set("real_sol_reserves", s.realSol())
                    .set("holder_count", s.holders())
                    .set("top10_holder_share", s.top10Share())
                    .set("token_bundle_confidence", s.bundleConfidence())
                    .set("dev_holding_share", s.devShare())
                    .set("buys_60s", s.buys60())
                    .set("sells_60s", s.sells60())
                    .set("net_sol_flow_300s", s.netSolFlow300())
                    .set("unique_buyers_300s", s.uniqueBuyers300())
                    .row(s.knownAtMicros(), s.sequence(), life.id));
        }
    }
}
