package com.alphaleak.monitor;

import com.alphaleak.model.ModelSidecar;

/**
 * What the monitor knows about one live model besides its live rows.
 *
 * @param sidecar     the model's sidecar (PR-AUC, training feature histograms), or null when not found
 * @param bands       alert bands from the model's backtest, or null
 * @param bandsSource where the bands came from ({@code file}, {@code backtest}), or null
 */
public record ModelContext(String modelId, String target, ModelSidecar sidecar, AlertBands bands, String bandsSource) {

    public Double sidecarPrAuc() {
        return sidecar == null || sidecar.metrics() == null ? null : sidecar.metrics().prAucCalibrated();
    }
}
