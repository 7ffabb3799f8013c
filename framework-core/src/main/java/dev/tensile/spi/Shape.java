package dev.tensile.spi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of one example as it flows between layers, or of one parameter: a tuple of positive sizes such as
 * {@code [784]} (a vector) or {@code [28, 28, 1]} (an image: height, width, channels). Immutable.
 *
 * <p>In a batch {@link dev.tensile.tensor.Matrix} each example is one row of {@link #size()} floats, laid out
 * row-major over the tuple (the last size varies fastest: for {@code [28, 28, 1]} that is height, width, channel).
 * What each axis means is the business of the layers that read it; the engine only checks that the shape one layer
 * gives is the shape the next one accepts.
 */
public final class Shape implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest number of values in one shape; a batch row or a parameter must fit a Java array. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private final int[] dims;

    private Shape(int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one size");
        }
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every size of a shape must be at least 1, got " + Arrays.toString(dims));
            }
            size *= d;
            if (size > MAX_SIZE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than " + MAX_SIZE + " values");
            }
        }
        this.dims = dims;
    }

    /** {@code Shape.of(784)}, {@code Shape.of(28, 28, 1)}. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** From a list (a script's {@code input 28, 28, 1}, a model file's JSON array). */
    public static Shape of(List<Integer> dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i);
        }
        return new Shape(d);
    }

    /** How many sizes: 1 for a vector, 3 for an image. */
    public int rank() {
        return dims.length;
    }

    /** Size along axis {@code axis} (0-based). */
    public int dim(int axis) {
        return dims[axis];
    }

    /** The sizes, as a fresh array. */
    public int[] dims() {
        return dims.clone();
    }

    /** The sizes, as a list. */
    public List<Integer> toList() {
        List<Integer> out = new ArrayList<>(dims.length);
        for (int d : dims) {
            out.add(d);
        }
        return List.copyOf(out);
    }

    /** Values in one example (or one parameter): the product of the sizes. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The last size: a vector's width, an image's channels, a weight matrix's columns. */
    public int last() {
        return dims[dims.length - 1];
    }

    /** Product of every size but the last (1 for a vector): the rows a parameter of this shape is stored in. */
    public int leading() {
        return size() / last();
    }

    /** True for a rank-1 shape, which dense layers and losses take. */
    public boolean isVector() {
        return dims.length == 1;
    }

    /** {@code 10} for a vector, {@code 28x28x1} otherwise: how summaries and labels print a shape. */
    public String compact() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [28, 28, 1]}: how messages and model files write a shape. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
