package com.alphaleak.export.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers writer, enough for the handful of ONNX messages the converter emits
 * (field numbers from onnx.proto). Keeping it in-house avoids a protobuf runtime on the cluster,
 * where Spark already ships a different protobuf version.
 */
final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    Proto varint(int field, long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    Proto string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    Proto message(int field, Proto message) {
        return bytes(field, message.bytes());
    }

    Proto float32(int field, float value) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        return this;
    }

    /** Packed repeated int64. */
    Proto packedInts(int field, long[] values) {
        Proto p = new Proto();
        for (long v : values) p.raw(v);
        return bytes(field, p.bytes());
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
