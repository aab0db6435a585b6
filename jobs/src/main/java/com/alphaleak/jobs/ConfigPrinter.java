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
            sb.append("  ").append(t.describe()).append(t.maxAge().map(a -> " max-age=" + duration(a)).orElse("")).append('\n');
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
        // Only where the credentials come from, never a credential (the configuration holds none).
        sb.append("ingest: url=").append(c.ingest().url().orElse("(not set)")).append(" credentials=")
                .append(c.ingest().secretsFile().map(f -> "file " + f).orElse("env " + c.ingest().userEnv() + "/" + c.ingest().passwordEnv()))
                .append(" sources=").append(c.ingest().sources().stream().map(s -> s.name() + ":" + s.mode().configName()).toList()).append('\n');
        sb.append("monitor: window=").append(duration(c.monitor().window())).append(" step=").append(duration(c.monitor().step()))
                .append(" windows=").append(c.monitor().windows()).append(" models=").append(c.monitor().models())
                .append(" history=").append(c.monitor().history()).append('\n');
        return sb.toString();
    }

    /** A duration as it is written in the configuration (2d, 15m), not as ISO-8601 (PT48H). */
    static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0) return ms / 60_000L + "m";
        if (ms % 1_000L == 0) return ms / 1_000L + "s";
        return ms + "ms";
    }
}
