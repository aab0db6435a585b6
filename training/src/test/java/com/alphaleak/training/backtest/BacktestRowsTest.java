package com.alphaleak.training.backtest;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.PeakLabel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestRowsTest extends SharedSpark {
    private static final PeakLabel TWO_X = new PeakLabel("peak_multiple_1h", 2.0, 0.3);

    /** Rows s0..s{n-1} at decreasing times (so the collected order reverses them), label = i % 3 == 0, peak from {@code peak}. */
    private Dataset<Row> frame(int n, java.util.function.IntFunction<Double> peak) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("t", DataTypes.TimestampType)
                .add("f", DataTypes.DoubleType).add("y", DataTypes.IntegerType).add("peak_multiple_1h", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(RowFactory.create("s" + i, new Timestamp(1_000_000L * (n - i)), (double) i, i % 3 == 0 ? 1 : 0, peak.apply(i)));
        return spark().createDataFrame(rows, schema).repartition(3);
    }

    @Test
    void everyRowCarriesItsSoftLabelInTimeOrderAndASliceKeepsThem() {
        Dataset<Row> data = frame(60, i -> i % 3 == 0 ? 2.0 + i / 10.0 : 1.0 + i / 100.0);
        BacktestRows rows = BacktestRows.collect("signal dataset", data, List.of("f"), "y", TWO_X, "id", "t");
        DenseMatrix m = rows.matrix();
        assertEquals(60, m.rows());
        for (int k = 0; k < 60; k++) {
            int i = 59 - k; // newest first in the frame, oldest first collected
            assertEquals("s" + i, rows.ids()[k]);
            assertEquals(TWO_X.of(i % 3 == 0 ? 2.0 + i / 10.0 : 1.0 + i / 100.0), m.targets()[k], "row " + k);
        }
        DenseMatrix slice = rows.slice(10, 20);
        assertArrayEquals(java.util.Arrays.copyOfRange(m.targets(), 10, 20), slice.targets());
        assertNull(slice.withTargets(null).targets(), "a window's validation and scored rows drop them");
        assertNull(BacktestRows.collect("signal dataset", data, List.of("f"), "y", "id", "t").matrix().targets(), "no peak label, no targets");
    }

    @Test
    void aPeakThatContradictsItsLabelIsABreachOfContractNamingColumnAndIds() {
        Dataset<Row> data = frame(30, i -> i == 7 ? null : Double.valueOf(i == 4 ? 3.0 : i % 3 == 0 ? 2.5 : 1.5));
        DataContractException e = assertThrows(DataContractException.class,
                () -> BacktestRows.collect("signal dataset", data, List.of("f"), "y", TWO_X, "id", "t"));
        assertEquals("signal dataset", e.table());
        assertTrue(e.getMessage().contains("column peak_multiple_1h: 2 row(s) labelled for y") && e.getMessage().contains("s4")
                && e.getMessage().contains("s7"), e.getMessage());
        DataContractException missing = assertThrows(DataContractException.class, () -> BacktestRows.collect("signal dataset",
                data.drop("peak_multiple_1h"), List.of("f"), "y", TWO_X, "id", "t"));
        assertTrue(missing.getMessage().contains("missing column(s) [peak_multiple_1h]"), missing.getMessage());
    }
}
