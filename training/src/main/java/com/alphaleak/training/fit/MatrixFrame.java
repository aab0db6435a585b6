package com.alphaleak.training.fit;

import com.alphaleak.training.data.DenseMatrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A {@link DenseMatrix} as a one-partition {@link TrainingFrame} ({@code features}, {@code label}):
 * exactly the rows, values and row order a trial trained on, whatever the layout of the table they
 * came from. The matrix is broadcast (as for the trials) and unfolded in one task; close to free
 * the broadcast.
 */
public final class MatrixFrame implements AutoCloseable {
    private static final StructType SCHEMA = new StructType()
            .add(TrainingFrame.FEATURES, SQLDataTypes.VectorType(), false)
            .add(TrainingFrame.LABEL, DataTypes.DoubleType, false);

    private final Broadcast<DenseMatrix> matrix;
    private final Dataset<Row> frame;

    private MatrixFrame(Broadcast<DenseMatrix> matrix, Dataset<Row> frame) {
        this.matrix = matrix;
        this.frame = frame;
    }

    public static MatrixFrame of(SparkSession spark, DenseMatrix m) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<DenseMatrix> b = jsc.broadcast(m);
        JavaRDD<Row> rows = jsc.parallelize(List.of(0), 1).mapPartitions(ignored -> rows(b.value()));
        return new MatrixFrame(b, spark.createDataFrame(rows, SCHEMA));
    }

    private static Iterator<Row> rows(DenseMatrix m) {
        List<Row> out = new ArrayList<>(m.rows());
        for (int r = 0; r < m.rows(); r++) out.add(RowFactory.create(Vectors.dense(m.row(r)), (double) m.labels()[r]));
        return out.iterator();
    }

    public Dataset<Row> frame() {
        return frame;
    }

    @Override
    public void close() {
        matrix.destroy();
    }
}
