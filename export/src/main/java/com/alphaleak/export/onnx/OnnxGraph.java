package com.alphaleak.export.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an ONNX ModelProto: nodes, initializers, typed inputs and outputs, metadata. */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<Proto> inputs = new ArrayList<>();
    private final List<Proto> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int counter;

    String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    /** A node; attributes are (name, value) pairs built with the attr* helpers. */
    void node(String opType, String domain, List<String> in, List<String> out, List<Proto> attributes) {
        Proto n = new Proto();
        in.forEach(i -> n.string(1, i));
        out.forEach(o -> n.string(2, o));
        n.string(3, fresh(opType));
        n.string(4, opType);
        attributes.forEach(a -> n.message(5, a));
        if (!domain.isEmpty()) n.string(7, domain);
        nodes.add(n);
    }

    static Proto attrInt(String name, long value) {
        return new Proto().string(1, name).varint(3, value).varint(20, 2);
    }

    static Proto attrInts(String name, long[] values) {
        return new Proto().string(1, name).packedInts(8, values).varint(20, 7);
    }

    static Proto attrTensor(String name, Proto tensor) {
        return new Proto().string(1, name).message(5, tensor).varint(20, 4);
    }

    static Proto tensor(String name, int dataType, long[] dims, byte[] raw) {
        Proto t = new Proto().packedInts(1, dims).varint(2, dataType);
        if (!name.isEmpty()) t.string(8, name);
        return t.bytes(9, raw);
    }

    static byte[] doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) b.putDouble(d);
        return b.array();
    }

    static byte[] int64s(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : v) b.putLong(d);
        return b.array();
    }

    static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static byte[] uint8s(int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static byte[] bools(boolean[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) (v[i] ? 1 : 0);
        return b;
    }

    /** A constant tensor as an initializer; returns its name. */
    String constant(String prefix, int dataType, long[] dims, byte[] raw) {
        String name = fresh(prefix);
        initializers.add(tensor(name, dataType, dims, raw));
        return name;
    }

    void input(String name, int elemType, String... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    void output(String name, int elemType, String... dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** Dimensions given as numbers are fixed, anything else is a symbolic name. */
    private static Proto valueInfo(String name, int elemType, String[] dims) {
        Proto shape = new Proto();
        for (String d : dims) {
            Proto dim = new Proto();
            if (d.chars().allMatch(Character::isDigit)) dim.varint(1, Long.parseLong(d));
            else dim.string(2, d);
            shape.message(1, dim);
        }
        Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    byte[] toModel(String graphName, String producerVersion, String docString) {
        Proto g = new Proto();
        nodes.forEach(n -> g.message(1, n));
        g.string(2, graphName);
        initializers.forEach(t -> g.message(5, t));
        g.string(10, docString);
        inputs.forEach(i -> g.message(11, i));
        outputs.forEach(o -> g.message(12, o));
        Proto m = new Proto().varint(1, 10) // IR version 10 (ONNX 1.16): the first with ai.onnx.ml opset 5
                .string(2, "alphaleak").string(3, producerVersion).string(4, "com.alphaleak").varint(5, 1)
                .string(6, docString).message(7, g);
        m.message(8, new Proto().string(1, "").varint(2, 21));
        m.message(8, new Proto().string(1, "ai.onnx.ml").varint(2, 5));
        metadata.forEach((k, v) -> m.message(14, new Proto().string(1, k).string(2, v)));
        return m.bytes();
    }
}
