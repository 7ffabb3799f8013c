package dev.tensile.spark;

import java.io.Serializable;

import dev.tensile.tensor.Matrix;
import dev.tensile.train.LabeledData;

/**
 * One partition's training examples, as the RDD caches them: dense float32 rows, converted once on the driver (or
 * read by Spark). The matrices are made on first use on the executor and kept with the cached object.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    private final int rows;
    private final int inputs;
    private final int outputs;
    private final float[] x;
    private final float[] y;
    private transient LabeledData data;

    Shard(int partition, int rows, int inputs, int outputs, float[] x, float[] y) {
        this.partition = partition;
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
        this.x = x;
        this.y = y;
    }

    int rows() {
        return rows;
    }

    synchronized LabeledData data() {
        if (data == null) {
            data = new LabeledData(new Matrix(rows, inputs, x), new Matrix(rows, outputs, y));
        }
        return data;
    }
}
