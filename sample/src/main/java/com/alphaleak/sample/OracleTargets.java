package com.alphaleak.sample;

import com.alphaleak.contracts.TargetSpec;

import java.io.Serializable;
import java.util.List;

/** The targets whose latent probability the simulator writes to the oracle table. */
final class OracleTargets implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The pipeline's default targets. */
    static final List<String> DEFAULT = List.of("reach_2x_10m", "reach_3x_30m", "reach_2x_1h", "reach_2x_4h", "reach_5x_24h");

    final String[] names;
    final double[] multiples;
    final long[] horizonMicros;

    OracleTargets(List<TargetSpec> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("oracle targets must not be empty");
        }
        names = new String[targets.size()];
        multiples = new double[targets.size()];
        horizonMicros = new long[targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            TargetSpec t = targets.get(k);
            names[k] = t.name();
            multiples[k] = t.multiple();
            horizonMicros[k] = t.horizon().duration().toNanos() / 1000;
        }
    }

    static OracleTargets defaults() {
        return new OracleTargets(DEFAULT.stream().map(TargetSpec::parse).toList());
    }

    int size() {
        return names.length;
    }

    /** Latent probability of every target for a measurement starting at the offset. */
    double[] probabilities(TokenLatents token, long fromOffset) {
        double[] p = new double[names.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = token.probabilityOfMultiple(fromOffset, horizonMicros[k], multiples[k]);
        }
        return p;
    }
}
