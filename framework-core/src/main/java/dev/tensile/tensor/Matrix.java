package dev.tensile.tensor;

import java.util.Arrays;

/**
 * A dense float32 matrix, row-major, backed by one array that layers own and reuse every step.
 * Element (r, c) lives at {@code data[r * cols + c]}.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    public Matrix(int rows, int cols, float[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape " + rows + "x" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " exceeds the largest Java array");
        }
        return (int) size;
    }

    public static Matrix of(float[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, expected " + c);
            }
            System.arraycopy(values[i], 0, m.data, i * c, c);
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return data.length;
    }

    /** The backing array: kernels read and write it directly. */
    public float[] data() {
        return data;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    public void fill(float v) {
        Arrays.fill(data, v);
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    public void copyFrom(Matrix other) {
        requireSameShape(other);
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    public void requireSameShape(Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape " + other.shape() + " does not match " + shape());
        }
    }

    public String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        return "Matrix[" + shape() + "]";
    }
}
