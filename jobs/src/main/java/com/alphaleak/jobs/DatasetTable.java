package com.alphaleak.jobs;

import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.DatasetWriter;

import java.util.Map;

/** The plain-text summary of built datasets printed at the end of build-dataset and run. */
final class DatasetTable {
    private DatasetTable() {}

    static String render(BuildDatasets.Result result) {
        StringBuilder sb = new StringBuilder();
        for (DatasetWriter.Outcome o : result.datasets()) {
            DatasetManifest m = o.manifest();
            sb.append(String.format("%n%s  %s  (%s, table version %d, %s)%n", m.dataset(), o.path(), m.registryVersion(),
                    m.tableVersion(), o.skipped() ? "unchanged" : "written"));
            sb.append(String.format("  rows %,d:", m.rows()));
            m.splits().forEach((split, s) -> sb.append(String.format("  %s %,d [%s .. %s]", split, s.rows(), s.from(), s.to())));
            sb.append(String.format("%n  %-16s", "positive rate"));
            m.splits().keySet().forEach(split -> sb.append(String.format("%22s", split)));
            sb.append(String.format("%18s%n", "excluded"));
            for (Map.Entry<String, Map<String, DatasetManifest.Rate>> t : m.positiveRates().entrySet()) {
                sb.append(String.format("  %-16s", t.getKey()));
                t.getValue().values().forEach(r -> sb.append(String.format("%22s",
                        r.rate() == null ? "-" : String.format("%.2f%% of %,d", 100 * r.rate(), r.labelled()))));
                DatasetManifest.Excluded e = m.excluded().get(t.getKey());
                sb.append(String.format("%18s%s%n", String.format("%,d", e.unmatured() + e.missing()),
                        m.skippedTargets().containsKey(t.getKey()) ? "  SKIPPED" : ""));
            }
            m.skippedTargets().forEach((target, why) -> sb.append(String.format("  skipped %s (not trained): %s%n", target, why)));
        }
        return sb.toString();
    }
}
