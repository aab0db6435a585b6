package com.alphaleak.jobs;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableLocation;

/** Human-readable summary of a configuration for logs and {@code show-config}. */
final class ConfigPrinter {
    private ConfigPrinter() {}

    static String describe(AlphaLeakConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append("run: seed=").append(c.run().seed()).append(" work-dir=").append(c.run().workDir()).append('\n');
        sb.append("spark: master=").append(c.spark().master().orElse("(from spark-submit)"))
                .append(" shuffle-partitions=").append(c.spark().shufflePartitions()).append('\n');
        sb.append("tables:\n");
        for (TableLocation t : c.tables().all()) {
            sb.append("  ").append(t.describe()).append(t.maxAge().map(a -> " max-age=" + a).orElse("")).append('\n');
        }
        sb.append("split: validation=").append(c.split().validationFraction())
                .append(" calibration=").append(c.split().calibrationFraction()).append('\n');
        sb.append("datasets: ").append(c.datasets().output()).append('\n');
        for (AlphaLeakConfig.DatasetSettings d : c.datasets().all()) {
            sb.append("  ").append(d.name()).append(": registry=").append(d.registry()).append(" targets=")
                    .append(d.targets()).append('\n');
        }
        sb.append("tuning: trials=").append(c.tuning().trials()).append(" mode=").append(c.tuning().mode())
                .append(" space=").append(c.tuning().space().stream().map(p -> p.name()).toList()).append('\n');
        sb.append("export: precision=").append(c.export().precision()).append(" output=").append(c.export().output()).append('\n');
        sb.append("publish: root=").append(c.publish().root()).append('\n');
        return sb.toString();
    }
}
