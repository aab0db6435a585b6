package com.alphaleak.config;

/**
 * Where the final model of a sampled search comes from ({@code alphaleak.tuning.sample.final-model}).
 * Both give the same trees (the confirmation's rows, bins, parameters, seed, threads and best
 * iteration); they differ in what produces the exported text model and what it costs.
 */
public enum SampledFinalModel implements ConfigEnum {
    /** The booster the best confirmation trained on every row, as it is: no second fit. */
    BOOSTER,
    /** The best confirmation replayed as a one-task SynapseML fit: a second full-row fit (about a minute per model at 1M signals). */
    SYNAPSEML_REPLAY;

    /** The {@link #configName()}: {@code booster}, {@code synapseml-replay}. */
    @Override
    public String toString() {
        return configName();
    }
}
