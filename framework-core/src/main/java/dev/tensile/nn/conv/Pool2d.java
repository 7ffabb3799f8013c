package dev.tensile.nn.conv;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Pooling;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * Max or average pooling over NHWC images, channel by channel; global average pooling is the average over a
 * window the size of the image (output: one value per channel). See {@link Pooling} for padding and ties.
 */
public final class Pool2d implements Layer.Worker {
    /** Which statistic of a window the layer keeps. */
    public enum Mode { MAX, AVG }

    private final Mode mode;
    private final ConvGeometry g;
    private final Buffers outputs;
    private final Buffers gradInputs;
    private final Pooling pooling = new Pooling();
    private float[] taps;

    public Pool2d(Mode mode, ConvGeometry g) {
        this.mode = mode;
        this.g = g;
        this.outputs = new Buffers(outputSize());
        this.gradInputs = new Buffers(g.inputSize());
    }

    /** Global average pooling over images of {@code h x w x channels}: a {@code channels}-wide output. */
    public static Pool2d globalAverage(int h, int w, int channels) {
        return new Pool2d(Mode.AVG, ConvGeometry.of(h, w, channels, h, w, 1, 1, 0, 0, 0, 0, 1, 1));
    }

    public Mode mode() {
        return mode;
    }

    public ConvGeometry geometry() {
        return g;
    }

    /** Values per output example: outPixels x channels. */
    public int outputSize() {
        return g.outPixels() * g.channels();
    }

    @Override
    public Matrix forward(Matrix in, boolean training) {
        int batch = in.rows();
        Matrix out = outputs.get(batch);
        long t0 = OpTimes.start();
        if (mode == Mode.MAX) {
            taps = Scratch.atLeast(taps, (long) batch * outputSize());
            pooling.maxForward(in.data(), batch, g, out.data(), taps);
        } else {
            pooling.avgForward(in.data(), batch, g, out.data());
        }
        OpTimes.stop(OpTimes.Kind.POOLING, t0);
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        int batch = gradOut.rows();
        Matrix gradIn = gradInputs.get(batch);
        long t0 = OpTimes.start();
        if (mode == Mode.MAX) {
            pooling.maxBackward(gradOut.data(), taps, batch, g, gradIn.data());
        } else {
            pooling.avgBackward(gradOut.data(), batch, g, gradIn.data());
        }
        OpTimes.stop(OpTimes.Kind.POOLING, t0);
        return gradIn;
    }
}
