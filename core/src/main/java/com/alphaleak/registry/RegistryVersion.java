package com.alphaleak.registry;

import com.alphaleak.config.ConfigEnum;
import com.alphaleak.contracts.Contracts;

/**
 * The feature registry versions this build knows, each with the event table it describes. A
 * dataset's {@code registry} setting must name a version of that dataset's event table, so
 * {@code datasets.signal.registry = genesis_v1} or an unknown {@code signal_v9} fail at load.
 */
public enum RegistryVersion implements ConfigEnum {
    SIGNAL_V1(FeatureRegistry.SIGNAL_V1, Contracts.SIGNALS.name()),
    GENESIS_V1(FeatureRegistry.GENESIS_V1, Contracts.GENESIS_WINDOWS.name());

    private final String configName;
    private final String eventTable;

    RegistryVersion(String configName, String eventTable) {
        this.configName = configName;
        this.eventTable = eventTable;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Contract name of the table with one row per training example. */
    public String eventTable() {
        return eventTable;
    }

    @Override
    public String toString() {
        return configName;
    }
}
