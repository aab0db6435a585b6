package com.alphaleak.sample;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Layout of snapshot rows before their {@code snapshot_id} is assigned: key columns, the known
 * time as epoch micros ({@value #KNOWN_AT}), the per-key write sequence ({@value #WRITE_SEQ}),
 * then the contract's value columns in contract order.
 */
final class RawSnapshots {
    private RawSnapshots() {}

    static final String KNOWN_AT = "known_at_us";
    static final String WRITE_SEQ = "write_seq";

    static StructType schema(TableContract contract) {
        List<StructField> f = new ArrayList<>();
        for (String key : contract.keyColumns()) {
            f.add(DataTypes.createStructField(key, DataTypes.StringType, false));
        }
        f.add(DataTypes.createStructField(KNOWN_AT, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(WRITE_SEQ, DataTypes.IntegerType, false));
        for (ColumnSpec c : contract.valueColumns()) {
            f.add(DataTypes.createStructField(c.name(), c.type(), true));
        }
        return DataTypes.createStructType(f);
    }

    /**
     * The feature store stamps writes with whole seconds, rounding up: a row is never stamped
     * before the information in it existed (rounding down could let a signal in the same second
     * see a snapshot that already counts it). Writes landing in one second share a stamp.
     */
    static long stamp(long micros) {
        return Math.floorDiv(micros + WorldSpec.SECOND - 1, WorldSpec.SECOND) * WorldSpec.SECOND;
    }
}
