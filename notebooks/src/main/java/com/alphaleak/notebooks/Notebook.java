package com.alphaleak.notebooks;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.model.ModelSidecar;
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
     * The run's work directory: {@value #WORK_DIR_ENV} when set, else {@code target/alphaleak}
     * of the repository (found from the notebook's directory or the current one).
     */
    public static Path workDir() {
        String env = System.getenv(WORK_DIR_ENV);
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
        for (Path p : List.of(Path.of("../target/alphaleak"), Path.of("target/alphaleak"))) {
            if (Files.isDirectory(p)) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("no run found: set " + WORK_DIR_ENV + " or run bin/alphaleak run first (looked for target/alphaleak)");
    }

    /** One local Spark session ({@code local[2]}, Delta, UTC), created on first use and shared by every cell. */
    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.create(new AlphaLeakConfig.SparkSettings(Optional.of("local[2]"), "alphaleak-notebook", 4,
                    Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4")));
        }
        return spark;
    }

    /** Reads a Delta table under the work directory, e.g. {@code delta("datasets/signal")}. */
    public static Dataset<Row> delta(String relativePath) {
        return spark().read().format("delta").load(workDir().resolve(relativePath).toString());
    }

    /**
     * The newest sidecar of every model under {@code models/} (newest by {@code created_at}, ties by
     * model id), keyed by file stem ({@code reach_2x_1h}, {@code genesis_reach_2x_1h}) in name order.
     */
    public static Map<String, ModelSidecar> latestModels() {
        Path models = workDir().resolve("models");
        if (!Files.isDirectory(models)) return Map.of();
        try (Stream<Path> files = Files.walk(models)) {
            List<ModelSidecar> all = files.filter(p -> p.getFileName().toString().endsWith(ModelSidecar.FILE_SUFFIX))
                    .map(Notebook::readSidecar).collect(Collectors.toList());
            Map<String, ModelSidecar> latest = new TreeMap<>();
            Comparator<ModelSidecar> newest = Comparator.comparing(ModelSidecar::createdAt).thenComparing(ModelSidecar::modelId);
            for (ModelSidecar s : all) {
                latest.merge(ModelSidecar.stem(s.modelKind(), s.target()), s, (a, b) -> newest.compare(a, b) >= 0 ? a : b);
            }
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelSidecar readSidecar(Path p) {
        try {
            return ModelSidecar.fromJson(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
