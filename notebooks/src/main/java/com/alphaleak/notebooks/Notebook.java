package com.alphaleak.notebooks;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.ManifestFiles;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.conf.Configuration;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the notebooks call: where the run's outputs are, one local Spark session, and rich
 * output (HTML tables, PNG charts, Markdown) sent to the notebook. Outside a kernel (plain
 * Java, tests) the displays print their text form instead.
 */
public final class Notebook {
    /** Environment variable naming the run's work directory ({@code run.work-dir}). */
    public static final String WORK_DIR_ENV = "ALPHALEAK_WORK_DIR";

    private static SparkSession spark;

    private Notebook() {}

    /**
     * The run's work directory as a Hadoop path ({@code file:} or {@code s3a:}): {@value #WORK_DIR_ENV}
     * when set, else {@code target/alphaleak} of the repository (found from the notebook's directory
     * or the current one).
     */
    public static String workDir() {
        String env = System.getenv(WORK_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return env.contains("://") ? env : java.nio.file.Path.of(env).toAbsolutePath().normalize().toString();
        }
        for (String p : List.of("../target/alphaleak", "target/alphaleak")) {
            java.nio.file.Path local = java.nio.file.Path.of(p);
            if (java.nio.file.Files.isDirectory(local)) return local.toAbsolutePath().normalize().toString();
        }
        throw new IllegalStateException("no run found: set " + WORK_DIR_ENV
                + " or run bin/alphaleak run --sample first (looked for target/alphaleak)");
    }

    /** One local Spark session ({@code local[2]}, Delta, UTC), created on first use and shared by every cell. */
    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.create(new AlphaLeakConfig.SparkSettings(Optional.of("local[2]"), "alphaleak-notebook", 4,
                    Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4")));
        }
        return spark;
    }

    /** A path under the work directory, e.g. {@code path("datasets/signal")}. */
    public static String path(String relativePath) {
        return new org.apache.hadoop.fs.Path(workDir(), relativePath).toString();
    }

    /** Reads a Delta table under the work directory, e.g. {@code delta("datasets/signal")}. */
    public static Dataset<Row> delta(String relativePath) {
        return spark().read().format("delta").load(path(relativePath));
    }

    /** The manifest of a written dataset ({@code signal} or {@code genesis}). */
    public static DatasetManifest manifest(String dataset) {
        String at = path("datasets/" + dataset);
        return ManifestFiles.read(spark(), at).orElseThrow(() -> new IllegalStateException("no dataset manifest at " + at));
    }

    /**
     * The newest model of every file stem under {@code models/} (newest by {@code created_at}, ties
     * by model id), read through {@link ModelDirectory} with its bytes, keyed by stem
     * ({@code reach_2x_1h}, {@code genesis_reach_2x_1h}) in name order.
     */
    public static Map<String, ModelArtifact> latestArtifacts() {
        Configuration conf = spark().sparkContext().hadoopConfiguration();
        Map<String, String> newestDir = new TreeMap<>();
        Map<String, ModelSidecar> newest = new TreeMap<>();
        Comparator<ModelSidecar> order = Comparator.comparing(ModelSidecar::createdAt).thenComparing(ModelSidecar::modelId);
        for (String dir : ModelDirectory.list(path("models"), conf)) {
            ModelSidecar s = ModelDirectory.readSidecar(dir, conf);
            ModelSidecar best = newest.get(s.stem());
            if (best == null || order.compare(s, best) > 0) {
                newest.put(s.stem(), s);
                newestDir.put(s.stem(), dir);
            }
        }
        Map<String, ModelArtifact> out = new TreeMap<>();
        newestDir.forEach((stem, dir) -> out.put(stem, ModelDirectory.read(dir, conf)));
        return out;
    }

    /** The sidecars of {@link #latestArtifacts()}, keyed by file stem. */
    public static Map<String, ModelSidecar> latestModels() {
        Map<String, ModelSidecar> out = new TreeMap<>();
        latestArtifacts().forEach((stem, a) -> out.put(stem, a.sidecar()));
        return out;
    }

    /** Shows the first {@code limit} rows of {@code df} as an HTML table (text table outside a notebook). */
    public static void show(Dataset<Row> df, int limit) {
        List<String> header = List.of(df.columns());
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : df.limit(limit).collectAsList()) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) cells.add(r.get(i));
            rows.add(cells);
        }
        table(header, rows);
    }

    /** Shows rows as an HTML table; doubles are printed with 4 significant decimals. */
    public static void table(List<String> header, List<List<Object>> rows) {
        StringBuilder html = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>");
        StringBuilder text = new StringBuilder(String.join("\t", header)).append('\n');
        for (List<Object> row : rows) {
            html.append("<tr>");
            List<String> cells = row.stream().map(Notebook::cell).collect(Collectors.toList());
            cells.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>");
            text.append(String.join("\t", cells)).append('\n');
        }
        html.append("</tbody></table>");
        DisplayData d = new DisplayData(text.toString());
        d.putHTML(html.toString());
        display(d);
    }

    /** Shows a PNG (e.g. from {@code com.alphaleak.export.report.Chart}). */
    public static void png(byte[] png) {
        DisplayData d = new DisplayData("[PNG image, " + png.length + " bytes]");
        d.putData("image/png", Base64.getEncoder().encodeToString(png));
        display(d);
    }

    /** Shows Markdown (rendered by Jupyter). */
    public static void markdown(String md) {
        DisplayData d = new DisplayData(md);
        d.putMarkdown(md);
        display(d);
    }

    /** Key-value facts as a two-column table, in the given order. */
    public static void facts(Map<String, ?> facts) {
        List<List<Object>> rows = new ArrayList<>();
        new LinkedHashMap<>(facts).forEach((k, v) -> rows.add(List.of(k, v == null ? "" : v)));
        table(List.of("fact", "value"), rows);
    }

    private static void display(DisplayData d) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel != null) {
            kernel.display(d);
        } else {
            System.out.println(d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        }
    }

    private static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double x) return Double.isNaN(x) ? "NaN" : String.format(java.util.Locale.ROOT, "%.4f", x);
        if (v instanceof Float x) return String.format(java.util.Locale.ROOT, "%.4f", x);
        return v.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
