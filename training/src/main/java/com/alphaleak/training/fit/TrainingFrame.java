package com.alphaleak.training.fit;

import com.alphaleak.features.split.SplitSide;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The DataFrame SynapseML trains on: a {@code features} vector (null features as NaN, kept, so
 * LightGBM treats them as missing), a double {@code label}, and an {@code is_validation} flag for
 * early stopping. Only labelled training and validation rows are kept.
 */
public final class TrainingFrame {
    public static final String FEATURES = "features";
    public static final String LABEL = "label";
    public static final String IS_VALIDATION = "is_validation";

    private TrainingFrame() {}

    public static Dataset<Row> of(Dataset<Row> data, List<String> features, String target, String splitColumn) {
        Column[] cols = new Column[features.size() + 2];
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            cols[i] = when(col(f).isNull(), lit(Double.NaN)).otherwise(col(f).cast("double")).as(f);
        }
        cols[features.size()] = col(target).cast("double").as(LABEL);
        cols[features.size() + 1] = col(splitColumn).equalTo(lit(SplitSide.VALIDATION.label())).as(IS_VALIDATION);
        Dataset<Row> rows = data.where(col(target).isNotNull()
                        .and(col(splitColumn).isin(SplitSide.TRAIN.label(), SplitSide.VALIDATION.label())))
                .select(cols);
        return new VectorAssembler().setInputCols(features.toArray(new String[0])).setOutputCol(FEATURES)
                .setHandleInvalid("keep").transform(rows).select(FEATURES, LABEL, IS_VALIDATION);
    }
}
